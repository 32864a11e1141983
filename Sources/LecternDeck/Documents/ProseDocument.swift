import LecternCore
import LecternMarkdown

/// A Markdown document that is not a slide deck (postmortem notes, a strategy paper), read into
/// sections by heading with its tables, lists and paragraphs.
public struct ProseDocument: Sendable {
  public var source: SourceFile
  public var path: String { source.path }
  /// Optional YAML front matter (`---` on line 1), read as plain YAML.
  public var frontMatter: FrontMatter?
  public var document: MarkdownDocument
  public var outline: Outline
  public var diagnostics: [Diagnostic]

  /// The front matter's `title`, else the first heading's text.
  public var title: String? {
    if let t = frontMatter?.entries.last(where: { $0.key == "title" })?.value.string { return t }
    return firstHeading(in: outline.sections)
  }

  public var tables: [Table] { document.tables }

  private func firstHeading(in sections: [Section]) -> String? {
    sections.first.map(\.title)
  }

  public init(source: SourceFile) {
    self.source = source
    var diagnostics: [Diagnostic] = []
    var bodyStart = 1
    var frontMatter: FrontMatter?
    if case .found(let yamlLines, let closingLine) = FrontMatterSplitter.split(source) {
      let yaml = yamlLines.map { lines in lines.compactMap { source.line($0) }.joined(separator: "\n") } ?? ""
      switch YAMLReader.read(yaml, firstLine: 2, looseKeys: []) {
      case .mapping(let entries):
        bodyStart = closingLine + 1
        frontMatter = FrontMatter(
          yaml: yaml, range: SourceRange(line: 1, column: 1, endLine: closingLine, endColumn: 3), entries: entries,
          bodyStartLine: bodyStart)
      case .invalid(let message, let location):
        let at = location ?? SourceLocation(line: 2, column: 1)
        diagnostics.append(
          Diagnostic(
            .error, "invalid YAML in front matter: \(message); expected 'key: value' lines", path: source.path,
            range: SourceRange(start: at, end: at), code: .frontMatterYAML))
        bodyStart = closingLine + 1
      case .notMapping:
        // Two rules around text: Markdown, not front matter.
        break
      }
    }
    self.frontMatter = frontMatter
    self.document = MarkdownDocument(parsing: source, fromLine: bodyStart)
    self.outline = Outline(blocks: document.blocks)
    self.diagnostics = diagnostics + document.diagnostics
  }
}

/// What a Markdown file is read as.
public enum DocumentKind: String, Sendable, CaseIterable {
  case deck
  case document

  /// A file is a deck when its front matter says `marp: true` or sets a Marp directive (`theme`,
  /// `paginate`, `headingDivider`, …), or when a comment sets a slide directive (`<!-- _class: lead -->`,
  /// as Marp CLI converts files without `marp: true`); everything else is a document.
  public static func detect(_ source: SourceFile) -> DocumentKind {
    if hasMarpFrontMatter(source) { return .deck }
    return hasDirectiveComment(source) ? .deck : .document
  }

  private static let deckKeys: Set<String> = [
    "theme", "paginate", "headingDivider", "size", "math", "class", "_class",
    "backgroundColor", "backgroundImage", "header", "footer", "_paginate", "_header", "_footer", "style",
  ]

  /// `<!-- key: value -->` at the start of a line, where the key is a Marp local or spot directive.
  private static func hasDirectiveComment(_ source: SourceFile) -> Bool {
    guard source.text.containsBytes("<!--") else { return false }
    let locals = DirectiveCatalog.entries.filter { !$0.isGlobal || $0.name == "theme" || $0.name == "headingDivider" }.map(\.name)
    let keys = Set(locals + locals.map { "_" + $0 })
    for n in 1...max(source.lineCount, 1) {
      guard let line = source.line(n), line.hasPrefix("<!--") else { continue }
      let inner = line.dropFirst(4).drop(while: { $0 == " " || $0 == "-" })
      guard let colon = inner.firstIndex(of: ":") else { continue }
      if keys.contains(inner[..<colon].trimmed) { return true }
    }
    return false
  }

  private static func hasMarpFrontMatter(_ source: SourceFile) -> Bool {
    let lines: ClosedRange<Int>
    var onlyMarpKey = false
    switch FrontMatterSplitter.split(source) {
    case .found(let yamlLines, _):
      guard let yamlLines else { return false }
      lines = yamlLines
    case .unterminated:
      // Unclosed front matter that asks for Marp is still meant as a deck (and gets a diagnostic).
      lines = 2...max(2, source.lineCount)
      onlyMarpKey = true
    case .none:
      return false
    }
    for n in lines {
      guard let line = source.line(n) else { continue }
      let parts = line.split(separator: ":", maxSplits: 1)
      if parts.count == 2, parts[0].trimmingSpaces == "marp", parts[1].trimmingSpaces.lowercased() == "true" {
        return true
      }
      if !onlyMarpKey, parts.count == 2, !line.hasPrefix(" "), deckKeys.contains(parts[0].trimmingSpaces) { return true }
    }
    return false
  }
}
