import LecternCore
import LecternMarkdown

/// An HTML comment as Marp sees it: a block comment or an inline one inside text.
struct MarpComment {
  /// The text between `<!--` and `-->`, trimmed (Marp's rule); empty when unclosed.
  var content: String
  var range: SourceRange?
  var isClosed: Bool
  /// `<!--fit-->` inside a heading: consumed by the heading, never a note or directive.
  var isFitMarker: Bool
  /// The index of the top-level block it is in.
  var blockIndex: Int

  /// A tool's comment (`prettier-ignore`, `markdownlint-disable MD033`, `lint disable …`, `lectern-disable …`):
  /// Marpit ignores these magic comments, so they are neither notes nor directives.
  var isToolComment: Bool { Self.isToolComment(content) }

  /// Marpit's magic comments (prettier, markdownlint, remark-lint) and Lectern's own suppressions.
  static func isToolComment(_ content: String) -> Bool {
    if content == "prettier-ignore" || content == "prettier-ignore-start" || content == "prettier-ignore-end" { return true }
    if content.hasPrefix("markdownlint-") {
      let rest = content.dropFirst("markdownlint-".count)
      return rest.hasPrefix("disable") || rest.hasPrefix("enable") || rest == "capture" || rest == "restore"
    }
    for verb in ["disable", "enable", "ignore"] {
      let prefix = "lint " + verb
      if content == prefix || (content.hasPrefix(prefix) && content.dropFirst(prefix.count).first?.isWhitespace == true) {
        return true
      }
    }
    return content.hasPrefix("lectern-disable") || content.hasPrefix("lectern-enable")
  }

  /// Reads the first comment of `html` the way Marpit's `<!--+\s*(.*?)\s*--+>` does.
  static func content(of html: String) -> (String, Bool)? {
    let bytes = Array(html.utf8)
    let trimmedStart = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) ?? bytes.count
    guard bytes.count - trimmedStart >= 4, bytes[trimmedStart] == 0x3C, bytes[trimmedStart + 1] == 0x21,
      bytes[trimmedStart + 2] == 0x2D, bytes[trimmedStart + 3] == 0x2D
    else { return nil }
    var start = trimmedStart + 4
    while start < bytes.count, bytes[start] == 0x2D { start += 1 }
    // Find the first `-->` at or after `start - 2` (so `<!---->` closes at once).
    var k = max(start - 2, trimmedStart + 2)
    var close: Int?
    while k + 2 < bytes.count {
      if bytes[k] == 0x2D, bytes[k + 1] == 0x2D, bytes[k + 2] == 0x3E {
        close = k
        break
      }
      k += 1
    }
    guard let close else { return ("", false) }
    var end = close
    while end > start, bytes[end - 1] == 0x2D { end -= 1 }
    guard end > start else { return ("", true) }
    let text = String(decoding: bytes[start..<end], as: UTF8.self)
    return (text.trimmed, true)
  }
}

/// Inline comments cmark-gfm leaves as text: CommonMark forbids `--` inside an inline comment
/// (`<!-- TODO -- check -->`), Marpit's inline comment rule does not. Such text becomes the HTML inline it is for Marp.
enum InlineComments {
  /// `blocks` with each inline `<!-- … -->` cmark-gfm left inside text split out as an HTML inline. Only the
  /// blocks that hold one are rebuilt; the rest are returned as they are.
  static func splitting(_ blocks: [Block], in source: SourceFile) -> [Block] {
    guard source.text.containsByte(0x3C) else { return blocks }
    return split(blocks, in: source) ?? blocks
  }

  /// The blocks with comments split out, or `nil` when none holds one.
  private static func split(_ blocks: [Block], in source: SourceFile) -> [Block]? {
    var out: [Block]?
    for i in blocks.indices {
      guard let changed = split(blocks[i], in: source) else { continue }
      if out == nil { out = blocks }
      out![i] = changed
    }
    return out
  }

  private static func split(_ block: Block, in source: SourceFile) -> Block? {
    var copy = block
    switch block.kind {
    case .paragraph(let inlines):
      guard let split = split(inlines, in: source) else { return nil }
      copy.kind = .paragraph(split)
    case .heading(var h):
      guard let split = split(h.inlines, in: source) else { return nil }
      h.inlines = split
      copy.kind = .heading(h)
    case .blockQuote(let blocks):
      guard let split = split(blocks, in: source) else { return nil }
      copy.kind = .blockQuote(split)
    case .list(var list):
      var changed = false
      for i in list.items.indices {
        guard let split = split(list.items[i].blocks, in: source) else { continue }
        list.items[i].blocks = split
        changed = true
      }
      guard changed else { return nil }
      copy.kind = .list(list)
    default:
      return nil
    }
    return copy
  }

