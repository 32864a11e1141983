#if canImport(Glibc)
  import Glibc
#endif

/// The text of one input file, with a line index for turning byte offsets into lines and columns.
///
/// `text` never holds a byte-order mark: a leading BOM is removed and remembered in `hadByteOrderMark`.
/// Line breaks are `\n`, `\r\n` or a lone `\r`, counted the way cmark-gfm counts them.
public struct SourceFile: Sendable {
  /// The path as the user gave it, or `<stdin>`.
  public let path: String
  public let text: String
  public let hadByteOrderMark: Bool
  /// UTF-8 offset of the first byte of each line (index 0 is line 1).
  public let lineStarts: [Int]
  /// Whether each line is pure ASCII (then byte column == character column).
  private let asciiLines: [Bool]
  private let utf8: [UInt8]

  public init(path: String, text: String) {
    var text = text
    var bom = false
    if text.unicodeScalars.first == "\u{FEFF}" {
      text.unicodeScalars.removeFirst()
      bom = true
    }
    self.path = path
    self.text = text
    self.hadByteOrderMark = bom
    let bytes = Array(text.utf8)
    self.utf8 = bytes
    (self.lineStarts, self.asciiLines) = bytes.withUnsafeBufferPointer(Self.lineIndex)
  }

  /// Where each line starts and whether it is pure ASCII: one pass, the bytes of a line OR-ed together.
  private static func lineIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> ([Int], [Bool]) {
    var starts = [0]
    var ascii: [Bool] = []
    let n = bytes.count
    starts.reserveCapacity(n / 32 + 1)
    ascii.reserveCapacity(n / 32 + 1)
    var high: UInt8 = 0
    var i = 0
    while i < n {
      let b = bytes[i]
      if b <= 0x0D, b == 0x0A || b == 0x0D {
        if b == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
        ascii.append(high < 0x80)
        high = 0
        starts.append(i + 1)
      } else {
        high |= b
      }
      i += 1
    }
    ascii.append(high < 0x80)
    return (starts, ascii)
  }

  /// The number of lines; a final line break does not start a new counted line of content,
  /// but the empty line after it is addressable.
  public var lineCount: Int { lineStarts.count }

