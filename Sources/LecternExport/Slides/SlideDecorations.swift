import Foundation
import LecternCore
import LecternDeck
import LecternMarkdown

/// A slide's `header` and `footer` directives and its page number, where Marp's themes put them:
/// header top left, footer bottom left, the number bottom right.
struct SlideDecorations {
  var style: SlideStyle
  var width: Double
  var height: Double
  var inlineRuns: InlineRuns

  var size: Double { max(14, style.fontSize * 0.6) }

  func draw(_ slide: Slide, page: (number: Int, total: Int)?, into tree: inout ShapeTree) {
    let p = style.padding
    let band = size * 1.6
    if let header = slide.directives["header"], !header.isEmpty {
      let frame = Frame(x: p.left, y: max(p.top * 0.3, 4), width: width - p.left - p.right, height: band)
      text(header, frame: frame, alignment: .left, name: "Header", into: &tree)
    }
    if let footer = slide.directives["footer"], !footer.isEmpty {
      let frame = Frame(x: p.left, y: height - max(p.bottom * 0.3, 4) - band, width: width * 0.6, height: band)
      text(footer, frame: frame, alignment: .left, name: "Footer", into: &tree)
    }
    if let page {
      let frame = Frame(x: width - p.right - 160, y: height - max(p.bottom * 0.3, 4) - band, width: 160, height: band)
      // PowerPoint's own number field where it agrees with Marp's count, the number as text where it does not.
      let field = page.number == slide.number
      let run =
        field
        ? "<a:fld id=\"{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}\" type=\"slidenum\">\(runProperties)<a:t>\(page.number)</a:t></a:fld>"
        : "<a:r>\(runProperties)<a:t>\(page.number)</a:t></a:r>"
      let body =
        "<p:txBody><a:bodyPr wrap=\"none\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"b\"/><a:lstStyle/>"
        + "<a:p><a:pPr algn=\"r\"><a:buNone/></a:pPr>\(run)</a:p></p:txBody>"
      tree.textBox(body, frame: frame, name: "Slide Number")
    }
  }

  private var runProperties: String {
    XMLText.element("a:rPr", [("lang", "en-US"), ("sz", String(EMU.fontSize(px: size)))], mutedColor.solidFill)
  }

  private var mutedColor: Color { style.text.mixed(with: style.background, 0.35) }

  /// Header and footer values are inline Markdown (`**Platform** Guild`).
  private func text(
    _ markdown: String, frame: Frame, alignment: TextParagraph.Alignment, name: String, into tree: inout ShapeTree
  ) {
    let document = MarkdownDocument(parsing: SourceFile(path: "", text: markdown))
    var runs: [TextRun] = []
    for block in document.blocks {
      if case .paragraph(let inlines) = block.kind { runs += inlineRuns.runs(inlines) }
    }
    if runs.isEmpty { runs = [TextRun(text: markdown)] }
    var paragraph = TextParagraph(runs: runs)
    paragraph.alignment = alignment
    paragraph.sizeOverride = size
    var muted = style
    muted.text = mutedColor
    var links: [String] = []
    var body = TextBody(
      style: muted,
      link: {
        links.append($0); return "LINK\(links.count - 1)"
      }
    ).xml(
      [paragraph], anchor: name == "Header" ? "t" : "b")
    for (index, target) in links.enumerated() {
      body = body.replacingOccurrences(of: "\"LINK\(index)\"", with: "\"\(tree.hyperlink(target))\"")
    }
    tree.textBox(body, frame: frame, name: name)
  }
}
