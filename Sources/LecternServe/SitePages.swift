import Foundation
import LecternTemplates

/// The server's own pages — the folder index, "not found" and "cannot render" — from the Mustache
/// templates `serve-index.html`, `serve-404.html` and `serve-error.html` (`--templates DIR` overrides them).
/// The templates only place strings; the values are escaped by the template engine.
struct SitePages: Sendable {
  let root: SiteRoot
  let templates: TemplateLibrary

  /// Every Markdown file under the root, linked, with the live-reload client.
  func index() -> String {
    let files: [[String: String]] = root.markdownFiles().map { file in
      let path = root.requestPath(for: file)
      return ["href": path, "name": String(path.dropFirst()).removingPercentEncoding ?? String(path.dropFirst())]
    }
    let context: [String: Any] = ["folder": root.url.lastPathComponent, "files": files]
    let html = templates.render(context, template: "serve-index.html")
    return LiveReload.inject(SitePage(html: html, problems: [], kind: "index"))
  }

  /// The 404 page for a request path (as sent).
  func notFound(_ path: String) -> String {
    templates.render(["path": path], template: "serve-404.html")
  }

  /// The 500 page for a file that could not be rendered; it reloads by itself once the file changes.
  func renderFailure(_ file: URL, message: String) -> String {
    let html = templates.render(["name": file.lastPathComponent, "message": message], template: "serve-error.html")
    return LiveReload.inject(SitePage(html: html, problems: [], kind: "error"))
  }
}
