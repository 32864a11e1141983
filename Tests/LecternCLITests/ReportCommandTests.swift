import Foundation
import LecternTestSupport
import Testing

@Suite struct ReportCommandTests {
  private var root: URL { TestPaths.repositoryRoot() }
  private var example: String { root.appendingPathComponent("decks/checkout-outage-postmortem.md").path }
  private var data: String { root.appendingPathComponent("decks/data").path }

  @Test(arguments: [["report", "render"], ["report", "actions"]])
  func helpTextIsStable(_ command: [String]) throws {
    let result = try LecternBinary.run(command + ["--help"])
    #expect(result.status == 0)
    let name = command.joined(separator: "-") + "-help.txt"
    if let problem = snapshotMismatch(result.stdout, named: name) { Issue.record(Comment(rawValue: problem)) }
  }

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
    // The report adds no lint problem: it has exactly the findings of the document it carries (the example's
    // own `# Short Term` headings are its author's), none from what the report adds around it.
    func codes(_ path: String) throws -> [String] {
      let result = try LecternBinary.run(["lint", path])
      return (result.stdout + result.stderr).split(separator: "\n").compactMap { line in
        guard line.hasSuffix("]"), let open = line.lastIndex(of: "[") else { return nil }
        return String(line[line.index(after: open)..<line.index(before: line.endIndex)])
      }.sorted()
    }
    #expect(try codes(out) == codes(example))
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

