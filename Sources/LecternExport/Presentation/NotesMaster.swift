/// The notes master (`ppt/notesMasters/notesMaster1.xml`): a portrait page with the slide's picture on top
/// and the notes below, which every notes slide inherits.
enum NotesMaster {
  /// The notes page: 7.5 × 10 inches.
  static let width = 6_858_000
  static let height = 9_144_000

  static func xml(slideWidth: Double, slideHeight: Double) -> String {
    let imageWidth = Double(width) * 0.8 / Double(EMU.perPixel)
    let imageHeight = imageWidth * slideHeight / slideWidth
    let left = Double(width) * 0.1 / Double(EMU.perPixel)
    let top = Double(height) * 0.06 / Double(EMU.perPixel)
    let image = Frame(x: left, y: top, width: imageWidth, height: imageHeight)
    let notesTop = top + imageHeight + 30
    let notes = Frame(
      x: left, y: notesTop, width: imageWidth, height: Double(height) / Double(EMU.perPixel) - notesTop - top)
    let shapes =
      "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" "
      + "noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\" idx=\"2\"/></p:nvPr></p:nvSpPr>"
      + "<p:spPr>\(image.xfrm())<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr></p:sp>"
      + "<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes Placeholder 2\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>"
      + "<p:nvPr><p:ph type=\"body\" sz=\"quarter\" idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr>\(notes.xfrm())"
      + "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>"
      + "<a:p><a:endParaRPr lang=\"en-US\"/></a:p></p:txBody></p:sp>"
    let style = "<a:lvl1pPr><a:defRPr sz=\"1200\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill></a:defRPr></a:lvl1pPr>"
    return XMLText.declaration
      + XMLText.element(
        "p:notesMaster", PresentationNamespaces.attributes,
        "<p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg>\(SlideMaster.tree(shapes))</p:cSld>"
          + SlideMaster.colorMap + "<p:notesStyle>\(style)</p:notesStyle>")
  }
}
