import Foundation
import Testing

@testable import LecternMetrics

/// `--db postgresql://…`: what the URL selects, what is refused, and that no password is ever shown.
@Suite struct PostgresStoreURLTests {
  @Test func aFullURL() throws {
    let url = try PostgresStoreURL(
      "postgresql://ci:s%40cret@db.internal:6432/metrics?sslmode=verify-full&schema=team_a&sslrootcert=/etc/ca.pem",
      environment: [:])
    #expect(url.host == "db.internal")
    #expect(url.port == 6432)
    #expect(url.user == "ci")
    #expect(url.password == "s@cret")
    #expect(url.database == "metrics")
    #expect(url.schema == "team_a")
    #expect(url.tlsMode == .verifyFull)
    #expect(url.rootCertificate == "/etc/ca.pem")
    #expect(url.description == "postgresql://ci@db.internal:6432/metrics?schema=team_a")
    #expect(!url.description.contains("cret"))
  }

  @Test func defaultsFollowLibpq() throws {
    let url = try PostgresStoreURL("postgres://db/metrics", environment: ["USER": "ada"])
    #expect(url.port == 5432)
    #expect(url.user == "ada")
    #expect(url.schema == "lectern")
    #expect(url.tlsMode == .prefer)
    #expect(url.socketDirectory == nil)
    let socket = try PostgresStoreURL("postgresql:///metrics?host=/run/postgresql", environment: ["PGUSER": "bob"])
    #expect(socket.socketDirectory == "/run/postgresql")
    #expect(socket.user == "bob")
    #expect(socket.database == "metrics")
    #expect(try PostgresStoreURL("postgresql://a:pw@h/d").description == "postgresql://a@h:5432/d")
  }

  @Test(arguments: [
    ("postgresql://h/d?sslmode=always", "sslmode 'always' is not one of disable, prefer, require, verify-ca, verify-full"),
    ("postgresql://h:99999/d", "not a PostgreSQL store URL"),
    ("postgresql://h/d?schema=Team-A", "schema 'Team-A' is not a plain lower-case name"),
    ("postgresql://u:hunter2@h/d?timeout=3", "unknown parameter 'timeout'"),
  ])
  func badURLsAreRefusedWithTheReason(_ text: String, _ expected: String) {
    do {
      _ = try PostgresStoreURL(text, environment: [:])
      Issue.record("expected \(text) to be refused")
    } catch {
      #expect("\(error)".contains(expected))
      #expect(!"\(error)".contains("hunter2"))
    }
  }

  @Test func passwordsComeFromTheURLThenPGPASSWORDThenPgpass() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("pgpass").path
    try "# comment\nother:5432:*:ci:nope\ndb.internal:*:metrics:ci:pa\\:ss\\\\word\n".write(
      toFile: file, atomically: true, encoding: .utf8)
    let url = try PostgresStoreURL("postgresql://ci@db.internal/metrics", environment: [:])
    #expect(url.resolvedPassword(environment: ["PGPASSFILE": file]) == "pa:ss\\word")
    #expect(url.resolvedPassword(environment: ["PGPASSFILE": file, "PGPASSWORD": "env"]) == "env")
    #expect(try PostgresStoreURL("postgresql://ci:inline@db.internal/metrics").resolvedPassword(environment: [:]) == "inline")
    #expect(try PostgresStoreURL("postgresql://ci@elsewhere/metrics").resolvedPassword(environment: ["PGPASSFILE": file]) == nil)
  }

  @Test func aNamedStoreIsSQLiteUnlessItIsAPostgresURL() throws {
    #expect(try MetricsLocation.named(".lectern/metrics.sqlite") == .store(path: ".lectern/metrics.sqlite"))
    guard case .server(let url) = try MetricsLocation.named("POSTGRESQL://u@h/d") else {
      Issue.record("expected a PostgreSQL location")
      return
    }
    #expect(url.database == "d")
  }
}
