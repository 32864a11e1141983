import Foundation
import LecternDeck
import LecternMarkdown

/// One slide as a PresentationML part (`ppt/slides/slideN.xml`): its background colour, `![bg]` images as
/// Marp places them, its content stacked in the content box, header, footer and page number.
struct SlidePart {
  var slide: Slide
  var style: SlideStyle
  var width: Double
  var height: Double
  var inlineRuns: InlineRuns
  /// Marp's page number for this slide and the deck's page count, when the slide shows one.
  var page: (number: Int, total: Int)?
  /// Mark current tiers and add a "Now" column in DORA benchmark tables (when there are live numbers).
  var annotate = true
  /// Highlighted code blocks (see ``PowerPointOptions/codeTokens``).
  var codeTokens: [String: [CodeToken]] = [:]
  /// Images named on the slide that are not in the package: drawn as a dashed box naming the file.
  var missing: (String) -> Void = { _ in }

  /// The slide's XML and its relationships (layout, images, hyperlinks; the notes slide is added by the caller).
  func xml(media: MediaCatalog, notesTarget: String?) -> (xml: String, relationships: Relationships) {
    var tree = ShapeTree(media: media)
    _ = tree.relationships.add(.slideLayout, target: "../slideLayouts/slideLayout1.xml")
    let layout = BackgroundLayout(slide.backgrounds, width: width, height: height)
    drawBackgrounds(layout, into: &tree)
    drawContent(in: layout.content, into: &tree)
    SlideDecorations(style: style, width: width, height: height, inlineRuns: inlineRuns).draw(slide, page: page, into: &tree)
    if let notesTarget { _ = tree.relationships.add(.notesSlide, target: notesTarget) }
    let background = "<p:bg><p:bgPr>\(style.background.solidFill)<a:effectLst/></p:bgPr></p:bg>"
    let xml =
      XMLText.declaration
      + XMLText.element(
        "p:sld", PresentationNamespaces.attributes,
        XMLText.element("p:cSld", [], background + tree.xml)
          + "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>")
    return (xml, tree.relationships)
  }

  private func drawBackgrounds(_ layout: BackgroundLayout, into tree: inout ShapeTree) {
    for placement in layout.placements {
      let url = placement.background.url
      if let image = tree.media.entry(for: url)?.image {
        let (frame, crop) = BackgroundLayout.fit(placement.background, image: image, in: placement.cell)
        _ = tree.picture(url, frame: frame, crop: crop, alt: placement.background.alt)
      } else {
        missingImage(url, frame: placement.cell, into: &tree)
      }
    }
  }

  private func drawContent(in area: Frame, into tree: inout ShapeTree) {
    let p = style.padding
    let box = Frame(
      x: area.x + p.left, y: area.y + p.top, width: area.width - p.left - p.right, height: area.height - p.top - p.bottom)
    var content = SlideContent(blocks: slide.blocks, inlineRuns: inlineRuns).segments
    let lead = slide.classes.contains { $0.hasPrefix("lead") }
    content = content.map { segment in
      guard case .text(let paragraphs) = segment else { return segment }
      return .text(
        paragraphs.map { paragraph in
          var paragraph = paragraph
          if lead { paragraph.alignment = .center }
          if paragraph.fit {
            let characters = Double(max(paragraph.plainText.count, 1))
            paragraph.sizeOverride = min(box.width / (characters * 0.5), box.height * 0.45)
          }
          return paragraph
        })
    }
    var flow = FlowLayout(box: box, style: style, media: tree.media)
    let frames = flow.frames(content)
    var titled = false
    for (segment, frame) in zip(content, frames) {
      draw(segment, frame: frame, flow: flow, titled: &titled, into: &tree)
    }
  }

  private func draw(
    _ segment: SlideContent.Segment, frame: Frame, flow: FlowLayout, titled: inout Bool, into tree: inout ShapeTree
  ) {
    var links: [String] = []
    let collector = flow.textBody(link: {
      links.append($0); return "LINK\(links.count - 1)"
    })
    switch segment {
    case .text(var paragraphs):
      // The first heading of a slide is its title placeholder (PowerPoint's outline and slide titles).
      if !titled, case .heading = paragraphs.first?.role {
        titled = true
        let title = paragraphs.removeFirst()
        let titleHeight = collector.height([title], width: frame.width) + 4
        var body = collector.xml([title])
        body = relink(body, links, &tree)
        tree.textBox(
          body, frame: Frame(x: frame.x, y: frame.y, width: frame.width, height: titleHeight), name: "Title", placeholder: "title"
        )
        guard !paragraphs.isEmpty else { return }
        links = []
        let rest = Frame(x: frame.x, y: frame.y + titleHeight, width: frame.width, height: max(frame.height - titleHeight, 1))
        tree.textBox(relink(collector.xml(paragraphs), links, &tree), frame: rest, name: "Text")
        return
      }
      tree.textBox(relink(collector.xml(paragraphs), links, &tree), frame: frame, name: "Text")
    case .code(let code):
      let paragraphs = CodeLines.paragraphs(code, tokens: codeTokens, style: style)
      let body = collector.xml(paragraphs, insets: flow.codePadding)
      tree.textBox(body, frame: frame, name: "Code", fill: style.codeBackground)
    case .table(let table):
      let annotation = annotate ? inlineRuns.metrics.flatMap { BenchmarkCells(table, metrics: $0) } : nil
      let xml = TableFrame(table: table, width: frame.width, body: collector, annotation: annotation).xml(
        frame: frame, runs: inlineRuns, tree: &tree)
      tree.append(relink(xml, links, &tree))
    case .pictures(let images):
      drawPictures(images, sizes: flow.pictureSizes(images), frame: frame, into: &tree)
    }
  }

  /// Replaces the link placeholders a text body was written with by the slide's hyperlink relationship ids.
  private func relink(_ xml: String, _ links: [String], _ tree: inout ShapeTree) -> String {
    var out = xml
    for (index, target) in links.enumerated().reversed() {
      out = out.replacingOccurrences(of: "\"LINK\(index)\"", with: "\"\(tree.hyperlink(target))\"")
    }
    return out
  }

  private func drawPictures(
    _ images: [SlideImage], sizes: [(width: Double, height: Double)], frame: Frame, into tree: inout ShapeTree
  ) {
    let total = sizes.map(\.width).reduce(0, +)
    let lead = slide.classes.contains { $0.hasPrefix("lead") }
    var x = lead ? frame.x + max(0, (frame.width - total) / 2) : frame.x
    for (image, size) in zip(images, sizes) {
      let box = Frame(x: x, y: frame.y + (frame.height - size.height) / 2, width: size.width, height: size.height)
      if !tree.picture(image.url, frame: box, crop: (0, 0, 0, 0), alt: image.alt) {
        missingImage(image.url, frame: box, into: &tree)
      }
      x += size.width
    }
  }

  private func missingImage(_ url: String, frame: Frame, into tree: inout ShapeTree) {
    missing(url)
    var paragraph = TextParagraph(runs: [TextRun(text: "image: \(url)", italic: true)])
    paragraph.alignment = .center
    paragraph.sizeOverride = 16
    let body = TextBody(style: style, link: { _ in "" }).xml([paragraph], insets: 8, anchor: "ctr")
    tree.textBox(body, frame: frame, name: "Missing image", outline: style.text.mixed(with: style.background, 0.5))
  }
}