  /// Whether byte `b` occurs on lines `first...last` (1-based, clamped): a cheap pre-check before
  /// work that only matters when a character is present.
  public func lines(_ first: Int, through last: Int, containByte b: UInt8) -> Bool {
    let from = max(first, 1)
    let to = min(last, lineStarts.count)
    guard from <= to else { return false }
    let start = lineStarts[from - 1]
    let end = to < lineStarts.count ? lineStarts[to] : utf8.count
    return utf8.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, end > start else { return false }
      return memchr(base + start, Int32(b), end - start) != nil
    }
  }

  /// Whether line `number` holds byte `b` (`memchr`, no substring made).
  public func line(_ number: Int, containsByte b: UInt8) -> Bool {
    lines(number, through: number, containByte: b)
  }

  /// The first byte of a line that is not a space or tab, or `nil` for a blank line.
  public func firstNonBlankByte(line: Int) -> UInt8? {
    guard line >= 1, line <= lineStarts.count else { return nil }
    var i = lineStarts[line - 1]
    while i < utf8.count {
      let b = utf8[i]
      if b == 0x0A || b == 0x0D { return nil }
      if b != 0x20 && b != 0x09 { return b }
      i += 1
    }
    return nil
  }

  /// Whether a 1-based line holds only ASCII (cheap: computed with the line index).
  public func isASCII(line: Int) -> Bool { line >= 1 && line <= asciiLines.count ? asciiLines[line - 1] : true }

  /// The UTF-8 bytes of the text (without BOM).
  public var bytes: [UInt8] { utf8 }

  /// The text of a 1-based line, without its line break; `nil` when out of range.
  public func line(_ number: Int) -> Substring? {
    guard number >= 1, number <= lineStarts.count else { return nil }
    let start = lineStarts[number - 1]
    var end = number < lineStarts.count ? lineStarts[number] : utf8.count
    while end > start, utf8[end - 1] == 0x0A || utf8[end - 1] == 0x0D { end -= 1 }
    let s = text.utf8.index(text.utf8.startIndex, offsetBy: start)
    let e = text.utf8.index(s, offsetBy: end - start)
    return text[s..<e]
  }

  /// The number of UTF-8 bytes on a line, without its line break.
  public func byteLength(ofLine number: Int) -> Int {
    guard number >= 1, number <= lineStarts.count else { return 0 }
    let start = lineStarts[number - 1]
    var end = number < lineStarts.count ? lineStarts[number] : utf8.count
    while end > start, utf8[end - 1] == 0x0A || utf8[end - 1] == 0x0D { end -= 1 }
    return end - start
  }

  /// Converts a 1-based UTF-8 byte column on a line into a 1-based character (scalar) column.
  ///
  /// A byte column inside a multi-byte character maps to that character.
  public func characterColumn(line: Int, byteColumn: Int) -> Int {
    var memo = ColumnMemo()
    return characterColumn(line: line, byteColumn: byteColumn, memo: &memo)
  }

  /// Where a walk along a line stopped: the line, the byte offset reached and how many characters start
  /// before it. A reader that asks for columns left to right on one line (a parser's nodes) continues from
  /// there instead of counting from the line's start each time.
  public struct ColumnMemo: Sendable {
    var line = 0
    var offset = 0
    var characters = 0
    public init() {}
  }

  /// ``characterColumn(line:byteColumn:)``, continuing from `memo` when it is on the same line at or
  /// before the column.
  public func characterColumn(line: Int, byteColumn: Int, memo: inout ColumnMemo) -> Int {
    guard line >= 1, line <= lineStarts.count, byteColumn > 1 else { return max(byteColumn, 1) }
    if asciiLines[line - 1] { return byteColumn }
    let start = lineStarts[line - 1]
    let limit = min(start + byteColumn - 1, utf8.count)
    var column = 1
    var i = start
    if memo.line == line, memo.offset <= limit {
      column = memo.characters
      i = memo.offset
    }
    while i < limit {
      let b = utf8[i]
      if b & 0xC0 != 0x80 { column += 1 }
      i += 1
    }
    memo.line = line
    memo.offset = limit
    memo.characters = column
    // A byte column pointing into the middle of a character belongs to that character.
    if limit < utf8.count, utf8[limit] & 0xC0 == 0x80 { column -= 1 }
    return max(column, 1)
  }

  /// The 1-based line containing a UTF-8 offset.
  public func lineNumber(atOffset offset: Int) -> Int {
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return lo + 1
  }

  /// The location of a UTF-8 offset (characters for columns).
  public func location(atOffset offset: Int) -> SourceLocation {
    let line = lineNumber(atOffset: offset)
    return SourceLocation(
      line: line, column: characterColumn(line: line, byteColumn: offset - lineStarts[line - 1] + 1))
  }

  /// The UTF-8 offset of a line and character column.
  public func offset(of location: SourceLocation) -> Int {
    guard location.line >= 1, location.line <= lineStarts.count else { return utf8.count }
    let start = lineStarts[location.line - 1]
    let length = byteLength(ofLine: location.line)
    var i = start
    var column = 1
    while i < start + length, column < location.column {
      i += 1
      while i < start + length, utf8[i] & 0xC0 == 0x80 { i += 1 }
      column += 1
    }
    return i
  }

  /// Whether the text covered by `range` is exactly `expected` (compared as bytes, no copies).
  public func holds(_ expected: String, at range: SourceRange) -> Bool {
    let s = offset(of: range.start)
    var e = offset(of: range.end)
    if e < utf8.count {
      e += 1
      while e < utf8.count, utf8[e] & 0xC0 == 0x80 { e += 1 }
    }
    guard e >= s else { return false }
    var i = s
    for b in expected.utf8 {
      guard i < e, utf8[i] == b else { return false }
      i += 1
    }
    return i == e
  }

  /// The text covered by a range (inclusive of its end character).
  public func text(in range: SourceRange) -> Substring {
    let s = offset(of: range.start)
    var e = offset(of: range.end)
    if e < utf8.count {
      e += 1
      while e < utf8.count, utf8[e] & 0xC0 == 0x80 { e += 1 }
    }
    let si = text.utf8.index(text.utf8.startIndex, offsetBy: s)
    let ei = text.utf8.index(text.utf8.startIndex, offsetBy: max(e, s))
    return text[si..<ei]
  }
}

extension StringProtocol {
  /// The UTF-8 offset of the first occurrence of `needle`, or `nil`.
  public func firstByteOffset(of needle: String) -> Int? {
    let hay = Array(self.utf8)
    let n = Array(needle.utf8)
    guard !n.isEmpty, hay.count >= n.count else { return n.isEmpty ? 0 : nil }
    for i in 0...(hay.count - n.count) where hay[i] == n[0] {
      var k = 1
      while k < n.count, hay[i + k] == n[k] { k += 1 }
      if k == n.count { return i }
    }
    return nil
  }

  /// Whether the UTF-8 bytes of `needle` occur in this text: a plain byte search, much cheaper than
  /// Foundation's locale-aware `contains(_:)` on hot paths (no allocation when both are native strings).
  public func containsBytes(_ needle: String) -> Bool {
    var needle = needle
    return needle.withUTF8 { n in
      guard let first = n.first else { return true }
      if let found = self.utf8.withContiguousStorageIfAvailable({ Self.search($0, n, first) }) { return found }
      return Array(self.utf8).withUnsafeBufferPointer { Self.search($0, n, first) }
    }
  }

