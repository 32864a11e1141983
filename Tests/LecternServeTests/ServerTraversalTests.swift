import Foundation
import LecternTestSupport
import Testing

@testable import LecternServe

/// Every way out of the served folder, sent byte for byte to the real server: each is a 404 and no
/// secret's text ever comes back.
@Suite struct ServerTraversalTests {
  static let attempts = [
    "/../secret.txt", "/img/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/img/..%2f..%2fsecret.txt",
    "/img%2f..%2f..%2fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt", "/talk.md%00.png", "//../secret.txt",
    "/escape.txt", "/.env", "/%2eenv", "/.private/notes.txt", "/img",
  ]

  @Test(arguments: attempts)
  func pathsLeavingTheRootAreNotFound(_ path: String) async throws {
    let site = try SiteFixture.make()
    try await withRunningSite(root: site) { server in
      let response = try await TestConnection.get(path, port: server.port)
      #expect(response.status == 404, "\(path)")
      for secret in ["outside-secret", "hidden-secret", "private-secret"] {
        #expect(!response.body.contains(secret), "\(path)")
      }
    }
  }

  /// `visible.txt -> .env` and `peek -> .private` look visible but land on hidden files (issue 17).
  @Test func symlinksLandingOnHiddenFilesAreNotServed() async throws {
    let site = try SiteFixture.make()
    try FileManager.default.createSymbolicLink(
      atPath: site.appendingPathComponent("img/alias.svg").path, withDestinationPath: "dot.svg")
    try await withRunningSite(root: site) { server in
      for path in ["/visible.txt", "/peek/notes.txt"] {
        let response = try await TestConnection.get(path, port: server.port)
        #expect(response.status == 404, "\(path)")
        #expect(!response.body.contains("hidden-secret") && !response.body.contains("private-secret"), "\(path)")
      }
      let alias = try await TestConnection.get("/img/alias.svg", port: server.port)
      #expect(alias.status == 200, "a symlink to a visible file inside the root is fine")
    }
  }
}
