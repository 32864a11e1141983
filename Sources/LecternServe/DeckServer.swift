import Foundation
import LecternMarkdown
import LecternSlides

/// What the server shows for one Markdown file: a full HTML page, and problems to overlay on it
/// (file, line, message) until they are fixed.
public struct SitePage: Sendable {
  public var html: String
  public var problems: [String]
  /// A short label for the index ("deck", "postmortem", "document").
  public var kind: String

  public init(html: String, problems: [String], kind: String) {
    self.html = html
    self.problems = problems
    self.kind = kind
  }
}

/// `lectern serve`: decks and postmortems under a folder, each rendered on request, every open page
/// reloaded (keeping its slide) when a file under the folder, or an extra watched file, changes.
public final class DeckServer: Sendable {
  public let root: SiteRoot
  let host: String
  let port: UInt16
  let render: @Sendable (URL) -> SitePage
  let watcher: ChangeWatcher
  let events = EventStreams()
  private let cache = PageCache()

  public init(root: SiteRoot, host: String, port: UInt16, watching extra: [URL], render: @escaping @Sendable (URL) -> SitePage) {
    self.root = root
    self.host = host
    self.port = port
    self.render = render
    self.watcher = ChangeWatcher(files: { root.files() + extra })
  }

  /// Serves until the process ends; `listening` gets the base URL once the socket is bound.
  public func run(listening: @Sendable (String) -> Void) throws -> Never {
    let listener = HTTPListener(events: events) { [self] request in self.respond(to: request) }
    let bound = try listener.start(host: host, port: port)
    listening("http://\(host):\(bound)/")
    while true {
      Thread.sleep(forTimeInterval: 0.25)
      if watcher.poll() {
        cache.clear()
        events.publish(version: watcher.version)
      }
    }
  }

  func respond(to request: HTTPListener.Request) -> HTTPListener.Response {
    let path = request.path
    if path == "/__lectern/events" { return .events }
    if path == "/" || path.isEmpty { return page(index(), status: 200) }
    guard let file = root.file(forRequestPath: path) else { return notFound(path) }
    if ["md", "markdown"].contains(file.pathExtension.lowercased()) {
      let version = watcher.version
      if let cached = cache.get(file.path, version: version) { return page(cached, status: 200) }
      let rendered = render(file)
      let html = Self.inject(rendered, path: root.requestPath(for: file))
      cache.set(file.path, version: version, html: html)
      return page(html, status: 200)
    }
    guard let data = try? Data(contentsOf: file) else { return notFound(path) }
    return .full(
      status: 200, headers: [("Content-Type", Self.contentType(file)), ("Cache-Control", "no-store")], body: [UInt8](data))
  }

  private func page(_ html: String, status: Int) -> HTTPListener.Response {
    .full(
      status: status, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")],
      body: Array(html.utf8))
  }

  private func notFound(_ path: String) -> HTTPListener.Response {
    let body =
      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body>"
      + "<h1>404 Not found</h1><p>\(HTMLEscaping.escape(path)) is not a file under the served folder.</p>"
      + "<p><a href=\"/\">All decks and postmortems</a></p></body></html>"
    return .full(
      status: 404, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")], body: Array(body.utf8))
  }

  /// The live-reload client and the problems overlay, added before `</body>`.
  static func inject(_ page: SitePage, path: String) -> String {
    var extra = ""
    if !page.problems.isEmpty {
      extra +=
        "<div class=\"lectern-serve-problems\" role=\"alert\" style=\"position:fixed;left:12px;right:12px;bottom:12px;"
        + "z-index:1000;background:#3b0a0a;color:#fff;font:14px/1.45 monospace;padding:10px 14px;border-radius:8px;"
        + "max-height:40vh;overflow:auto;white-space:pre-wrap\">"
        + page.problems.map(HTMLEscaping.escape).joined(separator: "\n") + "</div>\n"
    }
    extra += """
      <script id="lectern-live-reload">
      (function () {
        if (!window.EventSource) return;
        var first = null;
        var source = new EventSource('/__lectern/events');
        source.onmessage = function (e) {
          if (first === null) { first = e.data; return; }
          if (e.data !== first) location.reload();
        };
      })();
      </script>

      """
    var html = page.html
    if let end = html.range(of: "</body>", options: .backwards) {
      html.insert(contentsOf: extra, at: end.lowerBound)
    } else {
      html += extra
    }
    return html
  }

  private func index() -> String {
    var rows = ""
    for file in root.markdownFiles() {
      let path = root.requestPath(for: file)
      rows += "<li><a href=\"\(HTMLEscaping.escape(path))\">\(HTMLEscaping.escape(String(path.dropFirst())))</a></li>\n"
    }
    if rows.isEmpty { rows = "<li>No Markdown files here yet.</li>" }
    let page = SitePage(
      html: """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Lectern · \(HTMLEscaping.escape(root.url.lastPathComponent))</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:760px;margin:40px auto;padding:0 16px;color:#1f2430}
        a{color:#1f5fbf}li{margin:4px 0}</style></head><body>
        <h1>Decks and postmortems in \(HTMLEscaping.escape(root.url.lastPathComponent))</h1>
        <ul>
        \(rows)</ul>
        <p>Pages reload by themselves when a file here changes.</p>
        </body></html>
        """, problems: [], kind: "index")
    return Self.inject(page, path: "/")
  }

  static func contentType(_ file: URL) -> String {
    switch file.pathExtension.lowercased() {
    case "css": "text/css; charset=utf-8"
    case "js": "text/javascript; charset=utf-8"
    case "json": "application/json"
    case "html", "htm": "text/html; charset=utf-8"
    case "txt", "md", "csv": "text/plain; charset=utf-8"
    case "pdf": "application/pdf"
    case "woff2": "font/woff2"
    case "woff": "font/woff"
    default: AssetResolver.mimeType(for: file)  // images, as embedded in built pages
    }
  }
}

/// Rendered pages by file, valid for one version of the site.
final class PageCache: @unchecked Sendable {
  private let lock = NSLock()
  private var pages: [String: (version: Int, html: String)] = [:]

  func get(_ path: String, version: Int) -> String? {
    lock.lock()
    defer { lock.unlock() }
    guard let hit = pages[path], hit.version == version else { return nil }
    return hit.html
  }

  func set(_ path: String, version: Int, html: String) {
    lock.lock()
    pages[path] = (version, html)
    lock.unlock()
  }

  func clear() {
    lock.lock()
    pages.removeAll()
    lock.unlock()
  }
}
