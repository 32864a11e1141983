import LecternCore
import LecternDeck
import LecternLive
import LecternMarkdown

/// Marp's markup inside a slide's Markdown: comments and `<style>` elements vanish, background
/// images leave the flow (they are drawn by the background layer), inline images get their size and
/// filters, `<!--fit-->` headings are marked for fitting, `$…$`/`$$…$$` become MathML.
struct DeckRewriter: HTMLRewriting {
  var rawHTML: RawHTMLPolicy
  /// Image URL as written → URL in the page (relative to the output, or a data: URI).
  var urls: [String: String]
  var math: Bool
  /// Live numbers for `{{dora.…}}` placeholders and benchmark tables; `nil`: placeholders say "no data".
  var metrics: LiveMetrics? = nil
  /// Annotate DORA benchmark tables with the current tier and a "Now" column.
  var annotate: Bool = false
  /// The deck's text, to see which marker a list was written with (`*` and `1)` lists are fragments).
  var source: SourceFile? = nil
  /// Set while rendering a paragraph whose math was already read back from the source.
  var rawMathRead = false

  private var renderer: HTMLRenderer { HTMLRenderer(rawHTML: rawHTML, rewriter: self) }

  func rewrite(_ block: Block) -> HTMLRewrite<Block>? {
    switch block.kind {
    case .htmlBlock(let html):
      if MarpMarkup.isComment(html) || MarpMarkup.isStyleElement(html) { return .drop }
      return nil
    case .heading(let heading):
      guard heading.inlines.contains(where: { if case .html(let s) = $0.kind { MarpMarkup.isFitMarker(s) } else { false } })
      else { return nil }
      let inner = renderer.render(inlines: trimmed(heading.inlines))
      let tag = "h\(heading.level)"
      return .html("<\(tag) data-lectern-fit=\"\"><span data-lectern-fit-content=\"\">\(inner)</span></\(tag)>\n")
    case .list(let list):
      guard let source, FragmentList.isFragmented(list, source: source) else { return nil }
      return .html(FragmentList(list: list, renderer: renderer).html)
    case .table(let table):
      guard annotate, let metrics, let html = BenchmarkAnnotation.html(table, metrics: metrics, renderer: renderer) else {
        return nil
      }
      return .html(html)
    case .paragraph(let inlines):
      if inlines.allSatisfy(isInvisible) { return .drop }
      if math, case .text(let first)? = inlines.first?.kind, first.utf8.starts(with: [0x24, 0x24]),
        let cooked = displayMath(inlines)
      {
        let tex = source.flatMap { RawMath(source: $0).displayTeX(block.range, cooked: cooked) } ?? cooked
        return .html(
          "<div class=\"lectern-math-display lectern-tex\" data-display=\"true\" data-tex=\"\(HTMLEscaping.escape(tex))\">"
            + TeXMath.mathML(tex, display: true) + "</div>\n")
      }
      // Inline math keeps the TeX as written (cmark's backslash escapes undone inside `$…$`).
      if math, !rawMathRead, let source, let repaired = RawMath(source: source).repairing(inlines, range: block.range) {
        var inner = self
        inner.rawMathRead = true
        return .html(HTMLRenderer(rawHTML: rawHTML, rewriter: inner).render([Block(.paragraph(repaired), range: block.range)]))
      }
      return nil
    default:
      return nil
    }
  }

