import LecternCore

#if canImport(Glibc)
  import Glibc
#endif

/// Lines where a long document can be cut and its parts parsed apart, each by its own cmark-gfm parser,
/// with the same blocks as one parse of the whole.
///
/// A cut is a line `---` (a slide rule, at the margin) that follows a blank line. The blank line has closed
/// every paragraph and table, and a line at the margin after it closes every list and quote, so the rule
/// starts a new top-level block whatever came before, with two exceptions this scan avoids and
/// ``CMarkParser`` re-checks after parsing each part: fenced code and the HTML blocks that run over blank
/// lines (comments, `<script>`, `<pre>`, `<style>`, `<textarea>`, `<?`, `<!X`, `<![CDATA[`). A document with a
/// `]:` anywhere is never cut: a link reference or footnote definition is shared by the whole document.
enum SlideCuts {
  /// The lines (1-based, in `source`) where parts may start after `firstLine`, with their byte offsets.
  static func find(in source: SourceFile, from firstLine: Int) -> [(line: Int, offset: Int)] {
    source.bytes.withUnsafeBufferPointer { bytes in find(in: bytes, lineStarts: source.lineStarts, from: firstLine) }
  }

  private enum Open {
    case none
    /// A fence of `count` × `marker`.
    case fence(marker: UInt8, count: Int)
    /// An HTML block that ends on the line holding `end` (ASCII, compared without case).
    case html(end: [UInt8])
  }

  static func find(in bytes: UnsafeBufferPointer<UInt8>, lineStarts: [Int], from firstLine: Int) -> [(
    line: Int, offset: Int
  )] {
    guard firstLine >= 1, firstLine <= lineStarts.count, !hasDefinitionMark(bytes, from: lineStarts[firstLine - 1]) else {
      return []
    }
    var cuts: [(line: Int, offset: Int)] = []
    var open = Open.none
    var previousBlank = true
    for line in firstLine...lineStarts.count {
      let start = lineStarts[line - 1]
      var end = line < lineStarts.count ? lineStarts[line] : bytes.count
      while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
      let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
      defer { previousBlank = text.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
      switch open {
      case .fence(let marker, let count):
        if closesFence(text, marker: marker, count: count) { open = .none }
        continue
      case .html(let endMarker):
        if contains(text, endMarker) { open = .none }
        continue
      case .none:
        break
      }
      if previousBlank, line > firstLine, isRule(text) {
        cuts.append((line, start))
        continue
      }
      if let fence = opensFence(text) {
        open = fence
      } else if let endMarker = opensHTML(text) {
        open = .html(end: endMarker)
      }
    }
    return cuts
  }

  /// Exactly `---` at the margin, then only spaces or tabs.
  private static func isRule(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    line.count >= 3 && line[0] == 0x2D && line[1] == 0x2D && line[2] == 0x2D
      && line[3...].allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }

  /// Up to three spaces of indent and the marker's first byte.
  private static func indentEnd(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    while i < line.count, i < 4, line[i] == 0x20 { i += 1 }
    return i < 4 && i < line.count ? i : nil
  }

  private static func opensFence(_ line: UnsafeBufferPointer<UInt8>) -> Open? {
    guard let i = indentEnd(line), line[i] == 0x60 || line[i] == 0x7E else { return nil }
    let marker = line[i]
    var j = i
    while j < line.count, line[j] == marker { j += 1 }
    guard j - i >= 3 else { return nil }
    // A backtick fence's info string holds no backtick (else the line is inline code).
    if marker == 0x60, line[j...].contains(0x60) { return nil }
    return .fence(marker: marker, count: j - i)
  }

  private static func closesFence(_ line: UnsafeBufferPointer<UInt8>, marker: UInt8, count: Int) -> Bool {
    guard let i = indentEnd(line), line[i] == marker else { return false }
    var j = i
    while j < line.count, line[j] == marker { j += 1 }
    return j - i >= count && line[j...].allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }

  /// The end marker of an HTML block of kinds 1–5 that this line starts and does not end.
  private static func opensHTML(_ line: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard let i = indentEnd(line), line[i] == 0x3C else { return nil }
    let rest = UnsafeBufferPointer(rebasing: line[i...])
    let endMarker: [UInt8]
    if starts(rest, "<!--") {
      endMarker = Array("-->".utf8)
    } else if starts(rest, "<![CDATA[") {
      endMarker = Array("]]>".utf8)
    } else if starts(rest, "<?") {
      endMarker = Array("?>".utf8)
    } else if rest.count > 2, rest[rest.startIndex + 1] == 0x21, lower(rest[rest.startIndex + 2]) >= 0x61,
      lower(rest[rest.startIndex + 2]) <= 0x7A
    {
      endMarker = Array(">".utf8)
    } else if let name = ["script", "pre", "style", "textarea"].first(where: { startsTag(rest, $0) }) {
      endMarker = Array("</\(name)>".utf8)
    } else {
      return nil
    }
    // The end may be on the opening line itself, after the opening.
    let after = UnsafeBufferPointer(rebasing: rest[min(rest.startIndex + 2, rest.endIndex)...])
    return contains(after, endMarker) ? nil : endMarker
  }

  private static func starts(_ text: UnsafeBufferPointer<UInt8>, _ prefix: String) -> Bool {
    let p = Array(prefix.utf8)
    guard text.count >= p.count else { return false }
    for k in 0..<p.count where text[text.startIndex + k] != p[k] { return false }
    return true
  }

  /// `<name` (any case) followed by a space, a tab, `>` or the end of the line.
  private static func startsTag(_ text: UnsafeBufferPointer<UInt8>, _ name: String) -> Bool {
    let n = Array(name.utf8)
    guard text.count >= n.count + 1 else { return false }
    for k in 0..<n.count where lower(text[text.startIndex + 1 + k]) != n[k] { return false }
    let next = text.startIndex + 1 + n.count
    return next == text.endIndex || text[next] == 0x20 || text[next] == 0x09 || text[next] == 0x3E
  }

  /// Whether `]:` occurs from `start` on (`memchr` for each `]`).
  private static func hasDefinitionMark(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    var i = start
    while i < bytes.count, let hit = memchr(base + i, 0x5D, bytes.count - i) {
      let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      if at + 1 < bytes.count, bytes[at + 1] == 0x3A { return true }
      i = at + 1
    }
    return false
  }

  private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

  /// Whether `needle` occurs in `text`, ASCII letters compared without case.
  private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, text.count >= needle.count else { return false }
    let first = needle[0]
    var i = text.startIndex
    let last = text.endIndex - needle.count
    while i <= last {
      if lower(text[i]) == lower(first) {
        var k = 1
        while k < needle.count, lower(text[i + k]) == lower(needle[k]) { k += 1 }
        if k == needle.count { return true }
      }
      i += 1
    }
    return false
  }
}
