import Foundation
import LecternTestSupport
import Testing

@testable import LecternServe

/// Live reload through inotify: a change under the folder reaches every open event stream as a new
/// version, and the next request renders the changed file.
@Suite struct ServerReloadTests {
  static func contains(_ text: String) -> @Sendable (Data) -> Bool {
    { String(decoding: $0, as: UTF8.self).contains(text) }
  }

  @Test func anEditReachesOpenEventStreamsAndTheNextRender() async throws {
    let site = try SiteFixture.make()
    try await withRunningSite(root: site) { server in
      #expect(try await TestConnection.get("/talk.md", port: server.port).body.contains("forty-one"))
      let streams = try (0..<2).map { _ in try TestConnection(host: "127.0.0.1", port: server.port) }
      for stream in streams {
        stream.send("GET /__lectern/events HTTP/1.1\r\nHost: test\r\n\r\n")
        #expect(await stream.read(timeout: 5, until: Self.contains("data: 0")))
        #expect(
          stream.text.contains("content-type: text/event-stream") || stream.text.contains("Content-Type: text/event-stream"))
      }
      try SiteFixture.deck.replacingOccurrences(of: "forty-one", with: "forty-two").write(
        to: site.appendingPathComponent("talk.md"), atomically: true, encoding: .utf8)
      for stream in streams {
        #expect(await stream.read(timeout: 5, until: Self.contains("data: 1")), "got: \(stream.text)")
      }
      let after = try await TestConnection.get("/talk.md", port: server.port)
      #expect(after.body.contains("forty-two"))
      #expect(!after.body.contains("forty-one"))
    }
  }

  @Test func filesCreatedLaterInNewFoldersAreSeen() async throws {
    let site = try SiteFixture.make()
    try await withRunningSite(root: site) { server in
      let stream = try TestConnection(host: "127.0.0.1", port: server.port)
      stream.send("GET /__lectern/events HTTP/1.1\r\nHost: test\r\n\r\n")
      #expect(await stream.read(timeout: 5, until: Self.contains("data: 0")))
      try FileManager.default.createDirectory(at: site.appendingPathComponent("talks"), withIntermediateDirectories: true)
      #expect(await stream.read(timeout: 5, until: Self.contains("data: 1")), "a new folder is a change")
      try "# Later\n".write(to: site.appendingPathComponent("talks/later.md"), atomically: true, encoding: .utf8)
      #expect(
        await stream.read(timeout: 5, until: Self.contains("data: 2")), "a file in the new folder is a change: \(stream.text)")
      #expect(try await TestConnection.get("/", port: server.port).body.contains("href=\"/talks/later.md\""))
    }
  }

  @Test func hiddenFilesDoNotReloadPages() async throws {
    let site = try SiteFixture.make()
    try await withRunningSite(root: site) { server in
      let stream = try TestConnection(host: "127.0.0.1", port: server.port)
      stream.send("GET /__lectern/events HTTP/1.1\r\nHost: test\r\n\r\n")
      #expect(await stream.read(timeout: 5, until: Self.contains("data: 0")))
      try "swap".write(to: site.appendingPathComponent(".talk.md.swp"), atomically: false, encoding: .utf8)
      #expect(await !stream.read(timeout: 1, until: Self.contains("data: 1")))
      try "x".write(to: site.appendingPathComponent("img/new.svg"), atomically: false, encoding: .utf8)
      #expect(await stream.read(timeout: 5, until: Self.contains("data: 1")))
    }
  }
}
