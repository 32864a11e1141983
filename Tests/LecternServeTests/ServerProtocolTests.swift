import Foundation
import LecternTestSupport
import Testing

@testable import LecternServe

/// Malformed or hostile requests (issue 17): each gets a quick answer or a closed connection, never a hang,
/// and the server answers the next client.
@Suite struct ServerProtocolTests {
  @Test func bareLineFeedRequestsAreRefusedAtOnce() async throws {
    let site = try SiteFixture.make()
    try await withRunningSite(root: site) { server in
      let connection = try TestConnection(host: "127.0.0.1", port: server.port)
      let start = Date()
      let response = await connection.exchange("GET /talk.md HTTP/1.1\nHost: test\n\n", timeout: 5)
      #expect(response?.status == 400)
      #expect(Date().timeIntervalSince(start) < 2)
      #expect(await connection.closedByServer(within: 2))
      #expect(try await TestConnection.get("/", port: server.port).status == 200)
    }
  }

  @Test(arguments: ["HTTP/9.9", "HTTP/1.7", "HTTQ/1.1"])
  func unknownProtocolVersionsAreRefused(_ version: String) async throws {
    let site = try SiteFixture.make()
    try await withRunningSite(root: site) { server in
      let connection = try TestConnection(host: "127.0.0.1", port: server.port)
      let response = await connection.exchange("GET /talk.md \(version)\r\nHost: test\r\n\r\n", timeout: 5)
      #expect(response?.status == 400, "\(version)")
      #expect(!(response?.body.contains("forty-one") ?? false))
    }
  }

  @Test func headersTrickledByteByByteTimeOut() async throws {
    let site = try SiteFixture.make()
    try await withRunningSite(root: site, requestHeadTimeout: .seconds(1)) { server in
      let connection = try TestConnection(host: "127.0.0.1", port: server.port)
      let start = Date()
      var cutOff = false
      for byte in "GET /talk.md HTTP/1.1\r\nHost: test\r\nX-Slow: " + String(repeating: "a", count: 200) {
        let sent = connection.send(String(byte))
        let closed = await connection.closedByServer(within: 0.1)
        if !sent || closed {
          cutOff = true
          break
        }
      }
      #expect(cutOff, "the server still waited after \(Date().timeIntervalSince(start)) s")
      #expect(Date().timeIntervalSince(start) < 5)
      #expect(!connection.text.contains("forty-one"))
    }
  }

  @Test func eventStreamsOutliveTheRequestHeadTimeout() async throws {
    let site = try SiteFixture.make()
    try await withRunningSite(root: site, requestHeadTimeout: .seconds(1)) { server in
      let stream = try TestConnection(host: "127.0.0.1", port: server.port)
      stream.send("GET /__lectern/events HTTP/1.1\r\nHost: test\r\n\r\n")
      #expect(await stream.read(timeout: 5) { String(decoding: $0, as: UTF8.self).contains("data: 0") })
      #expect(await !stream.closedByServer(within: 2), "an open event stream is not an idle connection")
    }
  }
}
