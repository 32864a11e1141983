import Foundation
import LecternTestSupport
import Testing

@Suite struct BuildCommandTests {
  private func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
  }

  @Test func helpTextIsStable() throws {
    let result = try LecternBinary.run(["build", "--help"])
    #expect(result.status == 0)
    if let problem = snapshotMismatch(result.stdout, named: "build-help.txt") { Issue.record(Comment(rawValue: problem)) }
  }

  @Test func writesBesideTheDeckByDefaultAndReportsWhatItWrote() throws {
    let dir = TestPaths.temporaryDirectory()
    try write("---\nmarp: true\n---\n# A\n<!-- hello -->\n---\n# B\n", to: dir.appendingPathComponent("talk.md"))
    let result = try LecternBinary.run(["build", "talk.md", "--notes"], in: dir)
    #expect(result.status == 0)
    #expect(result.stderr.contains("talk.md → talk.html, talk.notes.txt (2 slides, theme lectern, 1280×720)"))
    let html = try String(contentsOf: dir.appendingPathComponent("talk.html"), encoding: .utf8)
    #expect(html.components(separatedBy: "<svg data-marpit-svg=").count - 1 == 2)
    #expect(try String(contentsOf: dir.appendingPathComponent("talk.notes.txt"), encoding: .utf8) == "hello\n\n---\n\n\n")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty, "no temporary files left behind")
  }

  @Test func directoryInputIsMirroredIntoTheOutputDirectory() throws {
    let dir = TestPaths.temporaryDirectory()
    try write("---\nmarp: true\n---\n# A\n", to: dir.appendingPathComponent("talks/2026/q1.md"))
    try write("---\nmarp: true\n---\n# B\n", to: dir.appendingPathComponent("talks/intro.md"))
    let result = try LecternBinary.run(["build", "talks", "-o", "site"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("site/2026/q1.html").path))
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("site/intro.html").path))
  }

  @Test func standardInputToStandardOutput() throws {
    let result = try LecternBinary.run(["build", "-", "-o", "-"], stdin: Data("---\nmarp: true\n---\n# From stdin\n".utf8))
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("<!DOCTYPE html>"))
    #expect(result.stdout.contains("<title>From stdin</title>"))
    let refused = try LecternBinary.run(["build", "-"], stdin: Data("# x\n".utf8))
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("needs -o FILE or -o -"))
  }

  @Test func problemsNameFileAndLineAndSetTheExitStatus() throws {
    let dir = TestPaths.temporaryDirectory()
    try write("---\nmarp: true\ntheme: nonesuch\n---\n# A\n\n![](missing.png)\n", to: dir.appendingPathComponent("deck.md"))
    let warned = try LecternBinary.run(["build", "deck.md"], in: dir)
    #expect(warned.status == 0)
    #expect(warned.stderr.contains("deck.md:3:1: warning: theme 'nonesuch' is not available; using 'lectern'"))
    #expect(warned.stderr.contains("deck.md:7:1: warning: image 'missing.png' not found"))

    try write("---\nmarp: true\ntheme: [broken\n---\n# A\n", to: dir.appendingPathComponent("bad.md"))
    let failed = try LecternBinary.run(["build", "bad.md"], in: dir)
    #expect(failed.status == 1)
    #expect(failed.stderr.contains("bad.md:3:"))

    let missing = try LecternBinary.run(["build", "nope.md"], in: dir)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("nope.md: error: no such file or directory"))

    let theme = try LecternBinary.run(["build", "deck.md", "--theme", "missing.css"], in: dir)
    #expect(theme.status == 2)
    #expect(theme.stderr.contains("missing.css"))
  }

  @Test func aThemeFileIsUsedByFlagOrByName() throws {
    let dir = TestPaths.temporaryDirectory()
    try write(
      "/* @theme brand */\n@import 'gaia';\nsection { color: rebeccapurple; }\n", to: dir.appendingPathComponent("brand.css"))
    try write("---\nmarp: true\ntheme: brand\n---\n# A\n", to: dir.appendingPathComponent("deck.md"))
    let byFlag = try LecternBinary.run(["build", "deck.md", "--theme", "brand.css", "-o", "-"], in: dir)
    #expect(byFlag.status == 0)
    #expect(byFlag.stdout.contains("color: rebeccapurple;"))
    #expect(byFlag.stdout.contains("--ga-bg"), "@import 'gaia' brings the built-in gaia theme")
    let byName = try LecternBinary.run(["build", "deck.md", "--theme-set", ".", "-o", "-"], in: dir)
    #expect(byName.stdout.contains("data-theme=\"brand\""))
  }

  @Test func watchRebuildsWhenTheDeckChanges() throws {
    let dir = TestPaths.temporaryDirectory()
    let deck = dir.appendingPathComponent("live.md")
    let page = dir.appendingPathComponent("live.html")
    try write("---\nmarp: true\n---\n# Before\n", to: deck)
    let process = try RunningLectern(["build", deck.path, "--watch"])
    defer { process.stop() }
    func waitFor(_ text: String) -> Bool {
      for _ in 0..<100 {
        if let html = try? String(contentsOf: page, encoding: .utf8), html.contains(text) { return true }
        Thread.sleep(forTimeInterval: 0.1)
      }
      return false
    }
    #expect(waitFor("<h1>Before</h1>"))
    Thread.sleep(forTimeInterval: 1.1)  // a new modification time even on coarse file systems
    try write("---\nmarp: true\n---\n# After\n", to: deck)
    #expect(waitFor("<h1>After</h1>"))
    #expect(process.isRunning)
  }

  @Test(.enabled(if: TestPaths.seed("000") != nil, "../shared/seeds is absent"))
  func seedDeckWithTheSampleDataHighlightsTheLiveTier() throws {
    let seed = try #require(TestPaths.seed("000"))
    let dir = TestPaths.temporaryDirectory()
    let deck = dir.appendingPathComponent("seed.md")
    try FileManager.default.copyItem(at: seed, to: deck)
    let data = TestPaths.repositoryRoot().appendingPathComponent("decks/data").path
    let result = try LecternBinary.run([
      "build", deck.path, "-o", "-", "--data", data, "--as-of", "2026-11-29T00:00:00Z", "--window", "90d",
    ])
    #expect(result.status == 0)
    // The DORA slide's table has four metrics; slides 28–31 one each: every row gets its tier marked.
    #expect(result.stdout.components(separatedBy: "class=\"lectern-tier-now\"").count - 1 == 8)
    #expect(result.stdout.contains("<td class=\"lectern-now\">8.00/day</td>"))
    #expect(result.stdout.contains("DORA metrics: 90 days to 29 Nov 2026, all services, from "))
    let off = try LecternBinary.run(["build", deck.path, "-o", "-", "--data", data, "--no-annotate"])
    #expect(!off.stdout.contains("class=\"lectern-tier-now\""))
  }
}
