/// A position in a source file.
///
/// Lines and columns are 1-based. Columns count Unicode scalars (characters as
/// an editor shows them for most text), not UTF-8 bytes, so a diagnostic after
/// an emoji points at the same place in every editor.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }

  public var description: String { "\(line):\(column)" }
}

/// A closed range of source positions: `start` is the first character, `end` the last one.
///
/// Invariant: `start <= end`. Code that cannot establish a range uses `nil`, never `0:0`.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
  public var start: SourceLocation
  public var end: SourceLocation

  public init(start: SourceLocation, end: SourceLocation) {
    self.start = start
    self.end = max(start, end)
  }

  public init(line: Int, column: Int, endLine: Int, endColumn: Int) {
    self.init(
      start: SourceLocation(line: line, column: column),
      end: SourceLocation(line: endLine, column: endColumn))
  }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(start: min(start, other.start), end: max(end, other.end))
  }

  public var description: String { "\(start)-\(end)" }
}
