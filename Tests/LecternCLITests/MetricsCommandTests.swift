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
    #expect(result.stdout.contains("| 2026-03-01T00:00:00Z (partial) |"))
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

/// Input you can trust, stores that read without writing, gates and views for CI: through the binary.
@Suite struct MetricsTrustCommandTests {
  private let deployments = """
    id,service,environment,finished_at,status,commits
    d1,api,Production,2026-03-02T10:00:00Z,success,a
    d2,api,prod,2026-03-03T10:00:00Z,failure,b
    d3,web,staging,2026-03-04T10:00:00Z,success,c
    d4,web,live,2026-03-05T10:00:00Z,success,c

    """
  private let changes = "sha,committed_at\na,2026-03-02T04:00:00Z\nb,2026-03-03T09:00:00Z\nc,2026-03-04T08:00:00Z\n"
  private let incidents = """
    {"id": 1, "service": "api", "severity": 1, "opened_at": "2026-03-03T11:00:00Z", "resolved_at": "2026-03-03T12:00:00Z", "acknowledged_at": "2026-03-03T11:05:00Z"}
    {"id": "true", "service": "web", "severity": "sev-2", "opened_at": "2026-03-05T11:00:00Z", "resolved_at": "2026-03-05T15:00:00Z"}

    """
  private let window = ["--since", "2026-03-01T00:00:00Z", "--until", "2026-03-11T00:00:00Z"]

  private func folder() throws -> URL {
    let dir = TestPaths.temporaryDirectory()
    try deployments.write(to: dir.appendingPathComponent("deployments.csv"), atomically: true, encoding: .utf8)
    try changes.write(to: dir.appendingPathComponent("changes.csv"), atomically: true, encoding: .utf8)
    try incidents.write(to: dir.appendingPathComponent("incidents.jsonl"), atomically: true, encoding: .utf8)
    return dir
  }

  private func ingested() throws -> (dir: URL, db: String) {
    let dir = try folder()
    let db = dir.appendingPathComponent("store/m.sqlite").path
    let files = ["deployments.csv", "changes.csv", "incidents.jsonl"].map { dir.appendingPathComponent($0).path }
    let result = try LecternBinary.run(["metrics", "ingest", "--db", db] + files)
    #expect(result.status == 0, "\(result.stderr)")
    return (dir, db)
  }

