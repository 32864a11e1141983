import Foundation
import LecternCore
import LecternDeck
import LecternLayout
import LecternMarkdown
import LecternSlides

/// One file prepared for the rules: its text, its Markdown tree, its deck model when it is a deck,
/// and line maps the raw-text rules need.
public struct LintTarget: Sendable {
  public let source: SourceFile
  public let blocks: [Block]
  /// Set when the file is a Marp deck (`marp: true`).
  public let deck: Deck?
  /// Set when the file is not a deck: the document read into sections (postmortem rules read it).
  public let prose: ProseDocument?
  /// Every GFM table, nested ones included, in source order.
  public let tables: [Table]
  /// For each table, its header row then its body rows as written (parallel to `tables`).
  public let rawRows: [[PipeRowSyntax]]
  /// Lines whose text is not Markdown prose: front matter, code blocks, HTML blocks (index = line - 1).
  public let isOpaqueLine: [Bool]
  /// Lines that belong to a parsed table (index = line - 1).
  public let isTableLine: [Bool]
  /// Headings, links, images and unlabelled code fences of `blocks`, gathered in the one walk over the tree
  /// that every rule shares (each rule walking on its own cost more than the rules themselves).
  public let inventory: MarkdownInventory
  /// The folder relative image paths are resolved against.
  public let directory: URL?
  /// What the layout measurement in headless Chromium found in this deck; `nil` when it was not measured
  /// (no browser, `--no-layout`, not a deck): the layout rules are then silent and `table-too-large` estimates.
  public var layoutFindings: [LayoutFinding]? = nil
  /// What the files of one `lint` run share, when they share anything.
  public var shared: LintRunCache? = nil

  public init(source: SourceFile, kind: DocumentKind? = nil) {
    self.source = source
    let kind = kind ?? DocumentKind.detect(source)
    var frontMatterEnd = 0
    if kind == .deck {
      let deck = Deck(source: source)
      self.deck = deck
      self.prose = nil
      self.blocks = deck.document.blocks
      frontMatterEnd = (deck.document.firstLine - 1)
    } else {
      let doc = ProseDocument(source: source)
      self.deck = nil
      self.prose = doc
      self.blocks = doc.document.blocks
      frontMatterEnd = doc.document.firstLine - 1
    }
    var opaque = Array(repeating: false, count: source.lineCount + 1)
    for line in 0..<min(frontMatterEnd, opaque.count) { opaque[line] = true }
    var tableLines = Array(repeating: false, count: source.lineCount + 1)
    var collector = LineCollector()
    collector.walk(blocks)
    self.inventory = collector.inventory
    collector.tables = collector.tables.map { Self.correctingHeaderLine($0, in: source) }
    for r in collector.opaque {
      for line in r.start.line...r.end.line where line - 1 < opaque.count { opaque[line - 1] = true }
    }
    for t in collector.tables {
      guard let r = t.range else { continue }
      for line in r.start.line...r.end.line where line - 1 < tableLines.count { tableLines[line - 1] = true }
    }
    self.tables = collector.tables
    self.rawRows = collector.tables.map { t in ([t.header] + t.rows).map { PipeRowSyntax(Substring($0.sourceLine)) } }
    self.isOpaqueLine = opaque
    self.isTableLine = tableLines
    self.directory =
      source.path == "<stdin>" ? nil : URL(fileURLWithPath: source.path).deletingLastPathComponent().standardizedFileURL
  }

  public var path: String { source.path }

  /// A range on one line, from a character column for `length` characters.
  public func range(line: Int, column: Int, length: Int = 1) -> SourceRange {
    SourceRange(line: line, column: column, endLine: line, endColumn: column + max(length, 1) - 1)
  }

  /// The range of a byte span within one line.
  public func range(line: Int, bytes: Range<Int>) -> SourceRange {
    let start = source.characterColumn(line: line, byteColumn: bytes.lowerBound + 1)
    let end = source.characterColumn(line: line, byteColumn: max(bytes.upperBound, bytes.lowerBound + 1))
    return SourceRange(line: line, column: start, endLine: line, endColumn: end)
  }

