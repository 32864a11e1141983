import Foundation
import LecternCore

/// A GFM pipe table, as cmark-gfm parsed it.
///
/// cmark-gfm pads a row that has fewer cells than the header with empty cells (marked
/// ``Cell/isSynthesized``) and drops cells beyond the header's count; each ``Row`` therefore keeps
/// its raw source line so that a linter can count the cells the author actually wrote.
public struct Table: Sendable, Hashable {
  public enum Alignment: String, Sendable, Hashable { case none, left, center, right }

  public var alignments: [Alignment]
  public var header: Row
  public var rows: [Row]
  public var range: SourceRange?

  public init(alignments: [Alignment], header: Row, rows: [Row], range: SourceRange?) {
    self.alignments = alignments
    self.header = header
    self.rows = rows
    self.range = range
  }

  public var columnCount: Int { alignments.count }

  /// One table row: the header row or a body row.
  public struct Row: Sendable, Hashable {
    public var cells: [Cell]
    public var range: SourceRange?
    /// The row's line exactly as written in the file.
    public var sourceLine: String

    public init(cells: [Cell], range: SourceRange?, sourceLine: String) {
      self.cells = cells
      self.range = range
      self.sourceLine = sourceLine
    }
  }

  /// One cell.
  public struct Cell: Sendable, Hashable {
    public var inlines: [Inline]
    public var range: SourceRange?
    /// `true` for an empty cell cmark-gfm added to pad a short row; the author never wrote it.
    public var isSynthesized: Bool

    public init(inlines: [Inline], range: SourceRange?, isSynthesized: Bool) {
      self.inlines = inlines
      self.range = range
      self.isSynthesized = isSynthesized
    }

    /// The cell's visible text, trimmed (escaped pipes already unescaped).
    public var text: String { inlines.plainText.trimmed }
  }
}
