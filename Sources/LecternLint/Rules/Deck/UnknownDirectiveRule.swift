import LecternCore
import LecternDeck

/// Directive keys Marp does not know; when one is close to a real directive, the comment silently
/// turned into a speaker note.
struct UnknownDirectiveRule: LintRule {
  static let description = RuleDescription(
    id: "unknown-directive",
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
    for d in deck.unknownDirectiveKeys where !DirectiveCatalog.frontMatterOnly.contains(d.key) {
      guard let suggestion = DirectiveCatalog.suggestion(for: d.key), let at = d.location else { continue }
      let start = target.source.offset(of: at)
      let keyBytes = d.key.utf8.count
      let written = target.source.bytes[start..<min(start + keyBytes, target.source.bytes.count)]
      let fix =
        Array(written) == Array(d.key.utf8)
        ? Fix("rename it '\(suggestion)'", edits: [TextEdit(start: start, end: start + keyBytes, replacement: suggestion)]) : nil
      findings.append(
        Finding(
          Self.message(
            d.key, suggestion,
            asNote: d.origin == .comment && !deck.directives.contains { $0.location?.line == at.line && $0.isKnown }),
          at: SourceRange(start: at, end: SourceLocation(line: at.line, column: at.column + d.key.count - 1)), fix: fix))
    }
  }
}

extension UnknownDirectiveRule {
  fileprivate static func message(_ key: String, _ suggestion: String, asNote: Bool) -> String {
    "unknown directive '\(key)'; did you mean '\(suggestion)'?"
      + (asNote ? " Marp shows this comment as a speaker note" : " Marp ignores it")
  }
}
