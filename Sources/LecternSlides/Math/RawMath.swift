import LecternCore
import LecternMarkdown

/// Math as the author typed it. cmark applies Markdown's backslash escapes everywhere (`\,` → `,`, `\{` → `{`,
/// `\\` → `\`), which breaks TeX; so the TeX of each `$…$` span is read back from the source, and used only
/// when un-escaping it gives exactly the text cmark produced (so a span is never paired with the wrong one).
struct RawMath {
  var source: SourceFile

  /// The text of `range`'s lines as written, from the range's first column.
  func text(_ range: SourceRange) -> String? {
    let first = range.start.line
    let last = range.end.line
    guard first >= 1, last >= first, last <= source.lineStarts.count else { return nil }
    let utf8 = source.text.utf8
    let startOffset = source.lineStarts[first - 1] + max(range.start.column - 1, 0)
    let endOffset = last < source.lineStarts.count ? source.lineStarts[last] : utf8.count
    guard startOffset <= endOffset, endOffset <= utf8.count else { return nil }
    let start = utf8.index(utf8.startIndex, offsetBy: startOffset)
    let end = utf8.index(utf8.startIndex, offsetBy: endOffset)
    return String(source.text[start..<end])
  }

  /// CommonMark's backslash escapes: a backslash before ASCII punctuation stands for that character.
  static func unescaped(_ s: String) -> String {
    var out = ""
    var chars = s.makeIterator()
    while let c = chars.next() {
      guard c == "\\" else {
        out.append(c)
        continue
      }
      guard let next = chars.next() else {
        out.append(c)
        break
      }
      if next.isASCII, next.isPunctuation || next.isSymbol { out.append(next) } else { out += "\\" + String(next) }
    }
    return out
  }

  /// The paragraph's inlines with each inline math span's TeX as written; `nil` when nothing differs.
  ///
  /// Each formula written in the source is found again in cmark's text by its cooked form (`\\$` → `$`,
  /// `\\,` → `,`…) and put back as written; `$` in the text around it is escaped, so only written formulas
  /// are math. A formula cmark cut with emphasis (`$f*g*h$`) is first joined back into one text.
  func repairing(_ inlines: [Inline], range: SourceRange?) -> [Inline]? {
    guard let range, let raw = text(range) else { return nil }
    let written = (TeXMath.inlineSpans(in: raw) ?? []).filter(\.isMath)
    guard raw.containsByte(UInt8(ascii: "\\")) || written.contains(where: { $0.text.containsByte(UInt8(ascii: "*")) }) else {
      return nil
    }
    let merged = Self.joiningEmphasisInsideMath(inlines, written: written)
    var changed = merged.count != inlines.count
    var remaining = written[...]
    let repaired = merged.map { inline -> Inline in
      guard case .text(let cooked) = inline.kind, cooked.containsByte(UInt8(ascii: "$")) else { return inline }
      let text = Self.restoring(cooked, from: &remaining)
      changed = changed || text != cooked
      var copy = inline
      copy.kind = .text(text)
      return copy
    }
    return changed ? repaired : nil
  }

  /// `cooked` with each written formula found in it (in order) put back as written, other dollars escaped.
  static func restoring(_ cooked: String, from remaining: inout ArraySlice<TeXMath.Span>) -> String {
    var out = ""
    var rest = Substring(cooked)
    while true {
      var found: (index: Int, range: Range<Substring.Index>)?
      for k in remaining.indices {
        let delimiter = remaining[k].display ? "$$" : "$"
        if let r = rest.rangeOfBytes(delimiter + unescaped(remaining[k].text) + delimiter) {
          found = (k, r)
          break
        }
      }
      guard let found else { break }
      let span = remaining[found.index]
      let delimiter = span.display ? "$$" : "$"
      out += rest[..<found.range.lowerBound].replacingBytes("$", with: "\\$")
      out += delimiter + span.text + delimiter
      rest = rest[found.range.upperBound...]
      remaining = remaining[(found.index + 1)...]
    }
    return out + rest.replacingBytes("$", with: "\\$")
  }

  /// Runs of text and emphasis that cmark made out of a written formula holding `*`, joined back into one text.
  static func joiningEmphasisInsideMath(_ inlines: [Inline], written: [TeXMath.Span]) -> [Inline] {
    let needles = written.filter { $0.text.containsByte(UInt8(ascii: "*")) }.map { "$" + unescaped($0.text) + "$" }
    guard !needles.isEmpty else { return inlines }
    var out: [Inline] = []
    var i = 0
    while i < inlines.count {
      if case .text(let first) = inlines[i].kind, first.containsByte(UInt8(ascii: "$")),
        let run = joinedRun(inlines, from: i, needles)
      {
        out.append(Inline(.text(run.text), range: inlines[i].range))
        i = run.end + 1
        continue
      }
      out.append(inlines[i])
      i += 1
    }
    return out
  }

  private static func joinedRun(_ inlines: [Inline], from start: Int, _ needles: [String]) -> (end: Int, text: String)? {
    guard case .text(let first) = inlines[start].kind else { return nil }
    var text = first
    for j in (start + 1)..<inlines.count {
      switch inlines[j].kind {
      case .text(let t): text += t
      case .softBreak: text += "\n"
      case .emphasis(let c): guard let inner = starred(c) else { return nil }; text += "*" + inner + "*"
      case .strong(let c): guard let inner = starred(c) else { return nil }; text += "**" + inner + "**"
      default: return nil
      }
      if needles.contains(where: { text.containsBytes($0) && !first.containsBytes($0) }) { return (j, text) }
    }
    return nil
  }

  /// Emphasis children as the `*` Markdown they were written with; `nil` for anything but text and emphasis.
  private static func starred(_ inlines: [Inline]) -> String? {
    var out = ""
    for inline in inlines {
      switch inline.kind {
      case .text(let t): out += t
      case .emphasis(let c): guard let inner = starred(c) else { return nil }; out += "*" + inner + "*"
      case .strong(let c): guard let inner = starred(c) else { return nil }; out += "**" + inner + "**"
      default: return nil
      }
    }
    return out
  }

  /// A display formula (`$$…$$` filling a paragraph) as written, when it un-escapes to `cooked`.
  func displayTeX(_ range: SourceRange?, cooked: String) -> String? {
    guard let range, let raw = text(range)?.trimmed, raw.hasPrefix("$$"), raw.hasSuffix("$$"), raw.count > 4 else {
      return nil
    }
    let tex = String(raw.dropFirst(2).dropLast(2))
    return Self.unescaped(tex) == cooked ? tex : nil
  }
}