  /// The inlines with comments split out of their text, or `nil` when none holds one.
  private static func split(_ inlines: [Inline], in source: SourceFile) -> [Inline]? {
    guard inlines.contains(where: { if case .text(let t) = $0.kind { t.containsBytes("<!--") } else { false } }) else {
      var out: [Inline]?
      for i in inlines.indices {
        guard let changed = nested(inlines[i], in: source) else { continue }
        if out == nil { out = inlines }
        out![i] = changed
      }
      return out
    }
    var out: [Inline] = []
    for inline in inlines {
      guard case .text(let text) = inline.kind, let open = text.rangeOfBytes("<!--"),
        let close = text.rangeOfBytes("-->", from: open.upperBound)
      else {
        out.append(nested(inline, in: source) ?? inline)
        continue
      }
      let before = String(text[..<open.lowerBound])
      let comment = String(text[open.lowerBound..<close.upperBound])
      let after = String(text[close.upperBound...])
      let at = inline.range.flatMap { r -> SourceRange? in
        guard r.start.line == r.end.line, source.holds(text, at: r) else { return nil }
        let start = r.start.column + before.count
        return SourceRange(line: r.start.line, column: start, endLine: r.start.line, endColumn: start + comment.count - 1)
      }
      let line = at?.start.line ?? 0
      if !before.isEmpty {
        let start = at.map { $0.start.column - before.count }
        out.append(
          Inline(
            .text(before),
            range: start.map { SourceRange(line: line, column: $0, endLine: line, endColumn: $0 + before.count - 1) }))
      }
      out.append(Inline(.html(comment), range: at ?? inline.range))
      if !after.isEmpty {
        let start = at.map { $0.end.column + 1 }
        let range = start.map { SourceRange(line: line, column: $0, endLine: line, endColumn: $0 + after.count - 1) }
        let rest = [Inline(.text(after), range: range)]
        out.append(contentsOf: split(rest, in: source) ?? rest)
      }
    }
    return out
  }

  /// An emphasis, strong, strikethrough or link with comments split out of its text, or `nil` when unchanged.
  private static func nested(_ inline: Inline, in source: SourceFile) -> Inline? {
    var copy = inline
    switch inline.kind {
    case .emphasis(let c):
      guard let split = split(c, in: source) else { return nil }
      copy.kind = .emphasis(split)
    case .strong(let c):
      guard let split = split(c, in: source) else { return nil }
      copy.kind = .strong(split)
    case .strikethrough(let c):
      guard let split = split(c, in: source) else { return nil }
      copy.kind = .strikethrough(split)
    case .link(let d, let t, let c):
      guard let split = split(c, in: source) else { return nil }
      copy.kind = .link(destination: d, title: t, children: split)
    default:
      return nil
    }
    return copy
  }
}

/// Collects Marp comments in source order, nested ones included.
struct CommentCollector: MarkdownWalker, Sendable {
  /// The comments and images of `blocks` (top-level), in order; a long deck's blocks are walked in runs on
  /// all cores and the runs joined in order.
  static func collecting(_ blocks: [Block]) -> CommentCollector {
    @Sendable func walk(_ run: Range<Int>) -> CommentCollector {
      var collector = CommentCollector()
      for index in run {
        collector.blockIndex = index
        collector.walk(blocks[index])
      }
      return collector
    }
    guard blocks.count >= DeckParallelism.blocksFrom,
      let runs = try? DeckParallelism.runs(of: blocks.count).concurrentMap(walk)
    else { return walk(blocks.indices) }
    var all = CommentCollector()
    for run in runs {
      all.comments.append(contentsOf: run.comments)
      all.images.append(contentsOf: run.images)
    }
    all.blockIndex = blocks.count - 1
    return all
  }

  var comments: [MarpComment] = []
  var blockIndex = 0
  private var inHeading = false

  mutating func visit(_ block: Block) -> Bool {
    switch block.kind {
    case .htmlBlock(let html):
      if let (content, closed) = MarpComment.content(of: html) {
        comments.append(
          MarpComment(content: content, range: block.range, isClosed: closed, isFitMarker: false, blockIndex: blockIndex))
      }
      return false
    case .heading(let heading):
      for inline in heading.inlines {
        if case .html(let html) = inline.kind, let (content, closed) = MarpComment.content(of: html) {
          comments.append(
            MarpComment(
              content: content, range: inline.range, isClosed: closed, isFitMarker: content == "fit",
              blockIndex: blockIndex))
        } else {
          walk([inline])
        }
      }
      return false
    default:
      return true
    }
  }

  /// Images met on the way (alt text, URL, range, top-level block index), so slides need no second walk.
  var images: [(alt: String, url: String, range: SourceRange?, blockIndex: Int)] = []

  mutating func visit(_ inline: Inline) -> Bool {
    switch inline.kind {
    case .html(let html):
      if let (content, closed) = MarpComment.content(of: html) {
        comments.append(
          MarpComment(content: content, range: inline.range, isClosed: closed, isFitMarker: false, blockIndex: blockIndex))
      }
      return true
    case .image(let source, _, let children):
      images.append((children.plainText, source, inline.range, blockIndex))
      return false
    default:
      return true
    }
  }
}

/// The one wording of an unclosed comment (`unclosed-comment`), for decks and other documents alike.
public enum UnclosedComment {
  public static func message(hiddenLines: Int) -> String {
    "comment is never closed and hides the next \(hiddenLines) lines; expected '-->'"
  }
}
