import Foundation
import LecternTestSupport
import Testing

@Suite struct ReportCommandTests {
  private var root: URL { TestPaths.repositoryRoot() }
  private var example: String { root.appendingPathComponent("decks/checkout-outage-postmortem.md").path }
  private var data: String { root.appendingPathComponent("decks/data").path }

  @Test func markdownReportWithLiveMetricsPassesLint() throws {
    let dir = TestPaths.temporaryDirectory()
    let out = dir.appendingPathComponent("report.md").path
    let result = try LecternBinary.run([
      "report", example, "--data", data, "--as-of", "2026-11-29T00:00:00Z", "--window", "90d", "-o", out,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("→ \(out) (6 action items, metrics from \(data) (in memory))"))
    let md = try String(contentsOfFile: out, encoding: .utf8)
    #expect(md.contains("| Incident | INC-00006 — checkout-api degraded after dep-0000322 |"))
    #expect(md.contains("Met: Sev 2 requires a response within 30m; acknowledged after 3m."))
    #expect(md.contains("| Platform | One-click rollback from the deploy dashboard | Time to Restore Service |"))
    #expect(md.contains("- **Window**: 2026-08-31T00:00:00Z → 2026-11-29T00:00:00Z (90 days)"))
    let lint = try LecternBinary.run(["lint", out])
    #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
  }

  @Test func htmlToStandardOutputAndNoDataWithoutAStore() throws {
    let dir = TestPaths.temporaryDirectory()
    let result = try LecternBinary.run(["report", example, "-o", "-"], in: dir)
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("<!DOCTYPE html>"))
    #expect(result.stdout.contains("No data: no metrics store at .lectern/metrics.sqlite"))
    let missing = try LecternBinary.run(["report", example, "--db", dir.appendingPathComponent("none.sqlite").path, "-o", "-"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("none.sqlite: error: no metrics store"))
  }

  @Test func newPostmortemFromAnIncident() throws {
    let result = try LecternBinary.run(["report", "new", "--incident", "INC-00006", "--data", data])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.hasPrefix(
        "---\ntitle: checkout-api degraded after dep-0000322\nincident: INC-00006\ncaused_by: dep-0000322\n"))
    #expect(result.stdout.contains("| 2026-09-02 00:46 | dep-0000322 finished deploying checkout-api to production |"))
    #expect(result.stdout.contains("| 2026-09-02 01:32 | Incident opened (detected) |"))
    #expect(result.stdout.contains("Time to restore: 21m"))
    let unknown = try LecternBinary.run(["report", "new", "--incident", "INC-404", "--data", data])
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("incident 'INC-404' is not in the store"))
  }

  @Test func extractPrintsThePostmortemModel() throws {
    let result = try LecternBinary.run(["extract", example])
    #expect(result.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
    #expect(object["kind"] as? String == "postmortem")
    let items = try #require(object["actionItems"] as? [[String: Any]])
    #expect(items.count == 6)
    #expect(
      items.filter { $0["horizon"] as? String == "long_term" }.compactMap { $0["doraMetric"] as? String }
        == ["change_failure_rate", "time_to_restore", "deployment_frequency"])
    #expect(object["computedTimeToRestoreMinutes"] as? Int == 21)
  }
}
