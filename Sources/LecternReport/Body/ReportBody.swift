import LecternCore
import LecternLive
import LecternMarkdown
import LecternPostmortem

/// The document's own blocks as the report shows them: every top-level block exactly once, in the
/// author's order, as cmark-gfm renders it (HTML) and as the author wrote it (Markdown).
///
/// Two moves only: the first heading, when it is the title, is shown by the title block instead, and a
/// summary section is brought to the front. Typed understanding decorates (anchors, kinds, live values)
/// and never filters.
struct ReportBody: Sendable {
  struct Part: Sendable {
    var html: String
    var markdown: String
  }

  /// The summary section (heading and everything under it), empty when the document has none.
  var summary: [Part]
  /// Every other block, in source order.
  var rest: [Part]

  /// Raw HTML written in the document: harmless formatting tags (`<br>` in a table cell, `<sub>`) pass,
  /// anything else is shown as text, unless the front matter says `html: true` (script URLs and event
  /// handlers are still neutralised).
  static func rawHTML(for pm: Postmortem) -> RawHTMLPolicy {
    let html = pm.document.frontMatter?.entries.last { $0.key == "html" }?.value.string?.lowercased()
    return html == "true" ? .allow : .safeTags
  }

  static func build(_ pm: Postmortem, metrics: LiveMetrics?, assetBase: String? = nil) -> ReportBody {
    let blocks = pm.document.document.blocks
    let source = pm.document.source
    let kinds = Dictionary(pm.sections.compactMap { s in s.line.map { ($0, s) } }, uniquingKeysWith: { a, _ in a })
    let rawHTML = rawHTML(for: pm)
    let rewriter = ReportRewriter(
      rawHTML: rawHTML, metrics: metrics, headings: decorations(blocks, sections: kinds), assetBase: assetBase)
    let renderer = HTMLRenderer(rawHTML: rawHTML, rewriter: rewriter)
    let spans = lineSpans(blocks, lineCount: source.lineCount)
    func part(_ i: Int) -> Part {
      let markdown = spans[i].map { span in
        span.map { source.line($0).map(String.init) ?? "" }.joined(separator: "\n")
      }
      // Nesting deeper than a reader can follow (and than a recursive renderer survives) is shown as
      // the text the author wrote, so that nothing is lost and nothing crashes.
      let html =
        nestingDepth(blocks[i]) > maximumDepth
        ? "<pre class=\"too-deep\">" + HTMLEscaping.escape(markdown ?? blocks[i].fallbackText) + "</pre>\n"
        : renderer.render([blocks[i]])
      return Part(
        html: html,
        markdown: Placeholders.substitute((markdown ?? "").trimmingTrailingBlankLines, metrics))
    }
    let skipped = titleIndex(blocks, title: pm.title)
    let summary = summaryIndices(blocks, sections: kinds)
    let rest = blocks.indices.filter { $0 != skipped && !summary.contains($0) }
    return ReportBody(summary: summary.map(part), rest: rest.map(part))
  }

  /// Lists and quotes nested deeper than this are shown as their source text.
  static let maximumDepth = 100

  /// How deeply lists and quotes nest inside a block, counted without recursion.
  static func nestingDepth(_ block: Block) -> Int {
    var deepest = 0
    var stack: [(Block, Int)] = [(block, 1)]
    while let (b, depth) = stack.popLast() {
      deepest = max(deepest, depth)
      if deepest > maximumDepth { return deepest }
      switch b.kind {
      case .blockQuote(let children), .footnoteDefinition(_, let children):
        stack += children.map { ($0, depth + 1) }
      case .list(let list):
        stack += list.items.flatMap { $0.blocks.map { ($0, depth + 1) } }
      default: break
      }
    }
    return deepest
  }

  /// For each top-level block, the source lines from its first line up to the line before the next
  /// block (so link reference definitions and blank lines between blocks travel with it).
  static func lineSpans(_ blocks: [Block], lineCount: Int) -> [ClosedRange<Int>?] {
    blocks.indices.map { i in
      guard let start = blocks[i].range?.start.line else { return nil }
      let next = blocks[(i + 1)...].lazy.compactMap { $0.range?.start.line }.first
      let end = max(start, (next.map { $0 - 1 } ?? lineCount))
      return start...max(end, blocks[i].range?.end.line ?? start)
    }
  }

  /// The first heading, when its text is the document's title (shown by the report's title block).
  static func titleIndex(_ blocks: [Block], title: String?) -> Int? {
    guard let title,
      let i = blocks.firstIndex(where: { if case .heading = $0.kind { true } else { false } }),
      case .heading(let h) = blocks[i].kind, h.inlines.plainText.trimmed == title.trimmed
    else { return nil }
    return i
  }

  /// The first summary section's heading and the blocks under it, up to the next heading of the same
  /// or a higher level.
  static func summaryIndices(_ blocks: [Block], sections: [Int: ClassifiedSection]) -> [Int] {
    guard
      let start = blocks.firstIndex(where: { block in
        guard case .heading = block.kind, let line = block.range?.start.line, let s = sections[line] else { return false }
        return s.kind == .summary && s.isRecognized
      }), case .heading(let heading) = blocks[start].kind
    else { return [] }
    var end = start + 1
    while end < blocks.count {
      if case .heading(let h) = blocks[end].kind, h.level <= heading.level { break }
      end += 1
    }
    return Array(start..<end)
  }

  /// Anchors for every heading, and the kind of each heading the model recognises.
  static func decorations(
    _ blocks: [Block], sections: [Int: ClassifiedSection]
  ) -> [Int: ReportRewriter.HeadingDecoration] {
    var out: [Int: ReportRewriter.HeadingDecoration] = [:]
    var used: Set<String> = []
    for block in blocks {
      guard case .heading(let h) = block.kind, let line = block.range?.start.line else { continue }
      let text = h.inlines.plainText.trimmed
      var id = slug(text)
      var n = 2
      while used.contains(id) {
        id = slug(text) + "-\(n)"
        n += 1
      }
      used.insert(id)
      var decoration = ReportRewriter.HeadingDecoration(id: id)
      if let s = sections[line], s.isRecognized, s.kind != .other {
        decoration.kind = s.kind.cssName
        let label = s.kind.displayName
        if !text.lowercased().contains(label.lowercased()) { decoration.badge = label }
      }
      out[line] = decoration
    }
    return out
  }

  /// `Root causes & triggers` → `root-causes-triggers`; never empty.
  static func slug(_ text: String) -> String {
    var out = ""
    for c in text.lowercased() {
      if c.isLetter || c.isNumber {
        out.append(c)
      } else if !out.isEmpty, out.last != "-" {
        out.append("-")
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "section" : "section-" + out
  }
}

extension Block {
  /// Plain text for a block without a source position (cmark-gfm gives every top-level block one).
  fileprivate var fallbackText: String {
    if case .paragraph(let inlines) = kind { return inlines.plainText }
    return ""
  }
}

extension String {
  fileprivate var trimmingTrailingBlankLines: String {
    var s = Substring(self)
    while let last = s.last, last == "\n" || last == " " || last == "\t" || last == "\r" { s.removeLast() }
    return String(s)
  }
}
