import LecternCore
import LecternDeck

/// Known directives with values Marp cannot use (`_class: split;`, `paginate: yes`).
struct InvalidDirectiveValueRule: LintRule {
  static let description = RuleDescription(
    id: .invalidDirectiveValue,
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
    for d in deck.diagnostics where d.code == .invalidDirectiveValue {
      guard let at = d.range?.start else { continue }
      let directive = deck.directives.first { $0.isKnown && $0.location == at }
      findings.append(
        Finding(reporting: d, at: target.range(line: at.line, column: at.column), fix: directive.flatMap { fix($0, target) }))
    }
  }

  /// A class list ending in stray punctuation: drop the punctuation, keep every class.
  private func fix(_ d: Directive, _ target: LintTarget) -> Fix? {
    guard d.name == "class", let at = d.location, let value = d.value.string, let line = target.source.line(at.line),
      let last = value.last, last == ";" || last == ",", let found = line.range(of: value)
    else { return nil }
    let cleaned = String(value.dropLast()).trimmed
    guard DirectiveCatalog.problem(with: .scalar(cleaned), for: "class") == nil else { return nil }
    let startByte = line.utf8.distance(from: line.startIndex, to: found.lowerBound)
    let start = target.offset(line: at.line, byte: startByte)
    return Fix("use '\(cleaned)'", edits: [TextEdit(start: start, end: start + value.utf8.count, replacement: cleaned)])
  }
}
