import LecternCore

/// Renders Markdown blocks (any subtree: a slide, a section, one table) as HTML with cmark-gfm.
///
/// Raw HTML is escaped unless `allowRawHTML` is set; `javascript:`, `vbscript:`, `file:` and
/// non-image `data:` URLs are removed either way.
public struct HTMLRenderer: Sendable {
  public var allowRawHTML: Bool

  public init(allowRawHTML: Bool = false) {
    self.allowRawHTML = allowRawHTML
  }

  public func render(_ blocks: [Block]) -> String {
    CMarkRenderer.html(blocks, allowRawHTML: allowRawHTML)
  }

  /// Renders inline content, without a wrapping paragraph.
  public func render(inlines: [Inline]) -> String {
    var html = render([Block(.paragraph(inlines), range: nil)])
    if html.hasPrefix("<p>") { html.removeFirst(3) }
    if html.hasSuffix("</p>\n") { html.removeLast(5) }
    return html
  }
}
