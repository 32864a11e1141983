import Foundation
import LecternTestSupport
import Testing

@Suite struct MetricsCommandTests {
  private let deployments =
    "id,service,finished_at,status,commits\nd1,api,2026-03-02T10:00:00Z,success,a\nd2,api,2026-03-03T10:00:00Z,failure,b\n"
  private let changes = "sha,committed_at\na,2026-03-02T04:00:00Z\nb,2026-03-03T09:00:00Z\n"

  private func folder() throws -> URL {
    let dir = TestPaths.temporaryDirectory()
    try deployments.write(to: dir.appendingPathComponent("deployments.csv"), atomically: true, encoding: .utf8)
    try changes.write(to: dir.appendingPathComponent("changes.csv"), atomically: true, encoding: .utf8)
    return dir
  }

  @Test func ingestReportsWhatItDidAndIsIdempotent() throws {
    let dir = try folder()
    let db = dir.appendingPathComponent("store/m.sqlite").path
    let files = [dir.appendingPathComponent("deployments.csv").path, dir.appendingPathComponent("changes.csv").path]
    let first = try LecternBinary.run(["metrics", "ingest", "--db", db] + files)
    #expect(first.status == 0)
    #expect(first.stdout.contains("deployments: 2 added, 0 replaced, 0 unchanged"))
    #expect(first.stdout.contains("changes: 2 added, 0 replaced, 0 unchanged"))
    let second = try LecternBinary.run(["metrics", "ingest", "--db", db] + files)
    #expect(second.stdout.contains("deployments: 0 added, 0 replaced, 2 unchanged"))
    // The environment variable chooses the store too.
    let show = try LecternBinary.run(
      ["metrics", "show", "--since", "2026-03-01T00:00:00Z", "--until", "2026-03-11T00:00:00Z", "--format", "json"],
      environment: ["LECTERN_METRICS_DB": db])
    #expect(show.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: show.stdoutData) as? [String: Any])
    let metrics = try #require((object["report"] as? [String: Any])?["metrics"] as? [String: [String: Any]])
    // d1 only succeeded: 1 deployment / 10 days = 0.1 per day.
    #expect(metrics["deployment_frequency"]?["value"] as? Double == 0.1)
    // a: 10:00 − 04:00 = 6 h (b was shipped by a failed deployment only).
    #expect(metrics["lead_time"]?["value"] as? Double == 6)
    // d1, d2 in production; d2 failed → 50 %.
    #expect(metrics["change_failure_rate"]?["value"] as? Double == 50)
    // No incidents: no data, never 0.
    #expect(metrics["time_to_restore"]?["value"] is NSNull)
    #expect(metrics["time_to_restore"]?["noData"] as? String == "no incidents opened in the window")
  }

  @Test func aBadRecordNamesItsPlaceAndWritesNothing() throws {
    let dir = try folder()
    let bad = dir.appendingPathComponent("incidents.jsonl")
    try "{\"id\": \"i1\", \"opened_at\": \"2026-03-02T10:00:00Z\"}\n{\"id\": \"i2\", \"opened_at\": \"March 3\"}\n".write(
      to: bad, atomically: true, encoding: .utf8)
    let db = dir.appendingPathComponent("m.sqlite").path
    let result = try LecternBinary.run([
      "metrics", "ingest", "--db", db, dir.appendingPathComponent("deployments.csv").path, bad.path,
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("incidents.jsonl:2: error: field 'opened_at': 'March 3' is not an RFC 3339 timestamp"))
    #expect(!FileManager.default.fileExists(atPath: db))
  }

  @Test func showFromADataFolderAsMarkdownWithTrend() throws {
    let dir = try folder()
    let result = try LecternBinary.run([
      "metrics", "show", "--data", dir.path, "--as-of", "2026-03-11T00:00:00Z", "--window", "10d", "--by", "week", "--format",
      "markdown",
    ])
    #expect(result.status == 0)
    #expect(result.stdout.contains("| Deployment Frequency | 0.10/day | Mid |"))
    #expect(result.stdout.contains("| Time to Restore Service | no data (no incidents opened in the window) | — |"))
    #expect(result.stdout.contains("| 2026-03-02T00:00:00Z |"))
  }

  @Test func missingStoreAndBadWindowAreClearErrors() throws {
    let missing = try LecternBinary.run(["metrics", "show", "--db", "/nonexistent/m.sqlite"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no metrics store"))
    let bad = try LecternBinary.run(["metrics", "show", "--window", "soon"])
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("--window 'soon' is not a length"))
  }
}
