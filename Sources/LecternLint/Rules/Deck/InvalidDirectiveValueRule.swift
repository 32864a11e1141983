import LecternCore
import LecternDeck

/// Known directives with values Marp cannot use (`_class: split;`, `paginate: yes`).
struct InvalidDirectiveValueRule: LintRule {
  static let description = RuleDescription(
    id: "invalid-directive-value",
    summary: "A directive has a value Marp cannot use, such as a class with a stray `;` or `paginate: yes`.",
    rationale: "Marp applies the value as written: `split;` is a class no theme styles, `paginate: yes` means false.",
    severity: .warning,
    scope: .decks,
    examples: [
      .passes("---\nmarp: true\npaginate: true\n---\n\n<!-- _class: split lead -->\n"),
      .fails("---\nmarp: true\n---\n\n<!-- ↓_class: split; -->\n"),
      .fails("---\nmarp: true\n↓paginate: yes\n---\n\nA\n"),
      .fixes("---\nmarp: true\n---\n\n<!-- _class: split; -->\n", "---\nmarp: true\n---\n\n<!-- _class: split -->\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    guard let deck = target.deck else { return }
    for d in deck.directives where d.isKnown {
      guard let problem = DirectiveCatalog.problem(with: d.value, for: d.name), let at = d.location else { continue }
      var fix: Fix?
      // A class list ending in stray punctuation: drop the punctuation, keep every class.
      if d.name == "class", let value = d.value.string, let line = target.source.line(at.line),
        let last = value.last, last == ";" || last == ",", let found = line.range(of: value)
      {
        let cleaned = String(value.dropLast()).trimmed
        if DirectiveCatalog.problem(with: .scalar(cleaned), for: "class") == nil {
          let startByte = line.utf8.distance(from: line.startIndex, to: found.lowerBound)
          let start = target.offset(line: at.line, byte: startByte)
          fix = Fix("use '\(cleaned)'", edits: [TextEdit(start: start, end: start + value.utf8.count, replacement: cleaned)])
        }
      }
      findings.append(
        Finding(
          Self.message(d.key, d.value.words ?? "…", problem),
          at: SourceRange(start: at, end: SourceLocation(line: at.line, column: at.column + d.key.count - 1)), fix: fix))
    }
  }
}

extension InvalidDirectiveValueRule {
  fileprivate static func message(_ key: String, _ value: String, _ problem: String) -> String {
    "invalid value '\(value)' for '\(key)': \(problem)"
  }
}