  @Test func outputNeverReplacesTheInputOrAnExistingFileWithoutForce() throws {
    let dir = TestPaths.temporaryDirectory()
    let input = dir.appendingPathComponent("pm.md")
    try FileManager.default.copyItem(atPath: example, toPath: input.path)
    // The example names its benchmark deck beside it.
    let benchmark = root.appendingPathComponent("decks/friday-deploys.md").path
    try FileManager.default.copyItem(atPath: benchmark, toPath: dir.appendingPathComponent("friday-deploys.md").path)
    let original = try String(contentsOf: input, encoding: .utf8)
    let overInput = try LecternBinary.run(["report", input.path, "-o", input.path, "--force"])
    #expect(overInput.status == 2)
    #expect(overInput.stderr.contains("the output is also an input"))
    let existing = dir.appendingPathComponent("keep.html")
    try "mine".write(to: existing, atomically: true, encoding: .utf8)
    let refused = try LecternBinary.run(["report", input.path, "-o", existing.path])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("keep.html: error: already exists; give --force to replace it"))
    #expect(try String(contentsOf: existing, encoding: .utf8) == "mine")
    let forced = try LecternBinary.run(["report", input.path, "-o", existing.path, "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try String(contentsOf: existing, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    // Lectern's own earlier report (HTML or Markdown) is refreshed without --force; a look-alike is not.
    for name in ["again.html", "again.md"] {
      let target = dir.appendingPathComponent(name).path
      let first = try LecternBinary.run(["report", input.path, "-o", target])
      #expect(first.status == 0, "\(first.stderr)")
      try (try String(contentsOf: URL(fileURLWithPath: target), encoding: .utf8) + "\nstale").write(
        toFile: target, atomically: true, encoding: .utf8)
      let second = try LecternBinary.run(["report", input.path, "-o", target])
      #expect(second.status == 0, "an earlier report is refreshed: \(second.stderr)")
      #expect(!(try String(contentsOf: URL(fileURLWithPath: target), encoding: .utf8)).hasSuffix("stale"))
    }
    let lookalike = dir.appendingPathComponent("notes.md")
    try "# Notes\n\nLectern is mentioned, but Lectern did not write this.\n".write(
      to: lookalike, atomically: true, encoding: .utf8)
    #expect(try LecternBinary.run(["report", input.path, "-o", lookalike.path]).status == 2)
    #expect(try String(contentsOf: lookalike, encoding: .utf8).hasPrefix("# Notes"))
    // `report new` used to overwrite a postmortem silently.
    let new = try LecternBinary.run(["report", "new", "--incident", "INC-00006", "--data", data, "-o", input.path])
    #expect(new.status == 2)
    #expect(try String(contentsOf: input, encoding: .utf8) == original)
  }

  @Test func emptyFileIsAnErrorWithNothingRendered() throws {
    let dir = TestPaths.temporaryDirectory()
    let empty = dir.appendingPathComponent("empty.md")
    try "".write(to: empty, atomically: true, encoding: .utf8)
    let result = try LecternBinary.run(["report", empty.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("empty.md: error: the file is empty"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("empty.report.html").path))
  }

  @Test func findingsGoToStandardErrorAndOnlyOptionallyIntoTheReport() throws {
    let dir = TestPaths.temporaryDirectory()
    let doc = dir.appendingPathComponent("pm.md")
    try "# Outage\n\n## Action items\n\n- Fix the alert\n\n## Timeline\n\n- 10:05 fixed\n- 09:00 broke\n"
      .write(to: doc, atomically: true, encoding: .utf8)
    let plain = try LecternBinary.run(["report", doc.path, "-o", "-"])
    #expect(plain.stderr.contains("action-no-owner"))
    #expect(!plain.stdout.contains("have no owner or team"))
    let appendix = try LecternBinary.run(["report", doc.path, "-o", "-", "--findings"])
    #expect(appendix.stdout.contains("Appendix: findings about this document"))
    #expect(appendix.stdout.contains("1 of 1 action items have no owner or team"))
  }

  @Test func jsonReportHasTimingsAndTheResponseCheck() throws {
    let result = try LecternBinary.run(["report", example, "--format", "json", "-o", "-"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
    let timings = try #require(object["timings"] as? [String: Any])
    // Detected 01:32, acknowledged 01:35, mitigated 01:47, resolved 01:53.
    #expect(timings["timeToAcknowledgeMinutes"] as? Int == 3)
    #expect(timings["timeToMitigateMinutes"] as? Int == 15)
    #expect(timings["timeToRestoreMinutes"] as? Int == 21)
    let check = try #require(object["responseCheck"] as? [String: Any])
    #expect(check["outcome"] as? String == "met")
    #expect((object["meta"] as? [String: Any])?["timeZone"] as? String == "UTC")
  }

  @Test func actionItemsExportAsCSVGitHubAndAnOpenOverview() throws {
    let csv = try LecternBinary.run(["report", "actions", example])
    #expect(csv.status == 0, "\(csv.stderr)")
    let lines = csv.stdout.components(separatedBy: "\r\n")
    #expect(lines[0] == "file,line,team,owner,what,why,horizon,type,priority,due,status,tracking,dora_metric")
    #expect(
      lines[1].hasSuffix(
        ",Payments,Priya,Raise the pool limit and load-test it,The limit was copied from a staging profile,short_term,,,2026-09-09,done,,"
      ))
    let github = try LecternBinary.run(["report", "actions", example, "--format", "github"])
    #expect(github.stdout.hasPrefix("### Raise the pool limit and load-test it\n\nThe limit was copied from a staging profile\n"))
    #expect(!github.stdout.contains("**Due**: ongoing"))
    let open = try LecternBinary.run(["report", "actions", example, "--open", "--as-of", "2026-09-17"])
    // Platform: pool alert (in progress, due 09-16: overdue) and rollback (no status); SRE: runbook (due 09-18) and releases.
    #expect(open.stdout.contains("| Platform | 2 | 1 |"))
    #expect(open.stdout.contains("| SRE | 2 | 0 |"))
    #expect(!open.stdout.contains("Raise the pool limit"))
  }

  @Test func fiftyThousandLevelsOfNestedListsRenderWithoutACrash() throws {
    let dir = TestPaths.temporaryDirectory()
    let doc = dir.appendingPathComponent("deep.md")
    try ("# Deep\n\n## Summary\n\nStill here.\n\n" + String(repeating: "- ", count: 50_000) + "bottom\n")
      .write(to: doc, atomically: true, encoding: .utf8)
    let result = try LecternBinary.run(["report", doc.path, "-o", "-"])
    #expect(result.status == 0, "\(result.stderr.prefix(500))")
    #expect(result.stdout.contains("<p>Still here.</p>"))
    #expect(result.stderr.contains("nesting deeper than 32 levels is flattened"), "flattened, and said so")
    #expect(result.stdout.contains("bottom"))
  }
}
