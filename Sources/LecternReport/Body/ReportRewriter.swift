import LecternDeck
import LecternLive
import LecternMarkdown

/// How the document's own blocks are decorated in the HTML report: recognised section headings get an
/// anchor and their kind, `{{dora.…}}` placeholders become live values, DORA benchmark tables get a
/// "Now" column, and HTML comments (invisible in any Markdown rendering) are left out. Everything else
/// renders exactly as cmark-gfm renders it.
struct ReportRewriter: HTMLRewriting {
  struct HeadingDecoration: Sendable {
    var id: String
    /// The recognised kind's CSS name and label; `nil` for a heading the model does not know.
    var kind: String?
    var badge: String?
  }

  var rawHTML: RawHTMLPolicy
  var metrics: LiveMetrics?
  /// Heading start line → its anchor and kind.
  var headings: [Int: HeadingDecoration]
  /// Prefix for relative addresses when the report is not beside the document.
  var assetBase: String? = nil

  private var renderer: HTMLRenderer { HTMLRenderer(rawHTML: rawHTML, rewriter: self) }

  func rewrite(_ block: Block) -> HTMLRewrite<Block>? {
    switch block.kind {
    case .htmlBlock(let html):
      return MarpMarkup.isComment(html) ? .drop : nil
    case .heading(let heading):
      guard let line = block.range?.start.line, let decoration = headings[line] else { return nil }
      return .html(headingHTML(heading, decoration))
    case .table(let table):
      guard let metrics, let html = BenchmarkAnnotation.html(table, metrics: metrics, renderer: renderer) else { return nil }
      return .html(html)
    default:
      return nil
    }
  }

  func rewrite(_ inline: Inline) -> HTMLRewrite<Inline>? {
    switch inline.kind {
    case .html(let html):
      return MarpMarkup.isComment(html) ? .drop : nil
    case .image(let source, let title, let children):
      guard let moved = moved(source) else { return nil }
      return .replace([Inline(.image(source: moved, title: title, children: children), range: inline.range)])
    case .link(let destination, let title, let children):
      guard let moved = moved(destination) else { return nil }
      return .replace([Inline(.link(destination: moved, title: title, children: children), range: inline.range)])
    case .footnoteReference(let label):
      // As raw HTML rather than the renderer's custom node, which table cells drop.
      let l = HTMLEscaping.escape(label)
      return .html("<sup class=\"footnote-ref\"><a href=\"#fn-\(l)\">\(l)</a></sup>")
    case .text(let text):
      guard Placeholders.mayContain(text) else { return nil }
      return .html(
        Placeholders.segments(text).map { segment in
          switch segment {
          case .text(let s): HTMLEscaping.escape(s)
          case .placeholder(let name): Placeholders.html(name, metrics)
          }
        }.joined())
    default:
      return nil
    }
  }

  /// A relative address seen from the report's folder; `nil` when it needs no change (absolute, a
  /// scheme, an anchor, or no base).
  func moved(_ url: String) -> String? {
    guard let assetBase, !url.isEmpty, !url.hasPrefix("/"), !url.hasPrefix("#"), !url.contains(":") else { return nil }
    return assetBase + (url.hasPrefix("./") ? String(url.dropFirst(2)) : url)
  }

  private func headingHTML(_ heading: Heading, _ decoration: HeadingDecoration) -> String {
    let tag = "h\(heading.level)"
    var attributes = " id=\"\(HTMLEscaping.escape(decoration.id))\""
    if let kind = decoration.kind { attributes += " class=\"pm-heading kind-\(kind)\" data-kind=\"\(kind)\"" }
    var inner = renderer.render(inlines: heading.inlines)
    if let badge = decoration.badge { inner += " <span class=\"kind-badge\">\(HTMLEscaping.escape(badge))</span>" }
    return "<\(tag)\(attributes)>\(inner)</\(tag)>\n"
  }
}