  /// Whether text holds `{`, `:` or `$` (a placeholder, a shortcode or math may start there): a loop over the
  /// stored bytes, which the compiler vectorizes, instead of a walk of the UTF-8 view.
  static func mayRewrite(_ text: String) -> Bool {
    func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      var found = false
      for b in bytes { found = found || b == 0x7B || b == 0x3A || b == 0x24 }
      return found
    }
    return text.utf8.withContiguousStorageIfAvailable(scan) ?? Array(text.utf8).withUnsafeBufferPointer(scan)
  }

  func rewrite(_ inline: Inline) -> HTMLRewrite<Inline>? {
    switch inline.kind {
    case .html(let html):
      return MarpMarkup.isComment(html) ? .drop : nil
    case .image(let source, let title, let children):
      switch MarpMarkup.Image(alt: children.plainText, url: source) {
      case .background:
        return .drop
      case .image(let image):
        return .html(imageTag(image, source: source, title: title))
      }
    case .text(let text):
      // Placeholders need `{{`, shortcodes `:`, math and escaped dollars `$`: most text has none of them.
      guard Self.mayRewrite(text) else { return nil }
      let hasPlaceholder = Placeholders.mayContain(text)
      let hasShortcode = EmojiShortcodes.mayContain(text) && !EmojiShortcodes.table.isEmpty
      let spans = math ? TeXMath.inlineSpans(in: text) : nil
      // Inside a paragraph whose math was read back from the source, `\$` marks a dollar that is text.
      let escapedDollar = rawMathRead && spans == nil && text.contains("\\$")
      guard hasPlaceholder || hasShortcode || spans != nil || escapedDollar else { return nil }
      func plain(_ t: String) -> String {
        guard hasPlaceholder else { return HTMLEscaping.escape(EmojiShortcodes.replacing(in: t)) }
        return Placeholders.segments(t).map { segment in
          switch segment {
          case .text(let s): HTMLEscaping.escape(EmojiShortcodes.replacing(in: s))
          case .placeholder(let name): Placeholders.html(name, metrics)
          }
        }.joined()
      }
      guard let spans else { return .html(plain(escapedDollar ? text.replacingOccurrences(of: "\\$", with: "$") : text)) }
      return .html(spans.map { $0.isMath ? Self.inlineMath($0.text, display: $0.display) : plain($0.text) }.joined())
    default:
      return nil
    }
  }

  /// Math inside a line: Lectern's MathML, with the TeX kept for KaTeX to typeset in the page; `$$…$$` within a
  /// line is a display formula (a block of its own, centred).
  static func inlineMath(_ tex: String, display: Bool = false) -> String {
    let kind = display ? "lectern-tex lectern-math-display" : "lectern-tex"
    return "<span class=\"\(kind)\" data-display=\"\(display)\" data-tex=\"\(HTMLEscaping.escape(tex))\">"
      + TeXMath.mathML(tex, display: display) + "</span>"
  }

  /// The URL an image or background gets in the page; unsafe schemes become empty.
  func pageURL(_ source: String) -> String {
    guard URLSafety.isSafe(source, isImage: true) else { return "" }
    return urls[source] ?? source
  }

  private func imageTag(_ image: SlideImage, source: String, title: String) -> String {
    var style = ""
    if let w = image.width { style += "width:\(w);" }
    if let h = image.height { style += "height:\(h);" }
    if !image.filters.isEmpty {
      style +=
        "filter:"
        + image.filters.map { "\($0.name)(\($0.value.replacingOccurrences(of: ",", with: " ")))" }.joined(separator: " ") + ";"
    }
    var tag = "<img src=\"\(HTMLEscaping.escape(pageURL(source)))\" alt=\"\(HTMLEscaping.escape(image.alt))\""
    if !title.isEmpty { tag += " title=\"\(HTMLEscaping.escape(title))\"" }
    if !style.isEmpty { tag += " style=\"\(HTMLEscaping.escape(style))\"" }
    return tag + " />"
  }

  /// Nodes that render to nothing in a slide: comments, background images and the breaks between them.
  private func isInvisible(_ inline: Inline) -> Bool {
    switch inline.kind {
    case .softBreak, .lineBreak: return true
    case .text(let s): return s.allSatisfy { $0 == " " || $0 == "\t" }
    case .html(let s): return MarpMarkup.isComment(s)
    case .image(let source, _, let children):
      if case .background = MarpMarkup.Image(alt: children.plainText, url: source) { return true }
      return false
    default: return false
    }
  }

  /// A heading's inlines without the spaces the fit marker leaves at either end.
  private func trimmed(_ inlines: [Inline]) -> [Inline] {
    var list = inlines.filter { if case .html(let s) = $0.kind { !MarpMarkup.isComment(s) } else { true } }
    if case .text(let s)? = list.first?.kind {
      let t = String(s.drop(while: { $0 == " " }))
      if t.isEmpty { list.removeFirst() } else { list[0].kind = .text(t) }
    }
    if case .text(let s)? = list.last?.kind {
      let t = s.lastIndex(where: { $0 != " " }).map { String(s[...$0]) } ?? ""
      if t.isEmpty { list.removeLast() } else { list[list.count - 1].kind = .text(t) }
    }
    return list
  }

  /// `$$ … $$` filling a whole paragraph.
  private func displayMath(_ inlines: [Inline]) -> String? {
    var text = ""
    for inline in inlines {
      switch inline.kind {
      case .text(let s): text += s
      case .softBreak, .lineBreak: text += "\n"
      case .emphasis(let c), .strong(let c): text += "*" + c.plainText + "*"  // `*` read as emphasis in TeX
      case .code(let s): text += s
      default: return nil
      }
    }
    let t = text.trimmed
    guard t.count > 4, t.hasPrefix("$$"), t.hasSuffix("$$") else { return nil }
    return String(t.dropFirst(2).dropLast(2))
  }
}

