import Foundation

/// `ppt/presentation.xml`: the slide size, the slide list, the masters; and the small parts beside it
/// (presentation and view properties, table styles) and the document properties (title, author).
struct PresentationPart {
  var width: Double
  var height: Double
  var slideCount: Int

  /// Relationship ids in `ppt/_rels/presentation.xml.rels`: master rId1, notes master rId2, slides from rId3.
  var xml: String {
    let slides = (0..<slideCount).map { XMLText.element("p:sldId", [("id", String(256 + $0)), ("r:id", "rId\($0 + 3)")]) }
    return XMLText.declaration
      + XMLText.element(
        "p:presentation", PresentationNamespaces.attributes + [("saveSubsetFonts", "1")],
        "<p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>"
          + "<p:notesMasterIdLst><p:notesMasterId r:id=\"rId2\"/></p:notesMasterIdLst>"
          + (slides.isEmpty ? "" : slides.joined().wrapped("p:sldIdLst"))
          + XMLText.element("p:sldSz", [("cx", EMU.px(width).description), ("cy", EMU.px(height).description)])
          + XMLText.element("p:notesSz", [("cx", String(NotesMaster.width)), ("cy", String(NotesMaster.height))]))
  }

  var relationships: Relationships {
    var rels = Relationships()
    _ = rels.add(.slideMaster, target: "slideMasters/slideMaster1.xml")
    _ = rels.add(.notesMaster, target: "notesMasters/notesMaster1.xml")
    for n in 1...max(slideCount, 1) where n <= slideCount { _ = rels.add(.slide, target: "slides/slide\(n).xml") }
    _ = rels.add(.presProps, target: "presProps.xml")
    _ = rels.add(.viewProps, target: "viewProps.xml")
    _ = rels.add(.theme, target: "theme/theme1.xml")
    _ = rels.add(.tableStyles, target: "tableStyles.xml")
    return rels
  }

  static let presProps =
    XMLText.declaration + XMLText.element("p:presentationPr", PresentationNamespaces.attributes)
  static let viewProps =
    XMLText.declaration
    + XMLText.element(
      "p:viewPr", PresentationNamespaces.attributes,
      "<p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"94660\"/></p:normalViewPr>")
  static let tableStyles =
    XMLText.declaration
    + XMLText.element(
      "a:tblStyleLst",
      [("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main"), ("def", "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}")])

  /// `docProps/core.xml`: title, subject (the deck's description), creator and keywords.
  static func core(title: String, description: String?, author: String?, keywords: String?) -> String {
    var fields = XMLText.element("dc:title", [], XMLText.escape(title))
    if let description { fields += XMLText.element("dc:subject", [], XMLText.escape(description)) }
    if let author { fields += XMLText.element("dc:creator", [], XMLText.escape(author)) }
    if let keywords { fields += XMLText.element("cp:keywords", [], XMLText.escape(keywords)) }
    return XMLText.declaration
      + XMLText.element(
        "cp:coreProperties",
        [
          ("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
          ("xmlns:dc", "http://purl.org/dc/elements/1.1/"), ("xmlns:dcterms", "http://purl.org/dc/terms/"),
          ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ], fields)
  }

  static func app(slideCount: Int) -> String {
    XMLText.declaration
      + XMLText.element(
        "Properties", [("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")],
        "<Application>Lectern</Application><Slides>\(slideCount)</Slides>")
  }
}
