import Foundation
import LecternTestSupport
import Testing

@Suite struct LintCommandTests {
  private let broken = "| a | b | c |\n|---|---|---|\n| 1 |\n\nMetric\tHigh\tLow\nDeploys\tDaily\tMonthly\n"

  private func folder(_ files: [String: String]) throws -> URL {
    let dir = TestPaths.temporaryDirectory()
    for (name, text) in files {
      let url = dir.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return dir
  }

  @Test func helpTextIsStable() throws {
    let result = try LecternBinary.run(["lint", "--help"])
    #expect(result.status == 0)
    if let problem = snapshotMismatch(result.stdout, named: "lint-help.txt") { Issue.record(Comment(rawValue: problem)) }
  }

  @Test func cleanFilesExitZeroFindingsExitOne() throws {
    let dir = try folder(["ok.md": "| a |\n|---|\n| 1 |\n", "sub/bad.md": broken, "notes.txt": broken])
    let clean = try LecternBinary.run(["lint", dir.appendingPathComponent("ok.md").path])
    #expect(clean.status == 0)
    #expect(clean.stdout.isEmpty)
    let all = try LecternBinary.run(["lint", dir.path, "--color", "never"])
    #expect(all.status == 1)
    // Directories are searched for *.md only, recursively.
    #expect(all.stdout.contains("sub/bad.md:3:6: warning:"))
    #expect(!all.stdout.contains("notes.txt"))
    let errorsOnly = try LecternBinary.run(["lint", dir.path, "--fail-on", "error"])
    #expect(errorsOnly.status == 0)
  }

  @Test func missingPathAndBadRuleExitTwo() throws {
    #expect(try LecternBinary.run(["lint", "/nonexistent/x.md"]).status == 2)
    let bad = try LecternBinary.run(["lint", "--rule", "no-such-rule", "."])
    #expect(bad.status != 0 && bad.status != 1)
    #expect(bad.stderr.contains("unknown rule 'no-such-rule'"))
  }

  @Test func standardInputAndNoColor() throws {
    let result = try LecternBinary.run(["lint", "-"], stdin: Data(broken.utf8), environment: ["NO_COLOR": "1"])
    #expect(result.status == 1)
    #expect(result.stdout.hasPrefix("<stdin>:3:6: warning: row has 1 cell"))
    #expect(!result.stdout.contains("\u{1B}["))
  }

  @Test func fixWritesAtomicallyAndASecondRunChangesNothing() throws {
    let dir = try folder(["deck.md": broken])
    let file = dir.appendingPathComponent("deck.md")
    let first = try LecternBinary.run(["lint", "--fix", file.path])
    #expect(first.stderr.contains("fixed 2 problems in 1 file"))
    #expect(first.status == 0)
    let fixed = try String(contentsOf: file, encoding: .utf8)
    #expect(
      fixed
        == "| a | b | c |\n|---|---|---|\n| 1 |  |  |\n\n| Metric | High | Low |\n| --- | --- | --- |\n| Deploys | Daily | Monthly |\n"
    )
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["deck.md"])
    let second = try LecternBinary.run(["lint", "--fix", file.path])
    #expect(second.stderr.contains("fixed 0 problems in 0 files"))
    #expect(try String(contentsOf: file, encoding: .utf8) == fixed)
  }

  @Test func diffShowsTheChangeWithoutWriting() throws {
    let dir = try folder(["deck.md": broken])
    let file = dir.appendingPathComponent("deck.md")
    let result = try LecternBinary.run(["lint", "--fix", "--diff", file.path])
    #expect(result.stdout.contains("\n-| 1 |\n+| 1 |  |  |\n"))
    #expect(result.stdout.contains("\n-Metric\tHigh\tLow\n-Deploys\tDaily\tMonthly\n+| Metric | High | Low |\n"))
    #expect(result.stdout.contains("+| Metric | High | Low |"))
    #expect(try String(contentsOf: file, encoding: .utf8) == broken)
  }

  @Test func nearestConfigurationIsUsed() throws {
    let dir = try folder([
      ".lectern.yml": "rules:\n  table-missing-cells: off\n  tab-separated-table: off\n", "a/deck.md": broken,
    ])
    let result = try LecternBinary.run(["lint", dir.appendingPathComponent("a/deck.md").path])
    #expect(result.status == 0)
  }

  @Test func sarifAndGitHubFormats() throws {
    let sarif = try LecternBinary.run(["lint", "-", "--format", "sarif"], stdin: Data(broken.utf8))
    let log = try #require(try JSONSerialization.jsonObject(with: sarif.stdoutData) as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    let github = try LecternBinary.run(["lint", "-", "--format", "github"], stdin: Data(broken.utf8))
    #expect(github.stdout.hasPrefix("::warning file=<stdin>,line=3,col=6"))
  }

  @Test func listRulesDescribesEveryRule() throws {
    let result = try LecternBinary.run(["lint", "--list-rules"])
    #expect(result.status == 0)
    for id in ["table-not-parsed", "table-extra-cells", "tab-separated-table", "mojibake", "unknown-directive", "missing-image"] {
      #expect(result.stdout.contains(id))
    }
  }

  @Test func fixThroughASymlinkWritesTheTargetKeepsTheLinkAndTheMode() throws {
    let dir = try folder(["real/t.md": "| a | b |\n|---|---|\n1 | 2\n"])
    let target = dir.appendingPathComponent("real/t.md")
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target.path)
    let link = dir.appendingPathComponent("link.md")
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real/t.md")
    let result = try LecternBinary.run(["lint", "--fix", link.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real/t.md", "the link stays a link")
    #expect(try String(contentsOf: target, encoding: .utf8) == "| a | b |\n|---|---|\n| 1 | 2 |\n")
    let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? NSNumber
    #expect(mode?.intValue == 0o640)
  }

  @Test func fixRefusesAReadOnlyFileAndDoesNotCountItAsFixed() throws {
    let text = "| a | b |\n|---|---|\n1 | 2\n"
    let dir = try folder(["ro.md": text])
    let file = dir.appendingPathComponent("ro.md")
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
    let result = try LecternBinary.run(["lint", "--fix", file.path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("read-only"))
    #expect(result.stderr.contains("fixed 0 problems") || result.stdout.contains("fixed 0 problems"))
    #expect(try String(contentsOf: file, encoding: .utf8) == text, "not replaced")
    let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
    #expect(mode?.intValue == 0o444)
  }

  @Test(arguments: ["| a | b |\n|---|---|\n1 | 2", "| a | b |\n|---|---|\n1 | 2\n", "x\n\n| a | b |\n| 1 | 2 |\n\ny"])
  func fixDiffAppliesWithPatch(_ text: String) throws {
    let dir = try folder(["t.md": text])
    let diff = try LecternBinary.run(["lint", "--fix", "--diff", "t.md"], in: dir)
    #expect(diff.stdout.contains("+++ t.md"))
    try diff.stdout.write(to: dir.appendingPathComponent("fix.diff"), atomically: true, encoding: .utf8)
    let patch = Process()
    patch.executableURL = URL(fileURLWithPath: "/usr/bin/patch")
    patch.arguments = ["-p0", "-i", "fix.diff"]
    patch.currentDirectoryURL = dir
    patch.standardOutput = FileHandle.nullDevice
    try patch.run()
    patch.waitUntilExit()
    #expect(patch.terminationStatus == 0)
    let fixed = try LecternBinary.run(["lint", "--fix", "--diff", "t.md"], in: dir)
    #expect(!fixed.stdout.contains("+++"), "after patch, nothing is left to fix: \(fixed.stdout)")
  }

  /// Build, extract and lint read `$$` blocks alike (Marp Core): a closed block before `---` keeps the break, an
  /// unclosed one swallows the rest and only lint complains.
  @Test(arguments: [
    ("---\nmarp: true\n---\n\nText\n$$\nx^2\n$$\n---\n\n# B\n", 2, false),
    ("---\nmarp: true\n---\n\n# A\n\n$$\nx^2\n\n---\n\n# B\n", 1, true),
  ])
  func buildExtractAndLintAgreeOnMathBlocks(_ text: String, _ slides: Int, _ unclosed: Bool) throws {
    let dir = try folder(["deck.md": text])
    let build = try LecternBinary.run(["build", "deck.md", "-o", "deck.html"], in: dir)
    #expect(build.status == 0, "\(build.stderr)")
    #expect((build.stdout + build.stderr).contains("(\(slides) slide"), "\(build.stdout)\(build.stderr)")
    let extract = try LecternBinary.run(["extract", "deck.md"], in: dir)
    #expect(extract.stdout.contains("\"slideCount\":\(slides),"))
    let lint = try LecternBinary.run(["lint", "--rule", "unclosed-block", "deck.md"], in: dir)
    #expect(lint.stdout.contains("'$$' math block is never closed") == unclosed, "\(lint.stdout)")
  }

  /// Folders are walked without what Git ignores and what `exclude:` names (`**/` is zero or more folders); a
  /// file named on the command line is still read.
  @Test func walkingAFolderSkipsGitIgnoredAndExcludedFiles() throws {
    let bad = "| a | b |\n|---|---|\n1 | 2\n"
    let dir = try folder([
      "keep.md": bad, "build/out.md": bad, "drafts/x.md": bad, "docs/vendor/y.md": bad, "vendor/z.md": bad,
      ".gitignore": "build/\n", ".lectern.yml": "exclude:\n  - drafts/**\n  - \"**/vendor/*.md\"\n",
    ])
    let git = Process()
    git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    git.arguments = ["init", "-q"]
    git.currentDirectoryURL = dir
    try git.run()
    git.waitUntilExit()
    #expect(git.terminationStatus == 0)
    let all = try LecternBinary.run(["lint", "--color", "never", dir.path])
    let files = Set(
      all.stdout.split(separator: "\n").compactMap { line -> String? in
        guard let r = line.range(of: ".md:") else { return nil }
        return String(line[..<r.lowerBound]).replacingOccurrences(of: dir.path + "/", with: "") + ".md"
      })
    #expect(files == ["keep.md"], "\(all.stdout)")
    let named = try LecternBinary.run(["lint", "--color", "never", dir.appendingPathComponent("drafts/x.md").path])
    #expect(named.stdout.contains("x.md:3:1"))
  }
}
