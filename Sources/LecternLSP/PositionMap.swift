import LecternCore

/// Converts between Lectern's positions (1-based lines, 1-based Unicode-scalar columns, inclusive ends, UTF-8
/// byte offsets for edits) and the protocol's (0-based lines, UTF-16 code units, exclusive ends), over the
/// text the editor sent.
public struct PositionMap: Sendable {
  public let source: SourceFile

  public init(source: SourceFile) { self.source = source }

  /// The position before the character at a 1-based scalar column (a column past the line's end is its end).
  public func position(line: Int, column: Int) -> LSP.Position {
    let clampedLine = min(max(line, 1), source.lineCount)
    return LSP.Position(
      line: clampedLine - 1, character: bomShift(clampedLine) + utf16Units(line: clampedLine, scalars: column - 1))
  }

  /// A Lectern range (its end is the last character covered) as a protocol range (end just after it); a
  /// finding about the whole file (`nil`) sits at the start of the file.
  public func range(_ range: SourceRange?) -> LSP.Range {
    guard let range else { return LSP.Range(start: .init(line: 0, character: 0), end: .init(line: 0, character: 0)) }
    let start = position(line: range.start.line, column: range.start.column)
    let end = position(line: range.end.line, column: range.end.column + 1)
    return LSP.Range(start: start, end: max(start, end))
  }

  /// The position of a UTF-8 byte offset into the text (an edit's start or end).
  public func position(atOffset offset: Int) -> LSP.Position {
    let offset = min(max(offset, 0), source.bytes.count)
    let line = source.lineNumber(atOffset: offset)
    let lineStart = source.lineStarts[line - 1]
    let units = String(decoding: source.bytes[lineStart..<offset], as: UTF8.self).utf16.count
    return LSP.Position(line: line - 1, character: bomShift(line) + units)
  }

  /// The Lectern location of a protocol position (the character it is before).
  public func location(_ position: LSP.Position) -> SourceLocation {
    let line = min(max(position.line + 1, 1), source.lineCount)
    var remaining = position.character - bomShift(line)
    var column = 1
    for scalar in (source.line(line) ?? "").unicodeScalars {
      remaining -= scalar.utf16.count
      if remaining < 0 { break }
      column += 1
    }
    return SourceLocation(line: line, column: column)
  }

  /// UTF-16 code units in the first `scalars` Unicode scalars of a line (all of them when the line is shorter).
  private func utf16Units(line: Int, scalars: Int) -> Int {
    guard scalars > 0, let text = source.line(line) else { return 0 }
    if source.isASCII(line: line) { return min(scalars, text.utf8.count) }
    var units = 0
    var counted = 0
    for scalar in text.unicodeScalars {
      if counted == scalars { break }
      units += scalar.utf16.count
      counted += 1
    }
    return units
  }

  /// A byte-order mark the editor kept is one UTF-16 unit before everything on the first line.
  private func bomShift(_ line: Int) -> Int { line == 1 && source.hadByteOrderMark ? 1 : 0 }
}
