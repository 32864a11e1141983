import LecternCore
import LecternMarkdown

/// `$$` display math as Marp Core reads it (its math block rule, from markdown-it-katex): a line starting with `$$`
/// opens a block that can interrupt a paragraph; the block ends on the first line (the opening one included)
/// whose text ends with `$$`, and an unclosed block runs to the end of the document.
///
/// cmark-gfm knows no math, so the reader hands it a copy of the file in which each math block is a fence (or,
/// on one line, an HTML comment) of the same lines, then turns those blocks back into the paragraph of the
/// original lines that renderers already read as display math. Line numbers never move.
public enum MathBlocks {
  /// One block: its first and last line (1-based); `isClosed` is false when it runs to the end.
  public struct Span: Sendable, Hashable {
    public var open: Int
    public var close: Int
    public var isClosed: Bool
  }

  static let marker = "lectern-math"

  /// The math blocks of `source` from `firstLine`, outside fenced code.
  public static func spans(in source: SourceFile, from firstLine: Int = 1) -> [Span] {
    // Most documents have no `$$` at all: then there is nothing to scan line by line.
    guard source.text.containsBytes("$$") else { return [] }
    var spans: [Span] = []
    var fence: (mark: Character, length: Int)?
    var line = max(firstLine, 1)
    while line <= source.lineCount {
      guard let text = source.line(line) else { break }
      let indent = text.prefix(while: { $0 == " " }).count
      let body = text.dropFirst(indent)
      if let open = fence {
        let run = body.prefix(while: { $0 == open.mark }).count
        if indent < 4, run >= open.length, body.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) { fence = nil }
        line += 1
        continue
      }
      if indent < 4, let mark = body.first, mark == "`" || mark == "~" {
        let run = body.prefix(while: { $0 == mark }).count
        if run >= 3, mark == "~" || !body.dropFirst(run).contains("`") { fence = (mark, run) }
        line += 1
        continue
      }
      guard indent < 4, body.hasPrefix("$$") else {
        line += 1
        continue
      }
      if body.dropFirst(2).trimmed.hasSuffix("$$") {
        spans.append(Span(open: line, close: line, isClosed: true))
        line += 1
        continue
      }
      var close = line + 1
      while close <= source.lineCount, !(source.line(close).map { $0.trimmed.hasSuffix("$$") } ?? false) { close += 1 }
      let closed = close <= source.lineCount
      spans.append(Span(open: line, close: min(close, source.lineCount), isClosed: closed))
      line = close + 1
    }
    return spans
  }

  /// A copy of `source` (same lines) in which every math block is a block cmark-gfm keeps whole.
  static func masked(_ source: SourceFile, spans: [Span]) -> SourceFile {
    guard !spans.isEmpty else { return source }
    // The lines as `SourceFile` counts them (LF, CRLF or CR), each with its own line end.
    var lines = (1...source.lineCount).map { String(source.line($0) ?? "") }
    let ends = (1...source.lineCount).map { number -> String in
      let end = number < source.lineStarts.count ? source.lineStarts[number] : source.bytes.count
      var start = end
      while start > source.lineStarts[number - 1], source.bytes[start - 1] == 0x0A || source.bytes[start - 1] == 0x0D {
        start -= 1
      }
      return String(decoding: source.bytes[start..<end], as: UTF8.self)
    }
    for span in spans {
      let indent = String(repeating: " ", count: lines[span.open - 1].prefix(while: { $0 == " " }).count)
      if span.open == span.close {
        lines[span.open - 1] = indent + "<!--\(marker)-->"
        continue
      }
      let longest =
        (span.open...span.close).map { n in
          lines[n - 1].split(whereSeparator: { $0 != "~" }).map(\.count).max() ?? 0
        }.max() ?? 0
      let fence = String(repeating: "~", count: max(3, longest + 1))
      lines[span.open - 1] = indent + fence + " " + marker
      if span.isClosed { lines[span.close - 1] = indent + fence }
    }
    return SourceFile(path: source.path, text: zip(lines, ends).map { $0 + $1 }.joined())
  }

  /// The parsed blocks with each math block turned back into the paragraph of its original lines.
  static func restored(_ blocks: [Block], spans: [Span], in source: SourceFile) -> [Block] {
    guard !spans.isEmpty else { return blocks }
    let byLine = Dictionary(spans.map { ($0.open, $0) }) { a, _ in a }
    return blocks.map { block in
      guard let r = block.range, let span = byLine[r.start.line], isMask(block) else {
        var copy = block
        switch block.kind {
        case .blockQuote(let inner): copy.kind = .blockQuote(restored(inner, spans: spans, in: source))
        case .list(var list):
          for i in list.items.indices { list.items[i].blocks = restored(list.items[i].blocks, spans: spans, in: source) }
          copy.kind = .list(list)
        default: break
        }
        return copy
      }
      var inlines: [Inline] = []
      for n in span.open...span.close {
        guard let text = source.line(n) else { continue }
        let body = String(text.drop(while: { $0 == " " || $0 == "\t" })).trimmingTrailingCR
        if !inlines.isEmpty { inlines.append(Inline(.softBreak, range: nil)) }
        let column = text.count - text.drop(while: { $0 == " " || $0 == "\t" }).count + 1
        inlines.append(
          Inline(
            .text(body), range: SourceRange(line: n, column: column, endLine: n, endColumn: max(column, column + body.count - 1)))
        )
      }
      let lastLength = max(source.line(span.close)?.count ?? 1, 1)
      return Block(
        .paragraph(inlines),
        range: SourceRange(line: span.open, column: r.start.column, endLine: span.close, endColumn: lastLength))
    }
  }

  private static func isMask(_ block: Block) -> Bool {
    switch block.kind {
    case .codeBlock(let code): code.isFenced && code.info == marker
    case .htmlBlock(let html): html.trimmed == "<!--\(marker)-->"
    default: false
    }
  }
}

extension String {
  fileprivate var trimmingTrailingCR: String { hasSuffix("\r") ? String(dropLast()) : self }
}
