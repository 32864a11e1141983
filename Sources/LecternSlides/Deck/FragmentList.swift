import LecternCore
import LecternMarkdown

/// Marp's fragmented lists: the items of a bullet list written with `*` and of an ordered list written
/// with `1)` appear one at a time. The list is marked up as cmark-gfm would, with `data-marpit-fragment`
/// on each item (the viewer numbers them in order per slide).
struct FragmentList {
  var list: ListBlock
  /// Renders the blocks inside each item (nested lists, math, images go through the deck's rewriter).
  var renderer: HTMLRenderer

  /// Whether the list's first item was written with a fragment marker (`*`, or digits then `)`).
  static func isFragmented(_ list: ListBlock, source: SourceFile) -> Bool {
    guard let start = list.items.first?.range?.start, start.line >= 1, start.line <= source.lineStarts.count else {
      return false
    }
    let utf8 = source.text.utf8
    var i = utf8.index(utf8.startIndex, offsetBy: source.lineStarts[start.line - 1] + max(start.column - 1, 0))
    guard i < utf8.endIndex else { return false }
    switch list.kind {
    case .bullet:
      return utf8[i] == UInt8(ascii: "*")
    case .ordered:
      while i < utf8.endIndex, (0x30...0x39).contains(utf8[i]) { i = utf8.index(after: i) }
      return i < utf8.endIndex && utf8[i] == UInt8(ascii: ")")
    }
  }

  var html: String {
    let tag = list.kind == .bullet ? "ul" : "ol"
    var out = "<\(tag)"
    if list.kind == .ordered, let start = list.start, start != 1 { out += " start=\"\(start)\"" }
    out += ">\n"
    for item in list.items {
      out += "<li data-marpit-fragment=\"\">"
      if let checked = item.isChecked {
        out += "<input type=\"checkbox\" disabled=\"\"\(checked ? " checked=\"\"" : "") /> "
      }
      var first = true
      for block in item.blocks {
        if list.isTight, case .paragraph(let inlines) = block.kind {
          out += (first ? "" : "\n") + renderer.render(inlines: inlines)
        } else {
          out += (first && list.isTight ? "\n" : first ? "\n" : "") + renderer.render([block])
        }
        first = false
      }
      out += "</li>\n"
    }
    return out + "</\(tag)>\n"
  }
}
