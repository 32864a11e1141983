import Foundation
import LecternTemplates
import LecternTestSupport
import Testing

@testable import LecternServe

/// The routes of the real server on a loopback port: index, rendered decks, static files, 404, HEAD.
@Suite struct ServerRoutingTests {
  @Test func indexListsTheMarkdownFilesWithTheReloadClient() async throws {
    let site = try SiteFixture.make()
    try "# Notes\n".write(to: site.appendingPathComponent("img/notes a.md"), atomically: true, encoding: .utf8)
    try await withRunningSite(root: site) { server in
      let index = try await TestConnection.get("/", port: server.port)
      #expect(index.status == 200)
      #expect(index.headers["content-type"] == "text/html; charset=utf-8")
      #expect(index.body.contains("<a href=\"/talk.md\">talk.md</a>"))
      #expect(index.body.contains("<a href=\"/img/notes%20a.md\">img/notes a.md</a>"))
      #expect(index.body.contains("new EventSource('/__lectern/events')"))
      #expect(!index.body.contains(".env"), "hidden files are not listed")
    }
  }

  @Test func decksAreRenderedOnRequestAndFilesPassThrough() async throws {
    let site = try SiteFixture.make()
    try await withRunningSite(root: site) { server in
      let deck = try await TestConnection.get("/talk.md", port: server.port)
      #expect(deck.status == 200)
      #expect(deck.body.contains("forty-one"))
      #expect(deck.body.contains("id=\"lectern-live-reload\""))
      #expect(deck.headers["cache-control"] == "no-store")
      let presenter = try await TestConnection.get("/talk.md?presenter", port: server.port)
      #expect(presenter.status == 200)
      #expect(presenter.body == deck.body, "the query does not change which file is served")
      let picture = try await TestConnection.get("/img/dot.svg", port: server.port)
      #expect(picture.status == 200)
      #expect(picture.headers["content-type"] == "image/svg+xml")
      #expect(picture.body == "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
    }
  }

  @Test func missingFilesGetTheNotFoundTemplate() async throws {
    let site = try SiteFixture.make()
    try await withRunningSite(root: site) { server in
      let missing = try await TestConnection.get("/nope/<b>.md", port: server.port)
      #expect(missing.status == 404)
      #expect(missing.body.contains("<h1>404 Not found</h1>"))
      #expect(missing.body.contains("<code>/nope/&lt;b&gt;.md</code>"), "the path is escaped by the template")
    }
  }

  @Test func headAnswersWithoutABodyAndOtherMethodsAreRefused() async throws {
    let site = try SiteFixture.make()
    try await withRunningSite(root: site) { server in
      let connection = try TestConnection(host: "127.0.0.1", port: server.port)
      let head = await connection.exchange("HEAD /img/dot.svg HTTP/1.1\r\nHost: test\r\n\r\n")
      #expect(head?.status == 200)
      #expect(head?.body == "")
      #expect(head?.headers["content-length"] == "41", "the length of the body a GET would get")
      // The connection stays usable after HEAD: no stray body bytes.
      let get = await connection.exchange("GET /img/dot.svg HTTP/1.1\r\nHost: test\r\n\r\n")
      #expect(get?.status == 200)
      #expect(get?.body.hasPrefix("<svg") == true)
      let post = try await TestConnection.get("/talk.md", port: server.port, method: "POST")
      #expect(post.status != 200)
    }
  }

  @Test func indexAndNotFoundPagesComeFromOverridableTemplates() async throws {
    let site = try SiteFixture.make()
    let overrides = TestPaths.temporaryDirectory()
    try "<ol>{{#files}}<li class=\"mine\">{{name}}</li>{{/files}}</ol></body>".write(
      to: overrides.appendingPathComponent("serve-index.html.mustache"), atomically: true, encoding: .utf8)
    try "<p class=\"gone\">{{path}} is gone</p>".write(
      to: overrides.appendingPathComponent("serve-404.html.mustache"), atomically: true, encoding: .utf8)
    let templates = try TemplateLibrary(overlaying: overrides.path)
    let pages = SitePages(root: SiteRoot(site), templates: templates)
    #expect(pages.index().contains("<ol><li class=\"mine\">talk.md</li></ol>"))
    #expect(pages.notFound("/x.md") == "<p class=\"gone\">/x.md is gone</p>")
  }
}
