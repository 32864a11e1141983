/// The one slide master and the one layout ("Title Only") every slide uses; each slide carries its own
/// background and shapes, so the master holds only the colour map, a title placeholder and text styles.
enum SlideMaster {
  static func masterXML(width: Double, height: Double, style: SlideStyle) -> String {
    let title = titlePlaceholder(width: width, height: height)
    let size = EMU.fontSize(px: style.fontSize * style.headingScale[0])
    let levels = XMLText.element(
      "a:lvl1pPr", [],
      XMLText.element("a:defRPr", [("sz", String(size)), ("b", "1")], "<a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill>"))
    let body = XMLText.element(
      "a:lvl1pPr", [],
      XMLText.element(
        "a:defRPr", [("sz", String(EMU.fontSize(px: style.fontSize)))], "<a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill>"))
    return XMLText.declaration
      + XMLText.element(
        "p:sldMaster", PresentationNamespaces.attributes,
        "<p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg>\(tree(title))</p:cSld>" + colorMap
          + "<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst>"
          + "<p:txStyles><p:titleStyle>\(levels)</p:titleStyle><p:bodyStyle>\(body)</p:bodyStyle>"
          + "<p:otherStyle>\(body)</p:otherStyle></p:txStyles>")
  }

  static func layoutXML(width: Double, height: Double) -> String {
    XMLText.declaration
      + XMLText.element(
        "p:sldLayout", PresentationNamespaces.attributes + [("type", "titleOnly"), ("preserve", "1")],
        "<p:cSld name=\"Title Only\">\(tree(titlePlaceholder(width: width, height: height)))</p:cSld>"
          + "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>")
  }

  static let colorMap =
    "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" "
    + "accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>"

  static func tree(_ shapes: String) -> String {
    "<p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>"
      + "<p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/>"
      + "<a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>\(shapes)</p:spTree>"
  }

  private static func titlePlaceholder(width: Double, height: Double) -> String {
    let frame = Frame(x: width * 0.066, y: height * 0.08, width: width * 0.868, height: height * 0.18)
    return "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Title Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>"
      + "<p:nvPr><p:ph type=\"title\"/></p:nvPr></p:nvSpPr><p:spPr>\(frame.xfrm())</p:spPr>"
      + "<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang=\"en-US\"/></a:p></p:txBody></p:sp>"
  }
}
