import Foundation
import Hummingbird
import LecternCore

/// The routes of `lectern serve`: `/` is the folder index, `/__lectern/events` the live-reload event
/// stream, and any other path a file under the root — Markdown rendered on request (cached until the next
/// change), anything else passed through — or the 404 page. GET and HEAD only.
struct SiteResponder: Sendable {
  let root: SiteRoot
  let pages: SitePages
  let events: ReloadEvents
  let cache: PageCache
  let render: @Sendable (URL) throws -> SitePage
  let log: @Sendable (String) -> Void

  func router() -> Router<BasicRequestContext> {
    let router = Router()
    router.get("/") { _, _ in Self.html(pages.index()) }
    router.get(RouterPath(LiveReload.eventsPath)) { _, _ in eventStream() }
    router.get("**") { request, _ in await file(request.uri.path) }
    router.head("/") { _, _ in Self.headOnly(Self.html(pages.index())) }
    router.head("**") { request, _ in Self.headOnly(await file(request.uri.path)) }
    return router
  }

  /// The response for a request path (as sent, percent-encoded).
  func file(_ path: String) async -> Response {
    guard let file = root.file(forRequestPath: path) else { return Self.html(pages.notFound(path), status: .notFound) }
    guard ["md", "markdown"].contains(file.pathExtension.lowercased()) else {
      guard let data = try? Data(contentsOf: file) else { return Self.html(pages.notFound(path), status: .notFound) }
      return Response(
        status: .ok, headers: [.contentType: SiteContentType.of(file), .cacheControl: "no-store"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
    let page = await cache.page(file.path, version: events.version) { await renderPage(file) }
    return Response(
      status: page.status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
      body: ResponseBody(byteBuffer: page.body))
  }

  /// Renders on a thread with a large stack, so a deeply nested deck cannot overflow a server thread;
  /// a render that fails becomes a 500 page (and a log line), and the server serves on.
  private func renderPage(_ file: URL) async -> PageCache.Entry {
    do {
      let page = try await withLargeStack { [render] in try render(file) }
      return PageCache.Entry(status: .ok, body: ByteBuffer(string: LiveReload.inject(page)))
    } catch {
      log("\(file.path): error: cannot render: \(error)")
      return PageCache.Entry(
        status: .internalServerError, body: ByteBuffer(string: pages.renderFailure(file, message: "\(error)")))
    }
  }

  /// Server-sent events: the site's version now, then each new version, until the client or the server goes.
  private func eventStream() -> Response {
    let events = self.events
    let body = ResponseBody { writer in
      let stream = events.subscribe()
      defer { events.unsubscribe(stream.id) }
      try await writer.write(ByteBuffer(string: "retry: 500\n" + ReloadEvents.Message.version(stream.version).text))
      for await message in stream.messages {
        try await writer.write(ByteBuffer(string: message.text))
      }
      try await writer.finish(nil)
    }
    return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
  }

  static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
  }

  /// The same response without its body; `Content-Length` still says how long the body would be.
  static func headOnly(_ response: Response) -> Response {
    var head = response
    head.body = ResponseBody(contentLength: response.body.contentLength) { writer in try await writer.finish(nil) }
    return head
  }
}
