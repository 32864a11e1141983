import Foundation
import LecternTestSupport
import Testing

private func fixture(_ name: String) -> String {
  TestPaths.repositoryRoot().appendingPathComponent("Tests/LecternMetricsTests/Import/Fixtures/\(name)").path
}

private func json(_ result: CommandResult) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any], "\(result.stderr)")
}

private let window = ["--since", "2026-03-01T00:00:00Z", "--until", "2026-03-11T00:00:00Z"]

/// `lectern metrics import` from GitHub Actions, GitLab and Opsgenie exports, and inferred causes.
@Suite struct MetricsSourcesCommandTests {
  private func imported() throws -> String {
    let db = TestPaths.temporaryDirectory().appendingPathComponent("m.sqlite").path
    let result = try LecternBinary.run([
      "metrics", "import", "--db", db, "--github-actions", fixture("github-actions-runs.json"), "--workflow", "Deploy",
      "--opsgenie", fixture("opsgenie-alerts.jsonl"),
    ])
    #expect(result.status == 0, "\(result.stderr)")
    // 2 GitHub Actions runs; 3 alerts.
    #expect(result.stdout.contains("deployments: 2 added, 0 replaced, 0 unchanged"))
    #expect(result.stdout.contains("incidents: 3 added, 0 replaced, 0 unchanged"))
    #expect(result.stderr.contains("note: 1 run(s) of 'Deploy' ended 'failure'; not deployments"))
    #expect(result.stderr.contains("note: 1 run(s) of 'Deploy' still in_progress; not deployments"))
    #expect(result.stderr.contains("note: 2 run(s) of other workflows or branches not deployments"))
    // GitLab's response does not name the project: a run of its own with --service.
    let gitlab = try LecternBinary.run([
      "metrics", "import", "--db", db, "--gitlab-deployments", fixture("gitlab-deployments.json"), "--service", "payments",
    ])
    #expect(gitlab.status == 0, "\(gitlab.stderr)")
    #expect(gitlab.stdout.contains("deployments: 3 added, 0 replaced, 0 unchanged"))
    #expect(gitlab.stderr.contains("note: 1 GitLab deployment(s) with status 'canceled' not imported (not finished)"))
    return db
  }

  @Test(arguments: [("import", "metrics-import-help.txt"), ("show", "metrics-show-help.txt")])
  func helpTextIsStable(_ command: String, _ snapshot: String) throws {
    let result = try LecternBinary.run(["metrics", command, "--help"])
    #expect(result.status == 0)
    if let problem = snapshotMismatch(result.stdout, named: snapshot) { Issue.record(Comment(rawValue: problem)) }
  }

