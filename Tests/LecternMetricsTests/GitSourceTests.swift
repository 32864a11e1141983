import Foundation
import LecternCore
import LecternDORA
import LecternTestSupport
import Testing

@testable import LecternMetrics
@testable import LecternRecords

/// A real repository, made in the test with fixed dates, annotated and lightweight tags.
@Suite struct GitSourceTests {
  private func run(_ args: [String], in dir: URL, date: String? = nil) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git"] + args
    p.currentDirectoryURL = dir
    var env = ProcessInfo.processInfo.environment
    env["GIT_AUTHOR_NAME"] = "Test"
    env["GIT_AUTHOR_EMAIL"] = "t@example.com"
    env["GIT_COMMITTER_NAME"] = "Test"
    env["GIT_COMMITTER_EMAIL"] = "t@example.com"
    if let date {
      env["GIT_AUTHOR_DATE"] = date
      env["GIT_COMMITTER_DATE"] = date
    }
    p.environment = env
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "git \(args)")
  }

  private func commit(_ name: String, at date: String, in dir: URL) throws {
    try name.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    try run(["add", name], in: dir)
    try run(["commit", "-q", "-m", name], in: dir, date: date)
  }

  @Test func tagsAreDeploymentsAndCommitsAreChanges() throws {
    let dir = TestPaths.temporaryDirectory().appendingPathComponent("svc")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try run(["init", "-q", "-b", "main"], in: dir)
    try commit("a", at: "2026-03-01T08:00:00+00:00", in: dir)
    // Baseline tag (lightweight): its date is the commit's, 03-01 08:00; it ships nothing.
    try run(["tag", "deploy/1"], in: dir)
    try commit("b", at: "2026-03-02T08:00:00+00:00", in: dir)
    try commit("c", at: "2026-03-02T09:00:00+02:00", in: dir)
    // Annotated tag: its date is the tagger date, 03-02 12:00Z.
    try run(["tag", "-a", "deploy/2", "-m", "release"], in: dir, date: "2026-03-02T12:00:00+00:00")
    try commit("d", at: "2026-03-03T08:00:00+00:00", in: dir)
    try run(["tag", "other/3"], in: dir)  // does not match the glob

    let batch = try GitSource(repository: dir.path, tagGlob: "deploy/*").read()
    #expect(batch.changes.count == 4)
    #expect(batch.deployments.map(\.id) == ["tag:deploy/1", "tag:deploy/2"])
    #expect(batch.deployments[0].commits.isEmpty)
    #expect(batch.deployments[0].finishedAt == Timestamp(rfc3339: "2026-03-01T08:00:00Z"))
    #expect(batch.deployments[1].finishedAt == Timestamp(rfc3339: "2026-03-02T12:00:00Z"))
    #expect(batch.deployments[1].commits.count == 2)
    #expect(batch.deployments.allSatisfy { $0.service == "svc" })

    let store = try MetricsStore(path: nil)
    _ = try store.ingest(batch)
    let window = Window(start: Timestamp(rfc3339: "2026-03-01T00:00:00Z")!, end: Timestamp(rfc3339: "2026-03-05T00:00:00Z")!)
    let r = try DORACalculator(store: store).report(window: window)
    // Two deployments over 4 days → 0.5 per day.
    #expect(r.measurement(.deploymentFrequency)?.number == 0.5)
    // b: 12:00 − 08:00 = 4 h; c (09:00+02:00 = 07:00Z): 5 h → median 4.5 h. a shipped in the baseline: not counted.
    #expect(r.measurement(.leadTime)?.number == 4.5)
  }

  @Test func notARepositoryIsAClearError() {
    let dir = TestPaths.temporaryDirectory()
    #expect(throws: IngestError.self) { _ = try GitSource(repository: dir.path, tagGlob: "*").read() }
  }
}
