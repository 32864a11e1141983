import Foundation
import LecternCore
import LecternTestSupport
import Testing
import Yams

/// The repository's own pre-commit hooks (`.pre-commit-hooks.yaml`) and GitHub Action (`action.yml`), run for
/// real: pre-commit installs the hooks from this repository into a fresh git repository; the action's lint
/// steps are run by bash as a runner would run them (its install and build steps are not: they are the
/// README's, and the Makefile tests them).
@Suite struct EditorAndCIIntegrationTests {
  static let preCommit =
    ["/usr/local/bin/pre-commit", "/usr/bin/pre-commit", "/root/.pyenv/shims/pre-commit"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }
    ?? ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map { "\($0)/pre-commit" }
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  private let broken = "# Deploys\n\n| Team | What |\n|---|---|\n| Payments |\n| Search | Canary deploys |\n"
  private let clean = "# Notes\n\n| Team | What |\n|---|---|\n| Payments | Smaller batches |\n"

  /// Runs a tool to its end with output in a file (no pipe for a grandchild to hold), PATH led by lectern's
  /// folder, git identity set; returns status and output.
  private func run(_ argv: [String], in directory: URL, extra: [String: String] = [:]) throws -> (Int32, String) {
    let lectern = try #require(LecternBinary.url, "lectern is built by swift build")
    let log = TestPaths.temporaryDirectory().appendingPathComponent("output.txt")
    try #require(FileManager.default.createFile(atPath: log.path, contents: nil), "cannot create \(log.path)")
    let handle = try FileHandle(forWritingTo: log)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = argv
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["PATH"] = lectern.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    for key in ["GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"] { env[key] = "Lectern Tests" }
    for key in ["GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"] { env[key] = "tests@lectern.invalid" }
    env.merge(extra) { _, new in new }
    process.environment = env
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try handle.close()
    return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
  }

  private func repository(_ files: [String: String]) throws -> URL {
    let dir = TestPaths.temporaryDirectory()
    for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    #expect(try run(["git", "init", "-q"], in: dir).0 == 0)
    #expect(try run(["git", "add", "."], in: dir).0 == 0)
    return dir
  }

  @Test(.enabled(if: preCommit != nil, "pre-commit is not installed (make deps installs it from PyPI)"))
  func preCommitRunsTheLintHookFromThisRepository() throws {
    let repo = try repository(["broken.md": broken, "clean.md": clean, "notes.txt": broken])
    let home = ["PRE_COMMIT_HOME": TestPaths.temporaryDirectory().path]
    let root = TestPaths.repositoryRoot().path
    let failing = try run(
      [Self.preCommit!, "try-repo", root, "lectern-lint", "--files", "broken.md", "clean.md", "notes.txt"], in: repo,
      extra: home)
    #expect(failing.0 == 1, "a broken table fails the hook: \(failing.1)")
    #expect(failing.1.contains("broken.md:5:") && failing.1.contains("table-missing-cells"), "\(failing.1)")
    // `types: [markdown]`: the text file is not handed to lectern.
    #expect(!failing.1.contains("notes.txt:"))
    let passing = try run([Self.preCommit!, "try-repo", root, "lectern-lint", "--files", "clean.md"], in: repo, extra: home)
    #expect(passing.0 == 0, "\(passing.1)")
    #expect(passing.1.contains("lectern lint") && passing.1.contains("Passed"))
  }

  @Test(.enabled(if: preCommit != nil, "pre-commit is not installed (make deps installs it from PyPI)"))
  func preCommitFixHookRepairsTheFileAndSaysSo() throws {
    let repo = try repository(["broken.md": broken])
    let root = TestPaths.repositoryRoot().path
    let result = try run(
      [Self.preCommit!, "try-repo", root, "lectern-lint-fix", "--files", "broken.md"], in: repo,
      extra: ["PRE_COMMIT_HOME": TestPaths.temporaryDirectory().path])
    #expect(result.0 == 1, "pre-commit fails a hook that changed files: \(result.1)")
    #expect(result.1.contains("files were modified by this hook"))
    let fixed = try String(contentsOf: repo.appendingPathComponent("broken.md"), encoding: .utf8)
    #expect(fixed.contains("| Payments |  |") || fixed.contains("| Payments | |"), "\(fixed)")
    #expect(fixed.contains("| Search | Canary deploys |"))
  }

  private func action() throws -> [String: Any] {
    let text = try String(contentsOf: TestPaths.repositoryRoot().appendingPathComponent("action.yml"), encoding: .utf8)
    return try #require(try Yams.load(yaml: text) as? [String: Any])
  }

  /// A step's `run:` with `${{ inputs.NAME }}` replaced by the input's default, as a runner would.
  private func script(_ name: String, in action: [String: Any]) throws -> String {
    let steps = try #require((action["runs"] as? [String: Any])?["steps"] as? [[String: Any]])
    let step = try #require(steps.first { $0["name"] as? String == name }, "action.yml has no step \(name)")
    var text = try #require(step["run"] as? String)
    let inputs = try #require(action["inputs"] as? [String: [String: Any]])
    for (input, spec) in inputs {
      text = text.replacingOccurrences(of: "${{ inputs.\(input) }}", with: "\(spec["default"] ?? "")")
    }
    #expect(!text.contains("${{"), "an expression the test does not know: \(text)")
    return text
  }

  @Test func theActionsLintStepsWorkAsARunnerRunsThem() throws {
    let action = try action()
    let folder = TestPaths.temporaryDirectory()
    try broken.write(to: folder.appendingPathComponent("broken.md"), atomically: true, encoding: .utf8)
    let annotations = try run(["bash", "-e", "-c", try script("Lint (annotations)", in: action)], in: folder)
    #expect(annotations.0 == 1, "findings at the default fail-on fail the step: \(annotations.1)")
    #expect(annotations.1.contains("::warning file=broken.md,line=5,"), "\(annotations.1)")
    let sarif = try run(["bash", "-e", "-c", try script("Lint (SARIF)", in: action)], in: folder)
    #expect(sarif.0 == 0, "the SARIF step succeeds when it wrote findings: \(sarif.1)")
    let data = try Data(contentsOf: folder.appendingPathComponent("lectern.sarif"))
    let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let results = (log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]] ?? []
    #expect(results.contains { $0["ruleId"] as? String == "table-missing-cells" })
  }

  @Test func theActionInstallsTheLibrariesTheBuildLinks() throws {
    let install = try script("Install build dependencies", in: try action())
    for package in ["libcmark-gfm-dev", "libcmark-gfm-extensions-dev", "libsqlite3-dev"] {
      #expect(install.contains(package), "action.yml does not install \(package)")
    }
  }

  @Test func versionIsTheSameEverywhere() throws {
    #expect(try LecternBinary.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == LecternInfo.version)
    let makefile = try String(contentsOf: TestPaths.repositoryRoot().appendingPathComponent("Makefile"), encoding: .utf8)
    #expect(makefile.contains("\nVERSION := \(LecternInfo.version)\n"))
  }
}
