/// Writes paragraphs as a DrawingML text body (`p:txBody` / `a:txBody`): runs with bold, italic,
/// strikethrough, monospace code and hyperlinks; list levels with bullets or numbering.
struct TextBody {
  var style: SlideStyle
  /// Registers an external hyperlink for the part being written and returns its relationship id.
  var link: (String) -> String
  /// Multiplies every font size (a box made to fit).
  var scale: Double = 1

  /// `p:txBody` for a shape, or `a:txBody` for a table cell (`tag`).
  func xml(
    _ paragraphs: [TextParagraph], tag: String = "p:txBody", insets: Double = 0, anchor: String = "t"
  ) -> String {
    let inset = EMU.px(insets).description
    let bodyPr = XMLText.element(
      "a:bodyPr",
      [("wrap", "square"), ("lIns", inset), ("tIns", inset), ("rIns", inset), ("bIns", inset), ("anchor", anchor)],
      tag == "p:txBody" ? "<a:normAutofit/>" : "")
    let body = paragraphs.isEmpty ? "<a:p/>" : paragraphs.enumerated().map { paragraphXML($1, first: $0 == 0) }.joined()
    return XMLText.element(tag, [], bodyPr + "<a:lstStyle/>" + body)
  }

  /// The size of a paragraph's text in CSS pixels.
  func fontSize(_ paragraph: TextParagraph) -> Double {
    let base = style.fontSize * scale
    if let size = paragraph.sizeOverride { return size * scale }
    switch paragraph.role {
    case .heading(let level): return base * style.headingScale[min(max(level, 1), 6) - 1]
    case .code: return base * style.codeScale
    case .footnote: return base * 0.7
    case .body, .quote: return base
    }
  }

  private func paragraphXML(_ paragraph: TextParagraph, first: Bool) -> String {
    let size = fontSize(paragraph)
    var attributes: [(String, String)] = []
    let indent = style.fontSize * 1.2
    if paragraph.level > 0 || paragraph.role == .quote {
      let margin = Double(paragraph.level) * indent + (paragraph.role == .quote ? indent * 0.7 : 0)
      attributes.append(("marL", EMU.px(margin).description))
      if paragraph.bullet != .none { attributes.append(("indent", EMU.px(-indent).description)) }
    }
    if paragraph.alignment != .left { attributes.append(("algn", paragraph.alignment == .center ? "ctr" : "r")) }
    var properties = ""
    if !first {
      let before = paragraph.role.isHeading ? size * 0.35 : size * 0.3
      properties += "<a:spcBef><a:spcPts val=\"\(Int(before * 75))\"/></a:spcBef>"
    }
    switch paragraph.bullet {
    case .none: properties += "<a:buNone/>"
    case .character(let c):
      properties += style.accent.srgb.wrapped("a:buClr") + "<a:buFont typeface=\"Arial\"/>"
      properties += XMLText.element("a:buChar", [("char", c)])
    case .number(let start):
      properties += style.accent.srgb.wrapped("a:buClr")
      properties += XMLText.element("a:buAutoNum", [("type", "arabicPeriod")] + (start == 1 ? [] : [("startAt", String(start))]))
    }
    let runs = paragraph.runs.map { runXML($0, paragraph: paragraph, size: size) }.joined()
    let end = XMLText.element("a:endParaRPr", [("lang", "en-US"), ("sz", String(EMU.fontSize(px: size)))])
    return XMLText.element("a:p", [], XMLText.element("a:pPr", attributes, properties) + runs + end)
  }

  private func runXML(_ run: TextRun, paragraph: TextParagraph, size: Double) -> String {
    var attributes: [(String, String)] = [("lang", "en-US"), ("sz", String(EMU.fontSize(px: size)))]
    let heading = paragraph.role.isHeading
    if run.bold || heading { attributes.append(("b", "1")) }
    if run.italic || paragraph.role == .quote { attributes.append(("i", "1")) }
    if run.strike { attributes.append(("strike", "sngStrike")) }
    if run.link != nil { attributes.append(("u", "sng")) }
    attributes.append(("dirty", "0"))
    var color = style.text
    if case .heading(let level) = paragraph.role, let c = style.headingColors[level] { color = c }
    if run.link != nil { color = style.accent }
    if let own = run.color { color = own }
    var children = color.solidFill
    let mono = run.code || paragraph.role == .code
    if mono {
      children += XMLText.element("a:latin", [("typeface", style.monoFont)])
    } else if heading, let font = style.headingFont {
      children += XMLText.element("a:latin", [("typeface", font)])
    }
    if let target = run.link { children += XMLText.element("a:hlinkClick", [("r:id", link(target))]) }
    let properties = XMLText.element("a:rPr", attributes, children)
    if run.isBreak { return XMLText.element("a:br", [], properties) }
    return "<a:r>" + properties + "<a:t>" + XMLText.escape(run.text) + "</a:t></a:r>"
  }

  /// An estimate of the height `paragraphs` take in a box `width` pixels wide (for stacking shapes).
  func height(_ paragraphs: [TextParagraph], width: Double) -> Double {
    var total = 0.0
    for (index, paragraph) in paragraphs.enumerated() {
      let size = fontSize(paragraph)
      let mono = paragraph.role == .code
      let available = max(width - Double(paragraph.level) * style.fontSize * 1.2, size)
      let perLine = max(1, Int(available / (size * (mono ? 0.6 : 0.52))))
      let lines = paragraph.plainText.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) {
        $0 + max(1, ($1.count + perLine - 1) / perLine)
      }
      total += Double(lines) * size * (paragraph.role.isHeading ? 1.2 : 1.3)
      if index > 0 { total += size * 0.35 }
    }
    return total
  }
}

extension TextParagraph.Role {
  var isHeading: Bool { if case .heading = self { true } else { false } }
}

extension String {
  /// This XML inside `<tag>…</tag>`.
  func wrapped(_ tag: String) -> String { "<\(tag)>\(self)</\(tag)>" }
}
