import Foundation
import LecternTestSupport
import Testing

/// `lint` and `build` without a browser: the layout rules are skipped with one note, not an error.
@Suite struct LayoutCommandTests {
  static let overflowing =
    "---\nmarp: true\n---\n\n# Long\n\n" + (1...16).map { "- item \($0)" }.joined(separator: "\n") + "\n"

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
    let overflow = lint.stdout.split(separator: "\n").filter { $0.hasSuffix("[slide-overflow]") }
    #expect(overflow.count == 1 && overflow[0].hasPrefix("<stdin>:"), "\(lint.stdout)")
    #expect(lint.stdout.contains("row has 1 cell"), "\(lint.stdout)")
    #expect(!lint.stderr.contains("layout not measured"), "\(lint.stderr)")
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
