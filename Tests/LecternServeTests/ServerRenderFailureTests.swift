import Foundation
import LecternServe
import LecternTestSupport
import Testing

/// One request must not take the server down (issue 17): deep nesting renders on a large stack, and a
/// render that fails is a 500 page plus a log line while the server serves on.
@Suite struct ServerRenderFailureTests {
  @Test func aDeeplyNestedDeckDoesNotKillTheServer() async throws {
    let site = try SiteFixture.make()
    let quotes = String(repeating: "> ", count: 1_500)
    try "---\nmarp: true\n---\n\n\(quotes)deep-inside\n".write(
      to: site.appendingPathComponent("deep.md"), atomically: true, encoding: .utf8)
    try await withRunningSite(root: site) { server in
      let deep = try await TestConnection.get("/deep.md", port: server.port)
      #expect(deep.status == 200)
      #expect(deep.body.contains("deep-inside"))
      #expect(try await TestConnection.get("/talk.md", port: server.port).status == 200, "the server lives on")
    }
  }

  @Test func aFailedRenderIsAnErrorPageAndALogLine() async throws {
    struct Broken: Error, CustomStringConvertible {
      var description: String { "the renderer gave up on <this>" }
    }
    let site = try SiteFixture.make()
    let render: @Sendable (URL) throws -> SitePage = { _ in throw Broken() }
    try await withRunningSite(root: site, render: render) { server in
      let failed = try await TestConnection.get("/talk.md", port: server.port)
      #expect(failed.status == 500)
      #expect(failed.body.contains("Cannot render talk.md"))
      #expect(failed.body.contains("the renderer gave up on &lt;this&gt;"))
      #expect(failed.body.contains("id=\"lectern-live-reload\""), "the error page reloads once the file is fixed")
      #expect(server.logs.snapshot.count == 1)
      #expect(server.logs.snapshot.first?.hasSuffix("talk.md: error: cannot render: the renderer gave up on <this>") == true)
      #expect(try await TestConnection.get("/img/dot.svg", port: server.port).status == 200, "the server lives on")
    }
  }
}
