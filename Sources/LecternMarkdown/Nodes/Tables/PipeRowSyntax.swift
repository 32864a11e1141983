/// A line of a pipe table as written, split the way GFM splits it: on every pipe that is not
/// backslash-escaped, code spans included (GFM splits cells before it reads code spans).
///
/// Offsets are UTF-8 byte offsets into the line given to ``init(_:)``.
public struct PipeRowSyntax: Sendable, Hashable {
  public struct Cell: Sendable, Hashable {
    /// The cell's text, trimmed of spaces and tabs.
    public var text: String
    /// Byte range of the cell between its pipes (untrimmed).
    public var range: Range<Int>
  }

  public var cells: [Cell]
  public var hasLeadingPipe: Bool
  public var hasTrailingPipe: Bool
  /// Byte offsets of unescaped pipes that sit inside a code span (and still split the cell).
  public var pipesInCodeSpans: [Int]
  /// Byte offset where the row's content starts (after indentation and `>` markers).
  public var contentStart: Int

  /// Splits a raw line. Leading spaces and block-quote markers (`>`) are skipped.
  public init(_ line: Substring) {
    // The line's own UTF-8 storage when it has one (a native string always does): no copy per row.
    if let parsed = line.utf8.withContiguousStorageIfAvailable({ PipeRowSyntax(bytes: $0) }) {
      self = parsed
    } else {
      self = Array(line.utf8).withUnsafeBufferPointer { PipeRowSyntax(bytes: $0) }
    }
  }

  private init(bytes: UnsafeBufferPointer<UInt8>) {
    var start = 0
    // Container prefix: spaces and `>` markers.
    while start < bytes.count {
      if bytes[start] == 0x20 || bytes[start] == 0x09 {
        start += 1
      } else if bytes[start] == 0x3E {
        start += 1
      } else {
        break
      }
    }
    var end = bytes.count
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
    contentStart = start

    // Unescaped pipe positions.
    var pipes: [Int] = []
    pipes.reserveCapacity(8)
    var i = start
    while i < end {
      if bytes[i] == 0x5C, i + 1 < end {
        i += 2
        continue
      }
      if bytes[i] == 0x7C { pipes.append(i) }
      i += 1
    }
    hasLeadingPipe = pipes.first == start
    hasTrailingPipe = !pipes.isEmpty && pipes.last == end - 1 && !(pipes.count == 1 && hasLeadingPipe)

    var boundaries: [Int] = []
    if !hasLeadingPipe { boundaries.append(start - 1) }
    boundaries.append(contentsOf: pipes)
    if !hasTrailingPipe { boundaries.append(end) }
    var cells: [Cell] = []
    cells.reserveCapacity(max(boundaries.count - 1, 0))
    if boundaries.count >= 2 {
      for k in 0..<(boundaries.count - 1) {
        let lo = boundaries[k] + 1
        let hi = boundaries[k + 1]
        guard lo <= hi else { continue }
        var a = lo
        var b = hi
        while a < b, bytes[a] == 0x20 || bytes[a] == 0x09 { a += 1 }
        while b > a, bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09 { b -= 1 }
        cells.append(Cell(text: String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self), range: lo..<hi))
      }
    }
    self.cells = cells

    pipesInCodeSpans =
      bytes[start..<end].contains(0x60) ? Self.pipesInCodeSpans(bytes, pipes: pipes, from: start, to: end) : []
  }

  /// The pipes inside code spans (a run of N backticks closed by the next run of exactly N).
  static func pipesInCodeSpans(_ bytes: UnsafeBufferPointer<UInt8>, pipes: [Int], from start: Int, to end: Int) -> [Int] {
    var inCode: [Int] = []
    var j = start
    while j < end {
      guard bytes[j] == 0x60 else {
        j += 1
        continue
      }
      var n = 0
      while j + n < end, bytes[j + n] == 0x60 { n += 1 }
      var k = j + n
      var closed: Int?
      while k < end {
        if bytes[k] == 0x60 {
          var m = 0
          while k + m < end, bytes[k + m] == 0x60 { m += 1 }
          if m == n {
            closed = k
            break
          }
          k += m
        } else {
          k += 1
        }
      }
      if let closed {
        inCode.append(contentsOf: pipes.filter { $0 > j && $0 < closed })
        j = closed + n
      } else {
        j += n
      }
    }
    return inCode
  }

  /// In a table without outer pipes, `a | b |` means "a, b and an empty last cell": GFM reads the
  /// final pipe as a trailing pipe and pads the row, which renders the same.
  public func endsWithEmptyCell(header: PipeRowSyntax) -> Bool {
    !header.hasLeadingPipe && !header.hasTrailingPipe && !hasLeadingPipe && hasTrailingPipe
      && cells.count + 1 == header.cells.count
  }

  /// Whether the line has the shape of a table row (outer pipes, or at least two cells).
  public var isPipeRow: Bool { hasLeadingPipe || hasTrailingPipe || cells.count >= 2 }

  /// A delimiter row: every cell is `:?-+:?` (at least one dash).
  public var isDelimiterRow: Bool {
    !cells.isEmpty && cells.allSatisfy { Self.isDelimiterCell($0.text) }
  }

  public static func isDelimiterCell(_ text: String) -> Bool {
    var s = Substring(text)
    if s.first == ":" { s.removeFirst() }
    if s.last == ":" { s.removeLast() }
    return !s.isEmpty && s.allSatisfy { $0 == "-" }
  }
}
