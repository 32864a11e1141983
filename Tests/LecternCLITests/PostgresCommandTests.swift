import Foundation
import LecternTestSupport
import Testing

/// `--db postgresql://…` and `LECTERN_METRICS_DB=postgresql://…` through the real binary, against a
/// real server: the same output as an SQLite store, clear errors, no password shown.
@Suite(.postgresServer) struct PostgresCommandTests {
  private static let enabled = PostgresServer.unavailableReason == nil
  private static let reason: Comment = "PostgreSQL server binaries (initdb, pg_ctl under /usr/lib/postgresql/*/bin) are absent"

  private var exampleFiles: [String] {
    let data = TestPaths.repositoryRoot().appendingPathComponent("decks/data")
    return ["deployments.csv", "changes.csv", "incidents.jsonl"].map { data.appendingPathComponent($0).path }
  }

  private func freshURL() throws -> String {
    try SharedPostgres.current().url(schema: "cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())
  }

  /// The JSON of `metrics show` without the store's name, which differs by design.
  private func numbers(_ result: CommandResult) throws -> NSDictionary {
    let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
    var copy = object
    copy.removeValue(forKey: "store")
    return copy as NSDictionary
  }

  @Test(.enabled(if: enabled, reason)) func ingestAndShowMatchSQLite() throws {
    let pg = try freshURL()
    let sqlite = TestPaths.temporaryDirectory().appendingPathComponent("m.sqlite").path
    let toPG = try LecternBinary.run(["metrics", "ingest", "--db", pg] + exampleFiles)
    let toSQLite = try LecternBinary.run(["metrics", "ingest", "--db", sqlite] + exampleFiles)
    #expect(toPG.status == 0, "\(toPG.stderr)")
    #expect(toPG.stdout.contains("deployments: 1134 added, 0 replaced, 0 unchanged"))
    #expect(toPG.stdout.split(separator: "\n").dropLast() == toSQLite.stdout.split(separator: "\n").dropLast())
    let again = try LecternBinary.run(["metrics", "ingest", "--db", pg] + exampleFiles)
    #expect(again.stdout.contains("deployments: 0 added, 0 replaced, 1134 unchanged"))
    let show = ["metrics", "show", "--as-of", "2026-11-29T00:00:00Z", "--window", "90d", "--by", "service", "--format", "json"]
    // The environment variable selects the PostgreSQL store as --db does.
    let fromPG = try LecternBinary.run(show, environment: ["LECTERN_METRICS_DB": pg])
    let fromSQLite = try LecternBinary.run(show + ["--db", sqlite])
    #expect(fromPG.status == 0, "\(fromPG.stderr)")
    #expect(try numbers(fromPG) == numbers(fromSQLite))
    #expect(fromPG.stdout.contains("postgresql://postgres@127.0.0.1:"))
    let table = try LecternBinary.run(["metrics", "show", "--db", pg, "--as-of", "2026-11-29T00:00:00Z", "--window", "90d"])
    #expect(table.stdout.contains("Store: postgresql://postgres@127.0.0.1:"))
    #expect(table.stdout.contains("(1134 deployments, 2836 changes, 33 incidents)"))
  }

  @Test(.enabled(if: enabled, reason)) func aReportReadsItsNumbersFromPostgres() throws {
    let pg = try freshURL()
    #expect(try LecternBinary.run(["metrics", "ingest", "--db", pg] + exampleFiles).status == 0)
    let out = TestPaths.temporaryDirectory().appendingPathComponent("report.md").path
    let example = TestPaths.repositoryRoot().appendingPathComponent("decks/checkout-outage-postmortem.md").path
    let report = try LecternBinary.run([
      "report", example, "--db", pg, "--as-of", "2026-11-29T00:00:00Z", "--window", "90d", "-o", out,
    ])
    #expect(report.status == 0, "\(report.stderr)")
    let text = try String(contentsOfFile: out, encoding: .utf8)
    #expect(text.contains("postgresql://postgres@127.0.0.1:"))
  }

  @Test(.enabled(if: enabled, reason)) func aBadRecordWritesNothingAndPasswordsAreNeverShown() throws {
    let url = try freshURL()
    let dir = TestPaths.temporaryDirectory()
    let bad = dir.appendingPathComponent("incidents.jsonl")
    try "{\"id\": \"i1\", \"opened_at\": \"2026-03-02T10:00:00Z\", \"severity\": 9}\n".write(
      to: bad, atomically: true, encoding: .utf8)
    let result = try LecternBinary.run(["metrics", "ingest", "--db", url, exampleFiles[0], bad.path])
    #expect(result.status == 1)
    let show = try LecternBinary.run(["metrics", "show", "--db", url])
    #expect(show.status == 2)
    #expect(show.stderr.contains("no metrics store in this database"))
    // Nothing listens on port 1: a connection error, which names the store without its password.
    let withPassword = "postgresql://postgres:hunter2@127.0.0.1:1/postgres?sslmode=disable"
    let refused = try LecternBinary.run(["metrics", "show", "--db", withPassword])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("error: cannot connect"))
    #expect(!refused.stderr.contains("hunter2"))
  }

  @Test func aMalformedURLIsAUsageError() throws {
    let result = try LecternBinary.run(["metrics", "show", "--db", "postgresql://u:hunter2@h/d?sslmode=sometimes"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("sslmode 'sometimes' is not one of disable, prefer, require, verify-ca, verify-full"))
    #expect(!result.stderr.contains("hunter2"))
  }
}