extension Array where Element == Block {
  /// The same blocks with adjacent text nodes joined (cmark splits text at `$`, `_`, `[`…), so that
  /// inline math spans arrive whole.
  func mergingAdjacentText() -> [Block] {
    map { $0.mergingAdjacentText() }
  }
}

extension Block {
  func mergingAdjacentText() -> Block {
    var copy = self
    switch kind {
    case .heading(var h):
      h.inlines = h.inlines.mergingAdjacentText()
      copy.kind = .heading(h)
    case .paragraph(let inlines):
      copy.kind = .paragraph(inlines.mergingAdjacentText())
    case .blockQuote(let blocks):
      copy.kind = .blockQuote(blocks.mergingAdjacentText())
    case .list(var list):
      list.items = list.items.map { item in
        var item = item
        item.blocks = item.blocks.mergingAdjacentText()
        return item
      }
      copy.kind = .list(list)
    case .table(var table):
      table.header.cells = table.header.cells.map { cell in
        var cell = cell
        cell.inlines = cell.inlines.mergingAdjacentText()
        return cell
      }
      table.rows = table.rows.map { row in
        var row = row
        row.cells = row.cells.map { cell in
          var cell = cell
          cell.inlines = cell.inlines.mergingAdjacentText()
          return cell
        }
        return row
      }
      copy.kind = .table(table)
    case .footnoteDefinition(let label, let blocks):
      copy.kind = .footnoteDefinition(label: label, blocks: blocks.mergingAdjacentText())
    case .codeBlock, .htmlBlock, .thematicBreak:
      break
    }
    return copy
  }
}

extension Array where Element == Inline {
  func mergingAdjacentText() -> [Inline] {
    // Most inlines have nothing to merge: they are returned as they are, without a rebuild.
    guard hasAdjacentText else { return self }
    var out: [Inline] = []
    out.reserveCapacity(count)
    for inline in self {
      var inline = inline
      switch inline.kind {
      case .text(let s):
        if case .text(let previous)? = out.last?.kind {
          out[out.count - 1].kind = .text(previous + s)
          continue
        }
      case .emphasis(let c): inline.kind = .emphasis(c.mergingAdjacentText())
      case .strong(let c): inline.kind = .strong(c.mergingAdjacentText())
      case .strikethrough(let c): inline.kind = .strikethrough(c.mergingAdjacentText())
      case .link(let d, let t, let c): inline.kind = .link(destination: d, title: t, children: c.mergingAdjacentText())
      default: break
      }
      out.append(inline)
    }
    return out
  }

  /// Whether two text inlines sit side by side here or inside any emphasis, strikethrough or link.
  var hasAdjacentText: Bool {
    var previousIsText = false
    for inline in self {
      switch inline.kind {
      case .text:
        if previousIsText { return true }
        previousIsText = true
        continue
      case .emphasis(let children), .strong(let children), .strikethrough(let children):
        if children.hasAdjacentText { return true }
      case .link(_, _, let children):
        if children.hasAdjacentText { return true }
      default:
        break
      }
      previousIsText = false
    }
    return false
  }
}
