import LecternCore
import LecternDeck
import LecternSlides

extension LanguageServer {
  /// Hover on a directive (in front matter or a directive comment): its scope, meaning and allowed values; on an
  /// unknown key, what Marp does with it and the directive it is probably meant to be.
  func hover(_ p: LSP.TextDocumentPositionParams) throws -> LSP.Hover? {
    guard let document = documents[p.textDocument.uri] else { throw notOpen(p.textDocument.uri) }
    let map = document.positions
    let at = map.location(p.position)
    let deck = Deck(source: document.source)
    guard let directive = Self.directive(at: at, in: deck.directives + deck.unknownDirectiveKeys),
      let start = directive.location
    else { return nil }
    let keyEnd = SourceLocation(line: start.line, column: start.column + max(directive.key.count - 1, 0))
    return LSP.Hover(
      contents: LSP.MarkupContent(kind: "markdown", value: Self.hoverText(directive)),
      range: map.range(SourceRange(start: start, end: keyEnd)))
  }

  /// The directive written on the hovered line whose key starts at or before the hovered column.
  static func directive(at location: SourceLocation, in directives: [Directive]) -> Directive? {
    directives.filter { d in
      guard let l = d.location else { return false }
      return l.line == location.line && l.column <= location.column
    }.max { ($0.location?.column ?? 0) < ($1.location?.column ?? 0) }
  }

  static func hoverText(_ d: Directive) -> String {
    guard let entry = DirectiveCatalog.entry(named: d.name), let scope = d.scope else {
      if let meaning = DirectiveCatalog.meanings[d.key], d.origin == .frontMatter {
        return "**`\(d.key)`**: front matter setting\n\n\(meaning)"
      }
      let suggestion = DirectiveCatalog.suggestion(for: d.key).map { " Did you mean `\($0)`?" } ?? ""
      return "**`\(d.key)`** is not a directive Marp knows: Marp ignores it.\(suggestion)"
    }
    var lines = ["**`\(d.key)`**: \(scopeText(scope))", DirectiveCatalog.meanings[entry.name] ?? ""]
    var allowed = "Allowed values: \(DirectiveCatalog.allowedValues(of: entry))"
    if entry.name == "theme" {
      allowed += " (built in: \(ThemeSet.builtInNames.map { "`\($0)`" }.joined(separator: ", ")))"
    }
    lines.append(allowed)
    if let problem = DirectiveCatalog.problem(with: d.value, for: entry.name) {
      lines.append("Written here: `\(d.value.words ?? "")`, which is not allowed: \(problem)")
    } else if let written = d.value.words {
      lines.append("Written here: `\(written)`")
    }
    return lines.filter { !$0.isEmpty }.joined(separator: "\n\n")
  }

  private static func scopeText(_ scope: Directive.Scope) -> String {
    switch scope {
    case .global: "global directive (the whole deck; the last value written wins)"
    case .local: "local directive (this slide and the following ones; `_` in front for this slide only)"
    case .spot: "spot directive (this slide only)"
    }
  }
}
