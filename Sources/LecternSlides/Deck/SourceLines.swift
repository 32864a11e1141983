import LecternMarkdown

/// Top-level blocks of a slide rendered with the source line they start on, as a `data-line` attribute on
/// their first element, so a measurement in the page (layout lint) can say where an overflowing block was
/// written.
///
/// Each block is rendered on its own, which gives the same HTML as rendering them together, except for
/// footnotes (a reference and its definition must be rendered together): a slide with footnote definitions
/// is rendered in one piece, without line attributes. Raw HTML blocks are left as written.
enum SourceLines {
  static func render(_ blocks: [Block], with renderer: HTMLRenderer) -> String {
    if blocks.contains(where: { if case .footnoteDefinition = $0.kind { true } else { false } }) {
      return renderer.render(blocks)
    }
    var html = ""
    for block in blocks {
      let part = renderer.render([block])
      if case .htmlBlock = block.kind {
        html += part
      } else if let line = block.range?.start.line {
        html += tagged(part, line: line)
      } else {
        html += part
      }
    }
    return html
  }

  /// `html` with ` data-line="N"` added to its first start tag, when it starts with one.
  static func tagged(_ html: String, line: Int) -> String {
    let bytes = html.utf8
    guard bytes.count > 2, bytes.first == UInt8(ascii: "<") else { return html }
    let second = bytes[bytes.index(after: bytes.startIndex)]
    guard (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(second) else { return html }
    guard let end = bytes.firstIndex(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "/") })
    else { return html }
    let index = String.Index(end, within: html)!
    return String(html[..<index]) + " data-line=\"\(line)\"" + String(html[index...])
  }
}