  @Test func importedSourcesGiveTheMetricsAndInferredCausesAreCountedAsInferred() throws {
    let db = try imported()
    let show = ["metrics", "show", "--db", db, "--format", "json"] + window
    let plain = try json(try LecternBinary.run(show))
    let report = try #require(plain["report"] as? [String: Any])
    let metrics = try #require(report["metrics"] as? [String: [String: Any]])
    // Production: Actions 9100001, 9100005; GitLab 41, 42 (failed) → 1 of 4 = 25 %.
    #expect(metrics["change_failure_rate"]?["value"] as? Double == 25)
    #expect((report["counts"] as? [String: Any])?["inferredCauses"] == nil)
    // Within 48 h: the checkout alert (03-03 14:12) links Actions run 9100001 (03-02 10:05, 28 h before);
    // the payments alert (03-05 09:30) links GitLab 42 (03-03 14:09, 43 h before), already failed.
    // Failed: 42 and 9100001 → 2 of 4 = 50 %; one by inferred cause; two links inferred.
    let inferred = try LecternBinary.run(show + ["--infer-causes", "48h"])
    let inferredReport = try #require(try json(inferred)["report"] as? [String: Any])
    let counts = try #require(inferredReport["counts"] as? [String: Any])
    #expect((inferredReport["metrics"] as? [String: [String: Any]])?["change_failure_rate"]?["value"] as? Double == 50)
    #expect(counts["inferredCauses"] as? Int == 1)
    #expect(counts["inferredLinks"] as? Int == 2)
    let table = try LecternBinary.run(["metrics", "show", "--db", db, "--infer-causes", "48h"] + window)
    #expect(table.stdout.contains("2 of 4 production deployments, 1 by inferred cause (2 incidents linked by inference)"))
    // Within 24 h neither alert has a deployment before it.
    let day = try json(try LecternBinary.run(show + ["--infer-causes", "24h"]))
    let dayCounts = try #require((day["report"] as? [String: Any])?["counts"] as? [String: Any])
    #expect(dayCounts["inferredLinks"] as? Int == 0)
    let bad = try LecternBinary.run(show + ["--infer-causes", "soon"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--infer-causes 'soon' is not a length"))
  }

  @Test func everyBadRecordOfEverySourceIsListedAndNothingIsWritten() throws {
    let dir = TestPaths.temporaryDirectory()
    let gitlab = dir.appendingPathComponent("gitlab.json")
    try #"[{"id": 1, "sha": "a", "status": "success", "updated_at": "2026-03-02T10:00:00Z"}]"#.write(
      to: gitlab, atomically: true, encoding: .utf8)
    let alerts = dir.appendingPathComponent("alerts.jsonl")
    try "{\"id\": \"a\", \"status\": \"open\"}\n{\"id\": \"b\", \"createdAt\": true, \"status\": \"open\"}\n".write(
      to: alerts, atomically: true, encoding: .utf8)
    let db = dir.appendingPathComponent("m.sqlite").path
    let result = try LecternBinary.run([
      "metrics", "import", "--db", db, "--gitlab-deployments", gitlab.path, "--service", "payments", "--opsgenie", alerts.path,
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("gitlab.json:1: error: field 'environment': missing"))
    #expect(result.stderr.contains("alerts.jsonl:1: error: field 'createdAt': missing; expected a timestamp"))
    #expect(result.stderr.contains("alerts.jsonl:2: error: field 'createdAt': a boolean (true); expected a string or a number"))
    #expect(result.stderr.contains("3 bad records; nothing was written"))
    #expect(!FileManager.default.fileExists(atPath: db))
  }

  @Test(arguments: [
    (["--github-actions", "runs.json"], "--github-actions needs --workflow NAME"),
    (["--gitlab-deployments", "gl.json"], "--gitlab-deployments needs --service NAME"),
    ([], "give a saved response"),
  ])
  func missingCompanionsAreUsageErrors(_ arguments: [String], _ message: String) throws {
    let result = try LecternBinary.run(["metrics", "import", "--db", "/tmp/never.sqlite"] + arguments)
    #expect(result.status == 2)
    #expect(result.stderr.contains(message))
  }
}

/// `.lectern/metrics.yml`: teams, production aliases and inferred causes for a team's every run.
@Suite struct MetricsConfigurationCommandTests {
  private func folder(config: String) throws -> URL {
    let dir = TestPaths.temporaryDirectory()
    try FileManager.default.createDirectory(at: dir.appendingPathComponent(".lectern"), withIntermediateDirectories: true)
    try config.write(to: dir.appendingPathComponent(".lectern/metrics.yml"), atomically: true, encoding: .utf8)
    let data = dir.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try """
    id,service,environment,finished_at,status
    d1,api,live,2026-03-02T10:00:00Z,success
    d2,web,production,2026-03-03T10:00:00Z,failure
    d3,search,production,2026-03-04T10:00:00Z,success

    """.write(to: data.appendingPathComponent("deployments.csv"), atomically: true, encoding: .utf8)
    try "id,service,opened_at,resolved_at\ni1,api,2026-03-02T11:00:00Z,2026-03-02T12:00:00Z\n".write(
      to: data.appendingPathComponent("incidents.csv"), atomically: true, encoding: .utf8)
    return dir
  }

  @Test func teamsAliasesAndInferredCausesComeFromTheConfiguration() throws {
    let dir = try folder(
      config: """
        production_aliases:
          live: production
        teams:
          storefront: [api, web]
          discovery: [search]
        infer_causes: 2h

        """)
    let result = try LecternBinary.run(
      ["metrics", "show", "--data", "data", "--by", "team", "--format", "json"] + window, in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let object = try json(result)
    let teams = try #require(object["teams"] as? [[String: Any]])
    #expect(teams.map { $0["team"] as? String } == ["storefront", "discovery"])
    // storefront: d1 (live = production, failed by i1 one hour later, inferred) and d2 (failed) → 100 %.
    let storefront = try #require(teams[0]["metrics"] as? [String: [String: Any]])
    #expect(storefront["change_failure_rate"]?["value"] as? Double == 100)
    let counts = try #require(teams[0]["counts"] as? [String: Any])
    // live counts as production only through the configured alias.
    #expect(counts["productionDeployments"] as? Int == 2)
    #expect(counts["inferredCauses"] as? Int == 1)
    // --team adds to the configuration's teams; --config names another file.
    let more = try LecternBinary.run(
      ["metrics", "show", "--data", "data", "--by", "team", "--team", "search-only=search", "--format", "json"] + window,
      in: dir)
    #expect(try #require(try json(more)["teams"] as? [[String: Any]]).count == 3)
  }

  @Test func theProjectFileLecternYmlHoldsTheSameSettingsBesideBuildOptions() throws {
    let dir = try folder(config: "")
    try FileManager.default.removeItem(at: dir.appendingPathComponent(".lectern/metrics.yml"))
    try """
    theme: gaia
    production-aliases:
      live: production
    teams:
      storefront: [api, web]
    infer-causes: 2h

    """.write(to: dir.appendingPathComponent("lectern.yml"), atomically: true, encoding: .utf8)
    let result = try LecternBinary.run(
      ["metrics", "show", "--data", "data", "--by", "team", "--format", "json"] + window, in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let teams = try #require(try json(result)["teams"] as? [[String: Any]])
    let counts = try #require(teams.first?["counts"] as? [String: Any])
    #expect(counts["productionDeployments"] as? Int == 2)
    #expect(counts["inferredCauses"] as? Int == 1)
    // The build and lint readers of the same file accept the metrics keys.
    try "---\nmarp: true\n---\n\n# Hello\n".write(
      to: dir.appendingPathComponent("talk.md"), atomically: true, encoding: .utf8)
    let lint = try LecternBinary.run(["lint", "talk.md", "--no-layout"], in: dir)
    #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
    let build = try LecternBinary.run(["build", "talk.md", "--no-layout", "-o", "talk.html"], in: dir)
    #expect(build.status == 0, "\(build.stderr)")
  }

  @Test func aBadConfigurationNamesItsLine() throws {
    let dir = try folder(config: "teams:\n  storefront: [api, web]\ninfer_causes: soon\n")
    let result = try LecternBinary.run(["metrics", "show", "--data", "data"] + window, in: dir)
    #expect(result.status == 2)
    #expect(result.stderr.contains(".lectern/metrics.yml:3: error: 'soon' is not a length for infer_causes"))
    let unknown = try folder(config: "tems:\n  storefront: [api]\n")
    let typo = try LecternBinary.run(["metrics", "show", "--data", "data"] + window, in: unknown)
    #expect(typo.status == 2)
    #expect(typo.stderr.contains(".lectern/metrics.yml:1: error: unknown key 'tems'"))
  }
}

/// A trend bucket cut short by the window's edge is marked in every format.
@Suite struct MetricsPartialBucketCommandTests {
  @Test func partialBucketsAreMarkedInEveryFormat() throws {
    let dir = TestPaths.temporaryDirectory()
    try "id,service,finished_at\nd1,api,2026-03-02T10:00:00Z\nd2,api,2026-03-10T10:00:00Z\n".write(
      to: dir.appendingPathComponent("deployments.csv"), atomically: true, encoding: .utf8)
    // 2026-03-01 is a Sunday: the weeks from 03-01 (one day) and 03-09 (two days, to 03-11) are partial.
    let show = ["metrics", "show", "--data", dir.path, "--by", "week"] + window
    let table = try LecternBinary.run(show).stdout
    #expect(table.contains("2026-03-01T00:00:00Z (partial)"))
    #expect(table.contains("2026-03-09T00:00:00Z (partial)"))
    #expect(!table.contains("2026-03-02T00:00:00Z (partial)"))
    #expect(try LecternBinary.run(show + ["--format", "markdown"]).stdout.contains("| 2026-03-09T00:00:00Z (partial) |"))
    let trend = try #require(try json(try LecternBinary.run(show + ["--format", "json"]))["trend"] as? [[String: Any]])
    #expect(trend.map { $0["partial"] as? Bool ?? false } == [true, false, true])
    let csv = try LecternBinary.run(show + ["--format", "csv"]).stdout.split(separator: "\r\n")
    #expect(csv[0].hasSuffix(",team,partial"))
    let frequencyRows = csv.filter { $0.contains(",deployment_frequency,") }
    // The whole window's row, then the three weeks.
    #expect(frequencyRows.map { $0.hasSuffix(",true") } == [false, true, false, true])
  }
}
