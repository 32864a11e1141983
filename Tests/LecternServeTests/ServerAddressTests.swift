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

  /// `--port 0` on both loopbacks: the port is free on each before either listener starts (a port the system
  /// picks for 127.0.0.1 may be taken on ::1: this failed a test run once).
  @Test func aPortPickedForSeveralAddressesIsFreeOnEach() throws {
    // Hold ::1 on the first port the system offers for 127.0.0.1, so that port is not common.
    let taken = try #require(ListenAddresses.commonFreePort(["127.0.0.1"]))
    let held = try TestListener(host: "::1", port: taken)
    defer { held.close() }
    for _ in 0..<10 {
      let port = try #require(ListenAddresses.commonFreePort(["127.0.0.1", "::1"]))
      #expect(port != taken)
      let v4 = try TestListener(host: "127.0.0.1", port: port)
      let v6 = try TestListener(host: "::1", port: port)
      v4.close()
      v6.close()
    }
  }

  @Test func addressesResolve() throws {
    #expect(try ListenAddresses.resolve("localhost") == ["127.0.0.1", "::1"])
    #expect(try ListenAddresses.resolve("::1") == ["::1"])
    #expect(try ListenAddresses.resolve("127.0.0.1") == ["127.0.0.1"])
    #expect(throws: ListenAddresses.Unresolvable.self) { try ListenAddresses.resolve("no-such-host.invalid") }
  }
}

/// A listening socket for a test (IPv4 or IPv6), bound the way `serve` probes ports; closed by `close()`.
struct TestListener {
  let fd: Int32

  init(host: String, port: UInt16) throws {
    guard let (fd, _) = ListenAddresses.boundSocket(host, port: port) else {
      throw POSIXError(.EADDRINUSE, userInfo: ["reason": "\(host):\(port) could not be bound"])
    }
    guard listen(fd, 1) == 0 else {
      Glibc.close(fd)
      throw POSIXError(.EADDRINUSE, userInfo: ["reason": "\(host):\(port) could not listen"])
    }
    self.fd = fd
  }

  func close() { _ = Glibc.close(fd) }
}