  private func json(_ result: CommandResult) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
  }

  @Test func numericIdsAreTextAndDoNotCollide() throws {
    let (_, db) = try ingested()
    let show = try LecternBinary.run(["metrics", "show", "--db", db, "--format", "json"] + window)
    let counts = try #require(try json(show)["store"] as? [String: Any])
    // "id": 1 is "1", not "true": two incidents, not one replacing the other.
    #expect(counts["incidents"] as? Int == 2)
  }

  @Test func everyBadRecordIsListedAndNothingIsWritten() throws {
    let dir = try folder()
    let badCSV = dir.appendingPathComponent("bad-deployments.csv")
    try "id,service,finished_at\nd1,api\nd2,api,2026-03-02T10:00:00Z,x\nd3,api,2026-03-02T10:00:00Z\n".write(
      to: badCSV, atomically: true, encoding: .utf8)
    let badJSON = dir.appendingPathComponent("bad-incidents.jsonl")
    try
      "{\"id\": \"i1\", \"opened_at\": \"2026-03-02T10:00:00Z\", \"severity\": -1}\n{\"id\": [1], \"opened_at\": \"2026-03-02T10:00:00Z\"}\n"
      .write(to: badJSON, atomically: true, encoding: .utf8)
    let db = dir.appendingPathComponent("m.sqlite").path
    let result = try LecternBinary.run(["metrics", "ingest", "--db", db, badCSV.path, badJSON.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("bad-deployments.csv:2:7: error: row has 2 fields; the header has 3"))
    #expect(result.stderr.contains("bad-deployments.csv:3:29: error: row has 4 fields; the header has 3"))
    #expect(result.stderr.contains("bad-incidents.jsonl:1: error: field 'severity': '-1' is not a severity"))
    #expect(result.stderr.contains("bad-incidents.jsonl:2: error: field 'id': an array is not a single value"))
    #expect(result.stderr.contains("4 bad records; nothing was written"))
    #expect(!FileManager.default.fileExists(atPath: db))
  }

  @Test func productionUnderItsUsualNamesCountsAndTheRestIsReported() throws {
    let (_, db) = try ingested()
    let table = try LecternBinary.run(["metrics", "show", "--db", db] + window)
    #expect(table.status == 0)
    #expect(table.stdout.contains("1 of 2 production deployments"))
    #expect(table.stdout.contains("1 deployment in environment 'live' not counted (not production)"))
    #expect(table.stdout.contains("1 deployment in environment 'staging' not counted (not production)"))
    let aliased = try LecternBinary.run(
      ["metrics", "show", "--db", db, "--production-alias", "live", "--format", "json"] + window)
    let report = try #require(try json(aliased)["report"] as? [String: Any])
    let notCounted = try #require(report["notCounted"] as? [[String: Any]])
    #expect(notCounted.map { $0["environment"] as? String } == ["staging"])
    #expect((report["counts"] as? [String: Any])?["productionDeployments"] as? Int == 3)
  }

  @Test func aReadOnlyStoreIsReadByAnotherUser() throws {
    let (dir, db) = try ingested()
    let folder = dir.appendingPathComponent("store").path
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
    let binary = try #require(LecternBinary.url).path
    // Root ignores permissions: run as nobody when root, so the file really cannot be written.
    let asOther = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", binary] : [binary]
    let process = Process()
    process.executableURL = URL(fileURLWithPath: asOther[0])
    process.arguments = Array(asOther.dropFirst()) + ["metrics", "show", "--db", db, "--format", "json"] + window
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(errors)")
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect((object["store"] as? [String: Any])?["deployments"] as? Int == 4)
  }

  @Test func ingestIntoAForeignSQLiteFileIsRefused() throws {
    let dir = try folder()
    let db = dir.appendingPathComponent("app.sqlite").path
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = [
      "python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table users (id int)'); c.commit()",
      db,
    ]
    try python.run()
    python.waitUntilExit()
    let before = try Data(contentsOf: URL(fileURLWithPath: db))
    let result = try LecternBinary.run(["metrics", "ingest", "--db", db, dir.appendingPathComponent("changes.csv").path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("not a Lectern metrics store (tables 'users')"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
  }

  @Test func concurrentIngestsBothSucceed() throws {
    let dir = try folder()
    let db = dir.appendingPathComponent("m.sqlite").path
    var text = "sha,committed_at\n"
    for i in 0..<60_000 { text += "s\(i),2026-03-02T04:00:00Z\n" }
    let files = (0..<2).map { dir.appendingPathComponent("changes-\($0).csv").path }
    for f in files { try text.write(toFile: f, atomically: true, encoding: .utf8) }
    let results = try runAtOnce(files.map { ["metrics", "ingest", "--db", db, $0] })
    #expect(results.map(\.status) == [0, 0], "\(results.map(\.stderr))")
  }

  @Test func aServiceOrTagGlobThatMatchesNothingSaysSo() throws {
    let (dir, db) = try ingested()
    let show = try LecternBinary.run(["metrics", "show", "--db", db, "--service", "nosuch"] + window)
    #expect(show.stderr.contains("no records match service 'nosuch'"))
    let repo = dir.appendingPathComponent("repo")
    try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
    for args in [
      ["init", "-q"], ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-q", "--allow-empty", "-m", "x"],
      ["tag", "deploy/1"],
    ] {
      let git = Process()
      git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      git.arguments = ["git", "-C", repo.path] + args
      try git.run()
      git.waitUntilExit()
    }
    let ingest = try LecternBinary.run(["metrics", "ingest", "--db", db, "--git", repo.path, "--deploy-tags", "nomatch/*"])
    #expect(ingest.status == 1)
    #expect(ingest.stderr.contains("no tag matches 'nomatch/*'"))
    #expect(ingest.stderr.contains("'deploy/1'"))
  }

  @Test func failIfExitsOneNamingTheBreach() throws {
    let (_, db) = try ingested()
    let show = ["metrics", "show", "--db", db] + window
    // CFR: d1 ok, d2 failed → 50 %. Lead time 6 h.
    let breached = try LecternBinary.run(
      show + ["--fail-if", "change_failure_rate>30%", "--fail-if", "lead_time>7d", "--fail-if", "deployment_frequency<High"])
    #expect(breached.status == 1)
    #expect(breached.stderr.contains("threshold 'change_failure_rate>30%' breached: Change Failure Rate is 50.0%"))
    #expect(breached.stderr.contains("threshold 'deployment_frequency<High' breached"))
    #expect(!breached.stderr.contains("lead_time>7d"))
    let passed = try LecternBinary.run(show + ["--fail-if", "change_failure_rate>60%", "--fail-if", "lead_time>7d"])
    #expect(passed.status == 0)
    let empty = ["metrics", "show", "--db", db, "--since", "2025-01-01T00:00:00Z", "--until", "2025-02-01T00:00:00Z"]
    let noData = try LecternBinary.run(empty + ["--fail-if", "lead_time>7d"])
    #expect(noData.status == 0)
    #expect(noData.stderr.contains("note: threshold 'lead_time>7d' not checked: no data"))
    #expect(try LecternBinary.run(empty + ["--fail-if", "lead_time>7d", "--fail-on-no-data"]).status == 1)
    let bad = try LecternBinary.run(show + ["--fail-if", "lead_time>soon"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("'soon' is not a value for lead_time"))
  }

  @Test func byServiceInEveryFormatWithChosenPercentiles() throws {
    let (_, db) = try ingested()
    let show = ["metrics", "show", "--db", db, "--by", "service", "--percentile", "50,75,90"] + window
    let object = try json(try LecternBinary.run(show + ["--format", "json"]))
    let services = try #require(object["services"] as? [[String: Any]])
    #expect(services.map { $0["services"] as? [String] } == [["api"], ["web"]])
    let apiMetrics = try #require(services[0]["metrics"] as? [String: [String: Any]])
    #expect(apiMetrics["change_failure_rate"]?["value"] as? Double == 50)
    #expect((apiMetrics["time_to_restore"]?["percentiles"] as? [String: Double])?.keys.sorted() == ["p50", "p75", "p90"])
    let csv = try LecternBinary.run(show + ["--format", "csv"]).stdout
    #expect(csv.contains(",change_failure_rate,50.0,percent,,Low,api,,"))
    let markdown = try LecternBinary.run(show + ["--format", "markdown"]).stdout
    #expect(markdown.contains("| Service | Deploys/day |"))
    #expect(markdown.contains("| web | 0.00/day |"))
    let table = try LecternBinary.run(show).stdout
    #expect(table.contains("By service"))
    #expect(
      try LecternBinary.run(show + ["--fail-if", "change_failure_rate>30%"]).stderr.contains(
        "threshold 'change_failure_rate>30%' breached for service 'api': Change Failure Rate is 50.0%"))
    // Restore times 1 h and 4 h: p50 2.5 h, p75 3.25 h, p90 3.7 h.
    #expect(table.contains("p50 2.5 h, p75 3.2 h, p90 3.7 h, 2 resolved"))
  }
}

/// `--by team`: one report per team, over the services it owns.
@Suite struct MetricsTeamCommandTests {
  @Test func byTeamInEveryFormat() throws {
    let dir = TestPaths.temporaryDirectory()
    try
      "id,service,finished_at,status\nd1,api,2026-03-02T10:00:00Z,success\nd2,web,2026-03-03T10:00:00Z,failure\nd3,search,2026-03-04T10:00:00Z,success\n"
      .write(to: dir.appendingPathComponent("deployments.csv"), atomically: true, encoding: .utf8)
    let show = [
      "metrics", "show", "--data", dir.path, "--since", "2026-03-01T00:00:00Z", "--until", "2026-03-11T00:00:00Z", "--by", "team",
      "--team", "storefront=api,web", "--team", "discovery=search",
    ]
    let object = try #require(
      try JSONSerialization.jsonObject(with: try LecternBinary.run(show + ["--format", "json"]).stdoutData) as? [String: Any])
    let teams = try #require(object["teams"] as? [[String: Any]])
    #expect(teams.map { $0["team"] as? String } == ["storefront", "discovery"])
    #expect(teams.map { $0["services"] as? [String] } == [["api", "web"], ["search"]])
    let storefront = try #require(teams[0]["metrics"] as? [String: [String: Any]])
    #expect(storefront["change_failure_rate"]?["value"] as? Double == 50)
    #expect(try LecternBinary.run(show + ["--format", "markdown"]).stdout.contains("| storefront | 0.10/day |"))
    #expect(
      try LecternBinary.run(show + ["--format", "csv"]).stdout.contains(
        ",change_failure_rate,0.0,percent,,High,search,,,discovery"))
    let table = try LecternBinary.run(show + ["--fail-if", "change_failure_rate>30%"])
    #expect(table.status == 1)
    #expect(table.stdout.contains("By team"))
    #expect(table.stderr.contains("breached for team 'storefront'"))
    let missing = try LecternBinary.run(Array(show.prefix(10)))
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("--by team needs --team"))
  }
}

