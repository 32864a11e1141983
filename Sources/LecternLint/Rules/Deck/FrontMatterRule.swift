import LecternCore
import LecternDeck
import LecternMarkdown

/// Front matter that is invalid, unterminated, or not at the very first byte.
struct FrontMatterRule: LintRule {
  static let description = RuleDescription(
    id: .frontMatterNotFirst,
    alsoReports: [.frontMatterYAML, .frontMatterUnterminated],
    summary: "Front matter is invalid YAML, never closed, or does not start on the first line.",
    rationale: "Marp reads front matter only at the very first byte; anywhere else it becomes a rule and a heading.",
    severity: .error,
    examples: [
      .passes("---\nmarp: true\n---\n\n# A\n"),
      .fails("---\nmarp: true\n↓theme: [default\n---\n\n# A\n"),
      .fails("↓---\nmarp: true\n\n# A\n"),
      .fails("\n↓---\nmarp: true\ntheme: gaia\n---\n\n# A\n"),
      .fixes("\n\n---\nmarp: true\n---\n\n# A\n", "---\nmarp: true\n---\n\n# A\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    if let deck = target.deck {
      for d in deck.diagnostics where Self.description.alsoReports.contains(d.code) {
        findings.append(Finding(reporting: d, at: target.range(line: 1, column: 1)))
      }
    }
    // Front matter below blank lines: the first non-blank line is `---`, a later `---` closes YAML keys.
    let source = target.source
    var first = 1
    while first <= source.lineCount, source.line(first)?.trimmed.isEmpty ?? false { first += 1 }
    guard first > 1, first <= source.lineCount, source.line(first)?.trimmed == "---" else { return }
    var close = first + 1
    var sawKey = false
    while close <= source.lineCount, source.line(close)?.trimmed != "---" {
      if let l = source.line(close), l.contains(":"), !l.hasPrefix(" "), !l.hasPrefix("#") { sawKey = true }
      close += 1
    }
    guard close <= source.lineCount, sawKey else { return }
    findings.append(
      Finding(
        Self.notFirst(line: first), at: target.range(line: first, column: 1, length: 3),
        fix: Fix(
          "remove the blank lines before it", edits: [TextEdit(start: 0, end: source.lineStarts[first - 1], replacement: "")])))
  }
}

extension FrontMatterRule {
  fileprivate static func notFirst(line: Int) -> String {
    "front matter starts on line \(line); Marp reads it only on line 1, so it becomes slides"
  }
}
