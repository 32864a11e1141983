import Foundation
import LecternTestSupport
import Testing

@testable import LecternServe

/// IPv4 and IPv6: `::1` alone, and `localhost` as both loopbacks on one port.
@Suite struct ServerAddressTests {
  @Test func servesOnIPv6Loopback() async throws {
    let site = try SiteFixture.make()
    try await withRunningSite(root: site, host: "::1") { server in
      #expect(server.urls == ["http://[::1]:\(server.port)/"])
      let deck = try await TestConnection.get("/talk.md", host: "::1", port: server.port)
      #expect(deck.status == 200)
      #expect(deck.body.contains("forty-one"))
      #expect(throws: (any Error).self, "nothing listens on IPv4") { try TestConnection(host: "127.0.0.1", port: server.port) }
    }
  }

  @Test func localhostServesBothLoopbacksOnOnePort() async throws {
    let site = try SiteFixture.make()
    try await withRunningSite(root: site, host: "localhost") { server in
      #expect(server.urls == ["http://127.0.0.1:\(server.port)/", "http://[::1]:\(server.port)/"])
      for host in ["127.0.0.1", "::1"] {
        let index = try await TestConnection.get("/", host: host, port: server.port)
        #expect(index.status == 200, "\(host)")
        #expect(index.body.contains("talk.md"), "\(host)")
      }
    }
  }

  @Test func theServerIsGoneAfterStop() async throws {
    let site = try SiteFixture.make()
    let server = try await RunningSite.start(root: site, host: "localhost")
    let stream = try TestConnection(host: "::1", port: server.port)
    stream.send("GET /__lectern/events HTTP/1.1\r\nHost: test\r\n\r\n")
    #expect(await stream.read(timeout: 5) { String(decoding: $0, as: UTF8.self).contains("data: 0") })
    await server.stop()
    #expect(await stream.closedByServer(within: 5), "open event streams end with the server")
    for host in ["127.0.0.1", "::1"] {
      #expect(throws: (any Error).self, "\(host) still accepts") { try TestConnection(host: host, port: server.port) }
    }
  }

  @Test func addressesResolve() throws {
    #expect(try ListenAddresses.resolve("localhost") == ["127.0.0.1", "::1"])
    #expect(try ListenAddresses.resolve("::1") == ["::1"])
    #expect(try ListenAddresses.resolve("127.0.0.1") == ["127.0.0.1"])
    #expect(throws: ListenAddresses.Unresolvable.self) { try ListenAddresses.resolve("no-such-host.invalid") }
  }
}