/// `lectern metrics import`: recorded GitHub and PagerDuty responses into a store.
@Suite struct MetricsImportCommandTests {
  private func fixture(_ name: String) -> String {
    TestPaths.repositoryRoot().appendingPathComponent("Tests/LecternMetricsTests/Import/Fixtures/\(name)").path
  }

  @Test func importsDeploymentsAndIncidents() throws {
    let db = TestPaths.temporaryDirectory().appendingPathComponent("m.sqlite").path
    let result = try LecternBinary.run([
      "metrics", "import", "--db", db, "--github-deployments", fixture("github-deployments.json"), "--github-statuses",
      fixture("github-statuses.json"), "--pagerduty", fixture("pagerduty-incidents.json"),
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("deployments: 2 added"))
    #expect(result.stdout.contains("incidents: 2 added"))
    #expect(result.stderr.contains("1 GitHub deployment(s) with no success, failure or error status not imported"))
    let show = try LecternBinary.run([
      "metrics", "show", "--db", db, "--since", "2026-03-01T00:00:00Z", "--until", "2026-03-11T00:00:00Z", "--fail-if",
      "change_failure_rate>30%",
    ])
    #expect(show.status == 1)
    #expect(show.stderr.contains("Change Failure Rate is 50.0%"))
    let missing = try LecternBinary.run(["metrics", "import", "--db", db, "--github-deployments", fixture("x.json")])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("--github-deployments needs --github-statuses"))
  }
}

/// The results of running `lectern` with each argument list, all at the same time.
private func runAtOnce(_ argumentLists: [[String]]) throws -> [CommandResult] {
  final class Results: @unchecked Sendable {
    let lock = NSLock()
    var items: [Int: Result<CommandResult, Error>] = [:]
  }
  let results = Results()
  DispatchQueue.concurrentPerform(iterations: argumentLists.count) { i in
    let r = Result { try LecternBinary.run(argumentLists[i]) }
    results.lock.withLock { results.items[i] = r }
  }
  return try (0..<argumentLists.count).map { try results.items[$0]!.get() }
}
