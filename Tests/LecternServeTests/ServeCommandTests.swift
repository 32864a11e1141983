import Foundation
import LecternTestSupport
import Testing

/// The `lectern serve` binary: it listens where --host says and SIGTERM stops it.
@Suite(.enabled(if: LecternBinary.url != nil, "needs the built lectern binary (swift build)"))
struct ServeCommandTests {
  static func freePort() throws -> UInt16 {
    for _ in 0..<20 {
      let port = UInt16.random(in: 20_000...60_000)
      if (try? TestConnection(host: "127.0.0.1", port: port)) == nil, (try? TestConnection(host: "::1", port: port)) == nil {
        return port
      }
    }
    throw TestConnection.Failure(description: "no free port")
  }

  @Test func localhostListensOnBothLoopbacksAndSIGTERMStopsIt() async throws {
    let site = try SiteFixture.make()
    let port = try Self.freePort()
    let server = try RunningLectern(["serve", site.path, "--host", "localhost", "--port", String(port)])
    defer { server.stop() }
    var index: TestResponse?
    for _ in 0..<100 where index == nil {
      index = try? await TestConnection.get("/", host: "::1", port: port)
      if index == nil { try await Task.sleep(for: .milliseconds(100)) }
    }
    #expect(index?.status == 200)
    #expect(try await TestConnection.get("/talk.md", host: "127.0.0.1", port: port).body.contains("forty-one"))
    kill(server.process.processIdentifier, SIGTERM)
    for _ in 0..<100 where server.isRunning { try await Task.sleep(for: .milliseconds(20)) }
    #expect(!server.isRunning, "SIGTERM stops the server within 2 s")
    server.process.waitUntilExit()
    #expect(server.process.terminationReason == .uncaughtSignal)
    #expect(server.process.terminationStatus == SIGTERM)
  }
}