  /// How many times the UTF-8 bytes of `needle` occur in this text, without overlaps (a byte search, as
  /// `containsBytes`).
  public func countBytes(_ needle: String) -> Int {
    var needle = needle
    var hay = String(self)
    return needle.withUTF8 { n -> Int in
      hay.withUTF8 { h -> Int in
        guard let base = h.baseAddress, let needleBase = n.baseAddress, let first = n.first, h.count >= n.count else {
          return 0
        }
        var count = 0
        var offset = 0
        let last = h.count - n.count
        while offset <= last, let hit = memchr(base + offset, Int32(first), last - offset + 1) {
          let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          if memcmp(base + at, needleBase, n.count) == 0 {
            count += 1
            offset = at + n.count
          } else {
            offset = at + 1
          }
        }
        return count
      }
    }
  }

  /// Whether byte `b` occurs at least `count` times (`memchr` over contiguous text; most text is).
  public func containsByte(_ b: UInt8, atLeast count: Int = 1) -> Bool {
    guard count > 0 else { return true }
    let found = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
      guard let base = bytes.baseAddress else { return false }
      var offset = 0
      var seen = 0
      while offset < bytes.count, let hit = memchr(base + offset, Int32(b), bytes.count - offset) {
        seen += 1
        if seen == count { return true }
        offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
      }
      return false
    }
    if let found { return found }
    var seen = 0
    for byte in utf8 where byte == b {
      seen += 1
      if seen == count { return true }
    }
    return false
  }

  /// This text with every occurrence of `needle` replaced by `replacement`, left to right, matched over bytes
  /// (as `containsBytes`): Foundation's `replacingOccurrences` compares Unicode text through NSString, which
  /// for a page's worth of theme CSS and scripts cost a sixth of a one-slide build.
  public func replacingBytes(_ needle: String, with replacement: String) -> String {
    guard !needle.isEmpty, containsBytes(needle) else { return String(self) }
    var needle = needle
    var hay = String(self)
    return needle.withUTF8 { n -> String in
      guard let first = n.first else { return String(decoding: n, as: UTF8.self) }
      return hay.withUTF8 { h -> String in
        guard let base = h.baseAddress, let needleBase = n.baseAddress, h.count >= n.count else {
          return String(decoding: h, as: UTF8.self)
        }
        var out: [UInt8] = []
        var copied = 0
        var offset = 0
        let last = h.count - n.count
        while offset <= last, let hit = memchr(base + offset, Int32(first), last - offset + 1) {
          let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          guard memcmp(base + at, needleBase, n.count) == 0 else {
            offset = at + 1
            continue
          }
          if out.isEmpty { out.reserveCapacity(h.count + h.count / 16) }
          out.append(contentsOf: UnsafeBufferPointer(rebasing: h[copied..<at]))
          out.append(contentsOf: replacement.utf8)
          copied = at + n.count
          offset = copied
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: h[copied...]))
        return String(decoding: out, as: UTF8.self)
      }
    }
  }

  /// This text with every `</name` (the tag name in any ASCII case, as an HTML parser reads it) written `<\/name`,
  /// so script or style text embedded in a page cannot end its element early: `</SCRIPT>` closes a script
  /// element as `</script>` does. `<\/` means the same inside JavaScript strings and CSS.
  public func escapingEndTags(_ name: String) -> String {
    let tag = Array(name.lowercased().utf8)
    var text = String(self)
    guard !tag.isEmpty, text.containsBytes("</") else { return text }
    return text.withUTF8 { h -> String in
      var out: [UInt8] = []
      out.reserveCapacity(h.count + 16)
      var copied = 0
      var i = 0
      while i + 1 + tag.count < h.count {
        if h[i] == UInt8(ascii: "<"), h[i + 1] == UInt8(ascii: "/") {
          var k = 0
          while k < tag.count, h[i + 2 + k] | 0x20 == tag[k] { k += 1 }
          if k == tag.count {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: h[copied..<(i + 1)]))
            out.append(UInt8(ascii: "\\"))
            copied = i + 1
          }
        }
        i += 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: h[copied...]))
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// The range of the first occurrence of `needle` at or after `start` (a byte search, as `containsBytes`).
  public func rangeOfBytes(_ needle: String, from start: Index? = nil) -> Range<Index>? {
    let n = Array(needle.utf8)
    guard !n.isEmpty else { return nil }
    let view = utf8
    var i = start ?? view.startIndex
    while i != view.endIndex {
      if view[i] == n[0] {
        var j = view.index(after: i)
        var k = 1
        while k < n.count, j != view.endIndex, view[j] == n[k] {
          k += 1
          j = view.index(after: j)
        }
        if k == n.count { return i..<j }
      }
      i = view.index(after: i)
    }
    return nil
  }

  /// `memchr` finds each candidate first byte (glibc's is vectorised), `memcmp` checks the rest.
  private static func search(_ hay: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>, _ first: UInt8) -> Bool {
    guard hay.count >= n.count, let base = hay.baseAddress, let needle = n.baseAddress else { return false }
    var offset = 0
    let last = hay.count - n.count
    while offset <= last {
      guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
      let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      if memcmp(base + at, needle, n.count) == 0 { return true }
      offset = at + 1
    }
    return false
  }
}
