import Foundation
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternLint

/// `--fix` on every seed, every corpus file and generated broken tables: every word of the input survives and the
/// number of table findings never grows.
@Suite struct FixKeepsContentTests {
  /// Rules whose fix renames a misspelt word (a directive, placeholder or theme) change a word on purpose.
  private var linter: Linter {
    var configuration = LintConfiguration()
    configuration.disabled = Set(FixApplier.renamingCodes.map(\.rawValue))
    return Linter(configuration: configuration)
  }

  private func check(_ source: SourceFile, _ name: String) {
    let before = linter.lint(source)
    let result = FixApplier(linter: linter).fix(source)
    let words = FixApplier.words(result.text)
    for (word, count) in FixApplier.words(source.text) where words[word, default: 0] < count {
      Issue.record("\(name): --fix lost the word '\(word)' (\(count) before, \(words[word, default: 0]) after)")
    }
    let after = linter.lint(SourceFile(path: source.path, text: result.text))
    #expect(
      FixApplier.tableFindings(after) <= FixApplier.tableFindings(before),
      "\(name): table findings grew from \(FixApplier.tableFindings(before)) to \(FixApplier.tableFindings(after))\n\(result.text)"
    )
    let again = FixApplier(linter: linter).fix(SourceFile(path: source.path, text: result.text))
    #expect(again.text == result.text, "\(name): a second --fix changed the text")
    // What --fix leaves is reported as not fixable (a fix it refused is not offered again), and each such finding
    // that the linter would offer a fix for says why it was left.
    #expect(result.remaining.allSatisfy { $0.fix == nil }, "\(name)")
    let offered = after.filter { $0.fix != nil }.count
    #expect(result.remaining.filter { $0.message.contains("(not fixed: ") }.count == offered, "\(name)")
  }

  @Test(.enabled(if: TestPaths.shared != nil, "../shared is absent: seeds and corpus not fixed"))
  func seedsAndCorpusKeepEveryWord() throws {
    let shared = try #require(TestPaths.shared)
    var files: [URL] = []
    for folder in ["seeds", "corpus/decks", "corpus/postmortems"] {
      let dir = shared.appendingPathComponent(folder)
      files += try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
    }
    #expect(files.count >= 25)
    for url in files.sorted(by: { $0.path < $1.path }) { check(try SourceFile.at(url), url.lastPathComponent) }
  }

  @Test(arguments: 0..<400)
  func generatedBrokenTablesKeepEveryWord(_ seed: Int) {
    var generator = BrokenTableGenerator(seed: UInt64(seed))
    let text = generator.document()
    check(SourceFile(path: "/nonexistent-dir/generated-\(seed).md", text: text), "generated \(seed):\n\(text)")
  }

  /// The cases the issue names, fixed together.
  @Test func pipeStyleAndMissingCellsTogetherNeverAddACell() {
    let text = "a | b | c\n--|--|--\n| 1 | 2 |\n3 | 4\n| 5 | 6 | 7 |\n"
    let fixed = FixApplier(linter: linter).fix(SourceFile(path: "/nonexistent-dir/t.md", text: text)).text
    for line in fixed.split(separator: "\n") {
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
      #expect(cells.count == 3, "\(line) in\n\(fixed)")
    }
  }

  /// Found by FuzzLintFix (issue 17): pipes in a list item over a delimiter row at the margin. The rows are in
  /// different containers, so no rewrite of the delimiter row makes a table: the finding stays, without a fix
  /// that --fix would only refuse.
  @Test func delimiterRowOutsideTheHeadersListItemOffersNoFix() {
    let text = "- a | b | c |\n| --- | --- |\n"
    let source = SourceFile(path: "/nonexistent-dir/t.md", text: text)
    let found = linter.lint(source).filter { $0.code == .tableNotParsed }
    #expect(found.count == 1)
    #expect(found.allSatisfy { $0.fix == nil }, "\(found)")
    #expect(FixApplier(linter: linter).fix(source).text == text)
    // Without any delimiter row, the same: a delimiter row under a list item's text makes no table.
    let noDelimiter = SourceFile(path: "/nonexistent-dir/t.md", text: "- a | b | c |\n| d | e | f |\n")
    #expect(linter.lint(noDelimiter).filter { $0.code == .tableNotParsed && $0.fix != nil }.isEmpty)
    // The same rows in one container are still fixed.
    let inside = FixApplier(linter: linter).fix(SourceFile(path: "/nonexistent-dir/t.md", text: "| a | b | c |\n| --- | --- |\n"))
    #expect(inside.text == "| a | b | c |\n|---|---|---|\n", "\(inside.text)")
  }

  @Test func proseGluedAboveATableStaysProse() {
    let text = "Intro text\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    let fixed = FixApplier(linter: linter).fix(SourceFile(path: "/nonexistent-dir/t.md", text: text)).text
    #expect(!fixed.contains("| Intro text |"), "\(fixed)")
    #expect(fixed.hasPrefix("Intro text\n"))
  }
}

/// Deterministic documents with tables broken in the ways people break them.
struct BrokenTableGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x2545_F491_4F6C_DD1D }

  private mutating func next(_ bound: Int) -> Int {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return Int(state % UInt64(bound))
  }

  private mutating func word() -> String {
    let words = ["alpha", "beta", "gamma", "deploys", "lead", "restore", "fail", "Q3", "42", "`a|b`", "x\\|y", "café"]
    return words[next(words.count)] + String(next(100))
  }

  private mutating func row(_ cells: Int, leading: Bool, trailing: Bool) -> String {
    let body = (0..<cells).map { _ in word() }.joined(separator: " | ")
    return (leading ? "| " : "") + body + (trailing ? " |" : "")
  }

  mutating func document() -> String {
    var lines: [String] = ["# Table \(next(1000))", ""]
    let columns = 2 + next(3)
    let leading = next(4) != 0
    let trailing = next(4) != 0
    if next(5) == 0 { lines.removeLast(); lines.append("Intro \(word()) text") }
    lines.append(row(columns, leading: leading, trailing: trailing))
    var delimiter = (0..<columns).map { _ in ["---", ":--", "--:", ":-:"][next(4)] }
    switch next(6) {
    case 0: delimiter.removeLast()
    case 1: delimiter.append("---")
    default: break
    }
    let joiner = next(8) == 0 ? "+" : "|"
    let delimiterLine = (leading ? "|" : "") + delimiter.joined(separator: joiner) + (trailing ? "|" : "")
    let delimiterLow = next(7) == 0
    if !delimiterLow { lines.append(delimiterLine) }
    for r in 0..<(2 + next(5)) {
      let cells = max(1, columns + [0, 0, 0, -1, 1][next(5)])
      lines.append(row(cells, leading: next(5) == 0 ? !leading : leading, trailing: next(5) == 0 ? !trailing : trailing))
      if delimiterLow && r == 0 { lines.append(delimiterLine) }
      if next(12) == 0 { lines.append("") }
    }
    if next(4) == 0 { lines += ["", "\(word())\t\(word())\t\(word())", "\(word())\t\(word())\t\(word())"] }
    if next(3) == 0 { lines.append("After \(word()) text") }
    return lines.joined(separator: "\n") + (next(4) == 0 ? "" : "\n")
  }
}