  /// The UTF-8 offset of a byte column on a line.
  public func offset(line: Int, byte: Int) -> Int { source.lineStarts[line - 1] + byte }

  /// The offset just after the line's text (before its line break).
  public func endOffset(ofLine line: Int) -> Int { source.lineStarts[line - 1] + source.byteLength(ofLine: line) }

  /// The line break this file uses.
  public var lineBreak: String { usesCRLF ? "\r\n" : "\n" }
  private var usesCRLF: Bool {
    source.lineStarts.count > 1 && source.lineStarts[1] >= 2 && source.bytes[source.lineStarts[1] - 2] == 0x0D
  }
}

extension LintTarget {
  /// cmark-gfm gives a table that follows paragraph lines (`Intro\n| a | b |\n|---|---|`) the paragraph's
  /// start as its header position. The header is the line right above the delimiter row; put it there.
  static func correctingHeaderLine(_ table: Table, in source: SourceFile) -> Table {
    guard let range = table.range else { return table }
    let delimiter = (table.rows.first?.range?.start.line).map { $0 - 1 } ?? range.end.line
    let headerLine = delimiter - 1
    guard headerLine >= 1, table.header.range?.start.line != headerLine, let text = source.line(headerLine) else {
      return table
    }
    var copy = table
    let length = max(text.count, 1)
    copy.header.range = SourceRange(line: headerLine, column: 1, endLine: headerLine, endColumn: length)
    copy.header.sourceLine = String(text)
    copy.range = SourceRange(start: SourceLocation(line: headerLine, column: 1), end: range.end)
    return copy
  }
}

/// Lookups the files of one `lint` run share: a run over a folder resolves each picture of the folder once. Made per
/// run, so a long-lived process (the language server) never answers from an old look at the disk.
public final class LintRunCache: Sendable {
  /// A picture's outcome (found, or the `missing-image` problem) by folder and URL.
  let imageOutcomes = Locked<[String: AssetResolver.Outcome]>([:])

  public init() {}
}

/// What rules look up in a document's Markdown, in document order.
public struct MarkdownInventory: Sendable {
  public struct Heading: Sendable {
    public var level: Int
    /// The heading's plain text, trimmed.
    public var text: String
    public var range: SourceRange?
  }

  public struct Link: Sendable {
    public var destination: String
    public var range: SourceRange?
  }

  public struct Image: Sendable {
    /// The plain text of the image's description.
    public var alt: String
    public var source: String
    public var range: SourceRange?
    /// Inside another image's description (`![![a](b)](c)`): a picture, but not one with its own alt text.
    public var isNested: Bool
  }

  public var headings: [Heading] = []
  public var links: [Link] = []
  public var images: [Image] = []
  /// Fenced code blocks with no info string.
  public var unlabelledFences: [SourceRange] = []
}

/// The one walk over a target's blocks: opaque lines, tables and the inventory.
private struct LineCollector: MarkdownWalker {
  var opaque: [SourceRange] = []
  var tables: [Table] = []
  var inventory = MarkdownInventory()
  private var insideImage = false

  mutating func visit(_ block: Block) -> Bool {
    switch block.kind {
    case .codeBlock(let code):
      if let r = block.range {
        opaque.append(r)
        if code.isFenced, code.info.trimmed.isEmpty { inventory.unlabelledFences.append(r) }
      }
      return false
    case .htmlBlock:
      if let r = block.range { opaque.append(r) }
      return false
    case .table(let t):
      tables.append(t)
      return true
    case .heading(let h):
      inventory.headings.append(.init(level: h.level, text: h.inlines.plainText.trimmed, range: block.range))
      return true
    default:
      return true
    }
  }

  mutating func visit(_ inline: Inline) -> Bool {
    switch inline.kind {
    case .link(let destination, _, _):
      inventory.links.append(.init(destination: destination, range: inline.range))
      return true
    case .image(let source, _, let children):
      inventory.images.append(.init(alt: children.plainText, source: source, range: inline.range, isNested: insideImage))
      let outer = insideImage
      insideImage = true
      walk(children)
      insideImage = outer
      return false
    case .text, .softBreak, .lineBreak, .code, .html, .footnoteReference:
      return false
    default:
      return true
    }
  }
}
