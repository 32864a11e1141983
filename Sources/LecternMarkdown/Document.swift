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
  /// Problems met while reading: containers nested deeper than `maximumDepth` (`nesting-too-deep`).
  public let diagnostics: [Diagnostic]

  /// How deeply quotes, lists, footnotes, emphasis, links and images may nest in `blocks`.
  ///
  /// Deeper containers are replaced by their contents (the text stays, the markup goes) with one
  /// warning per flattened region, so every walk over the tree, and its destruction, stays within a
  /// few hundred stack frames on any thread. Browsers flatten too (Chromium's HTML parser stops
  /// nesting at 512 elements); Marp (markdown-it, whose nesting counts lists and items and paragraphs)
  /// stops at 20 and drops the rest. 32 levels fit in 200 KiB of stack even in a debug build.
  public static let maximumDepth = 32

  /// Parses `source` from `firstLine` (1-based) to the end with cmark-gfm.
  public init(parsing source: SourceFile, fromLine firstLine: Int = 1) {
    self.source = source
    self.firstLine = max(firstLine, 1)
    (self.blocks, self.diagnostics) = CMarkParser.parse(source, firstLine: self.firstLine)
  }

  /// Every table in the document, in source order, including tables nested in quotes and lists.
  public var tables: [Table] { blocks.allTables }
}
