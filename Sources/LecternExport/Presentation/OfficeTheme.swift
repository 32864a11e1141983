/// A DrawingML theme part (`ppt/theme/themeN.xml`): the deck theme's background, text and accent colours
/// and its body and heading fonts as the Office colour and font scheme, with plain format styles.
struct OfficeTheme {
  var name: String
  var style: SlideStyle

  var xml: String {
    let bg = style.background
    let fg = style.text
    let colors =
      "<a:dk1>\(fg.srgb)</a:dk1><a:lt1>\(bg.srgb)</a:lt1>"
      + "<a:dk2>\(fg.mixed(with: bg, 0.25).srgb)</a:dk2><a:lt2>\(bg.mixed(with: fg, 0.08).srgb)</a:lt2>"
      + "<a:accent1>\(style.accent.srgb)</a:accent1><a:accent2>\(Color(hex: "ED7D31").srgb)</a:accent2>"
      + "<a:accent3>\(Color(hex: "A5A5A5").srgb)</a:accent3><a:accent4>\(Color(hex: "FFC000").srgb)</a:accent4>"
      + "<a:accent5>\(Color(hex: "5B9BD5").srgb)</a:accent5><a:accent6>\(Color(hex: "70AD47").srgb)</a:accent6>"
      + "<a:hlink>\(style.accent.srgb)</a:hlink><a:folHlink>\(style.accent.mixed(with: fg, 0.3).srgb)</a:folHlink>"
    let fonts =
      "<a:majorFont>\(XMLText.element("a:latin", [("typeface", style.headingFont ?? style.font)]))<a:ea typeface=\"\"/>"
      + "<a:cs typeface=\"\"/></a:majorFont><a:minorFont>\(XMLText.element("a:latin", [("typeface", style.font)]))"
      + "<a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont>"
    let elements =
      XMLText.element("a:clrScheme", [("name", name)], colors) + XMLText.element("a:fontScheme", [("name", name)], fonts)
      + Self.formatScheme
    return XMLText.declaration
      + XMLText.element(
        "a:theme", [("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main"), ("name", name)],
        elements.wrapped("a:themeElements") + "<a:objectDefaults/><a:extraClrSchemeLst/>")
  }

  /// Three fills, lines, effects and background fills: the minimum a theme must list.
  private static let formatScheme: String = {
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
    let line = "<a:ln w=\"9525\">\(fill)</a:ln>"
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
    return "<a:fmtScheme name=\"Lectern\"><a:fillStyleLst>\(fill)\(fill)\(fill)</a:fillStyleLst>"
      + "<a:lnStyleLst>\(line)\(line)\(line)</a:lnStyleLst>"
      + "<a:effectStyleLst>\(effect)\(effect)\(effect)</a:effectStyleLst>"
      + "<a:bgFillStyleLst>\(fill)\(fill)\(fill)</a:bgFillStyleLst></a:fmtScheme>"
  }()
}
