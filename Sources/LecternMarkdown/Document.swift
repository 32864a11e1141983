import LecternCore

/// A parsed Markdown document: the block tree of (part of) a source file.
///
/// `blocks` carry ranges in the coordinates of `source`, also when parsing started below line 1
/// (after front matter was cut off).
public struct MarkdownDocument: Sendable {
  public let source: SourceFile
  public let blocks: [Block]
  /// The first line of `source` that was parsed as Markdown.
  public let firstLine: Int

  /// Parses `source` from `firstLine` (1-based) to the end with cmark-gfm.
  public init(parsing source: SourceFile, fromLine firstLine: Int = 1) {
    self.source = source
    self.firstLine = max(firstLine, 1)
    self.blocks = CMarkParser.parse(source, firstLine: self.firstLine)
  }

  /// Every table in the document, in source order, including tables nested in quotes and lists.
  public var tables: [Table] { blocks.allTables }
}
