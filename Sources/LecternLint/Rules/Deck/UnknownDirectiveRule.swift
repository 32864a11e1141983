import LecternCore
import LecternDeck

/// Directive keys Marp does not know; when one is close to a real directive, the comment silently
/// turned into a speaker note.
struct UnknownDirectiveRule: LintRule {
  static let description = RuleDescription(
    id: .unknownDirective,
    summary: "A directive is misspelled or unknown; Marp ignores it or shows the comment as a speaker note.",
    rationale: "Marp matches directive names exactly: `<!-- BackgroundColor: white -->` is a presenter note, not a colour.",
    severity: .warning,
    scope: .decks,
    examples: [
      .passes("---\nmarp: true\n---\n\n<!-- backgroundColor: white -->\n<!-- a note: with a colon -->\n"),
      .fails("---\nmarp: true\n---\n\n<!-- ↓BackgroundColor: white -->\n"),
      .fails("---\nmarp: true\n↓pagniate: true\n---\n\nA\n"),
      .fixes(
        "---\nmarp: true\n---\n\n<!-- _BackgroundColor: white -->\n", "---\nmarp: true\n---\n\n<!-- _backgroundColor: white -->\n"
      ),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    guard let deck = target.deck else { return }
    for d in deck.diagnostics where d.code == .unknownDirective {
      guard let at = d.range?.start else { continue }
      let key = deck.unknownDirectiveKeys.first { $0.location == at }
      findings.append(
        Finding(reporting: d, at: target.range(line: at.line, column: at.column), fix: key.flatMap { fix($0, target) }))
    }
  }

  /// Renames a misspelled key to the directive it is close to, when the key is written as read.
  private func fix(_ d: Directive, _ target: LintTarget) -> Fix? {
    guard let at = d.location, let suggestion = DirectiveCatalog.suggestion(for: d.key) else { return nil }
    let start = target.source.offset(of: at)
    let keyBytes = d.key.utf8.count
    let written = target.source.bytes[start..<min(start + keyBytes, target.source.bytes.count)]
    guard Array(written) == Array(d.key.utf8) else { return nil }
    return Fix("rename it '\(suggestion)'", edits: [TextEdit(start: start, end: start + keyBytes, replacement: suggestion)])
  }
}
