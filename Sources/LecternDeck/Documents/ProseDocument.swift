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
            range: SourceRange(start: at, end: at), code: "front-matter-yaml"))
        bodyStart = closingLine + 1
      case .notMapping:
        // Two rules around text: Markdown, not front matter.
        break
      }
    }
    self.frontMatter = frontMatter
    self.document = MarkdownDocument(parsing: source, fromLine: bodyStart)
    self.outline = Outline(blocks: document.blocks)
    self.diagnostics = diagnostics
  }
}

/// What a Markdown file is read as.
public enum DocumentKind: String, Sendable, CaseIterable {
  case deck
  case document

  /// A file is a deck when its front matter says `marp: true`; everything else is a document.
  public static func detect(_ source: SourceFile) -> DocumentKind {
    let lines: ClosedRange<Int>
    switch FrontMatterSplitter.split(source) {
    case .found(let yamlLines, _):
      guard let yamlLines else { return .document }
      lines = yamlLines
    case .unterminated:
      // Unclosed front matter that asks for Marp is still meant as a deck (and gets a diagnostic).
      lines = 2...max(2, source.lineCount)
    case .none:
      return .document
    }
    for n in lines {
      guard let line = source.line(n) else { continue }
      let parts = line.split(separator: ":", maxSplits: 1)
      if parts.count == 2, parts[0].trimmingSpaces == "marp", parts[1].trimmingSpaces.lowercased() == "true" {
        return .deck
      }
    }
    return .document
  }
}
