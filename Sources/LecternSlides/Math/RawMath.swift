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
  func repairing(_ inlines: [Inline], range: SourceRange?) -> [Inline]? {
    guard let range, let raw = text(range), raw.utf8.contains(0x5C) else { return nil }
    var written = (TeXMath.inlineSpans(in: raw) ?? []).filter(\.isMath).map(\.text)[...]
    var changed = false
    let repaired = inlines.map { inline -> Inline in
      guard case .text(let cooked) = inline.kind, let spans = TeXMath.inlineSpans(in: cooked) else { return inline }
      var text = ""
      for span in spans {
        guard span.isMath else {
          text += span.text.replacingOccurrences(of: "$", with: "\\$")
          continue
        }
        // The written span this one was cooked from (earlier written spans sat in code spans, links…).
        guard let match = written.firstIndex(where: { Self.unescaped($0) == span.text }) else {
          // No `$…$` was written here: the dollars were escaped (`\$x\$`), so this is text.
          text += "\\$" + span.text.replacingOccurrences(of: "$", with: "\\$") + "\\$"
          changed = true
          continue
        }
        let next = written[match]
        written = written[(match + 1)...]
        changed = changed || next != span.text
        text += "$" + next + "$"
      }
      var copy = inline
      copy.kind = .text(text)
      return copy
    }
    return changed ? repaired : nil
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
