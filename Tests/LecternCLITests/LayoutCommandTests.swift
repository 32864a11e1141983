import Foundation
import LecternTestSupport
import Testing

/// `lint` and `build` without a browser: the layout rules are skipped with one note, not an error.
@Suite struct LayoutCommandTests {
  static let overflowing =
    "---\nmarp: true\n---\n\n# Long\n\n" + (1...16).map { "- item \($0)" }.joined(separator: "\n") + "\n"

  /// A finding line of the measured layout: the slide overflows, or (when a table is what runs past the
  /// bottom) the table is too large.
  static func isLayoutFinding(_ line: Substring) -> Bool {
    line.hasSuffix("[slide-overflow]") || line.hasSuffix("[table-too-large]")
  }

  private func decks() throws -> URL {
    let dir = TestPaths.temporaryDirectory()
    for name in ["a.md", "b.md"] {
      try Self.overflowing.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return dir
  }

  @Test func lintWithoutABrowserSaysSoOnceAndSkipsTheLayoutRules() throws {
    let dir = try decks()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try LecternBinary.run(
      ["lint", dir.path, "--color", "never"], environment: ["PATH": "/nonexistent-lectern-path", "CHROME_PATH": ""])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.components(separatedBy: "layout rules (slide-overflow, text-too-small, low-contrast) skipped").count == 2)
    #expect(result.stderr.contains("no Chromium found"))
    #expect(!result.stdout.contains("slide-overflow"))
  }

  @Test func buildWithoutABrowserSaysSoOnceAndStillBuilds() throws {
    let dir = try decks()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out")
    let result = try LecternBinary.run(
      ["build", dir.appendingPathComponent("a.md").path, dir.appendingPathComponent("b.md").path, "-o", out.path],
      environment: ["PATH": "/nonexistent-lectern-path", "CHROME_PATH": ""])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.components(separatedBy: "slides not measured for overflow").count == 2, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("a.html").path))
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "needs Debian's chromium"))
  func lintAndBuildReportTheSameOverflowWithABrowser() throws {
    let dir = try decks()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("a.md").path
    let lint = try LecternBinary.run(["lint", file, "--rule", "slide-overflow", "--color", "never"])
    #expect(lint.status == 1)
    #expect(
      lint.stdout.contains("a.md:7:1: warning: the content of slide 1 is") || lint.stdout.contains("a.md:7:1: warning: list"))
    let build = try LecternBinary.run(["build", file, "-o", dir.appendingPathComponent("a.html").path])
    #expect(build.status == 0)
    #expect(build.stderr.contains("a.md:7:1: warning:") && build.stderr.contains("[slide-overflow]"), "\(build.stderr)")
    let quiet = try LecternBinary.run(["build", "--no-layout", file, "-o", dir.appendingPathComponent("a.html").path])
    #expect(!quiet.stderr.contains("slide-overflow"))
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "needs Debian's chromium"))
  func standardInputIsMeasuredAsAFileIs() throws {
    // Read once, then both measured and linted: the overflow is found and the ordinary rules still run.
    let deck = Self.overflowing + "\n| a | b |\n|---|---|\n| 1 |\n"
    let lint = try LecternBinary.run(["lint", "-", "--color", "never"], stdin: Data(deck.utf8))
    #expect(lint.status == 1, "\(lint.stderr)")
    let overflow = lint.stdout.split(separator: "\n").filter { Self.isLayoutFinding($0) }
    #expect(overflow.count == 1 && overflow[0].hasPrefix("<stdin>:"), "\(lint.stdout)")
    #expect(lint.stdout.contains("row has 1 cell"), "\(lint.stdout)")
    #expect(!lint.stderr.contains("layout not measured"), "\(lint.stderr)")
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "needs Debian's chromium"))
  func fixMeasuresTheFixedText() throws {
    // Slide 1: a prose line glued above a table; --fix inserts a blank line, so slide 2's overflowing list
    // moves down one line.
    let glued =
      "---\nmarp: true\n---\n\n# Short\n\nIntro\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n# Long\n\n"
      + (1...16).map { "- item \($0)" }.joined(separator: "\n") + "\n"
    let dir = TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    func overflowLines(_ output: String) -> [String] {
      output.split(separator: "\n").filter { Self.isLayoutFinding($0) }.map {
        String($0.split(separator: ":").dropFirst().prefix(2).joined(separator: ":"))
      }
    }
    let deck = dir.appendingPathComponent("deck.md")
    try glued.write(to: deck, atomically: true, encoding: .utf8)
    let before = overflowLines(try LecternBinary.run(["lint", deck.path, "--color", "never"]).stdout)
    #expect(before.count == 1, "the unfixed deck overflows")

    // --diff prints only the patch (and leaves the file as it is).
    let diff = try LecternBinary.run(["lint", deck.path, "--fix", "--diff", "--color", "never"])
    #expect(diff.stdout.contains("+\n") && !diff.stdout.contains("[slide-overflow]"), "\(diff.stdout)")
    #expect(try String(contentsOf: deck, encoding: .utf8) == glued)

    let fixed = try LecternBinary.run(["lint", deck.path, "--fix", "--color", "never"])
    #expect(fixed.status == 1, "the overflow remains: \(fixed.stderr)")
    #expect(try String(contentsOf: deck, encoding: .utf8).contains("Intro\n\n| a | b |"))
    let after = overflowLines(try LecternBinary.run(["lint", deck.path, "--color", "never"]).stdout)
    #expect(after.count == 1 && after != before, "the fix moved slide 2 down: \(before) → \(after)")
    #expect(overflowLines(fixed.stdout) == after, "--fix reports the overflow where it is in the fixed file: \(fixed.stdout)")
  }

  @Test func lintOfMoreThanAHundredFilesSkipsTheLayoutRulesUnlessAsked() throws {
    let dir = TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for n in 1...101 {
      try "---\nmarp: true\n---\n\n# Deck \(n)\n".write(
        to: dir.appendingPathComponent("d\(n).md"), atomically: true, encoding: .utf8)
    }
    let many = try LecternBinary.run(["lint", dir.path, "--color", "never"])
    #expect(many.status == 0, "\(many.stderr)")
    #expect(many.stderr.contains("skipped for 101 files, more than 100; pass --layout"), "\(many.stderr)")
    let both = try LecternBinary.run(["lint", dir.path, "--layout", "--no-layout"])
    #expect(both.status == 2)
    #expect(both.stderr.contains("--layout and --no-layout cannot be used together"))
  }
}
