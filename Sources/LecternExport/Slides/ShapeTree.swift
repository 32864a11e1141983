/// The shapes of one slide (`p:spTree`) being written, with their ids and the slide part's relationships.
struct ShapeTree {
  private(set) var shapes: [String] = []
  private var nextID = 2
  var relationships = Relationships()
  let media: MediaCatalog

  init(media: MediaCatalog) { self.media = media }

  mutating func takeID() -> Int {
    defer { nextID += 1 }
    return nextID
  }

  mutating func append(_ shape: String) { shapes.append(shape) }

  /// The relationship id of an external hyperlink from this slide.
  mutating func hyperlink(_ target: String) -> String {
    relationships.add(.hyperlink, target: target, external: true)
  }

  /// `p:sp`: a text box (or a filled box) at `frame`; `placeholder` makes it the slide's title.
  mutating func textBox(
    _ body: String, frame: Frame, name: String, fill: Color? = nil, outline: Color? = nil, placeholder: String? = nil
  ) {
    let id = takeID()
    let nv = XMLText.element(
      "p:nvSpPr", [],
      XMLText.element("p:cNvPr", [("id", String(id)), ("name", "\(name) \(id)")])
        + (placeholder == nil
          ? XMLText.element("p:cNvSpPr", [("txBox", "1")]) : "<p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>")
        + XMLText.element("p:nvPr", [], placeholder.map { XMLText.element("p:ph", [("type", $0)]) } ?? ""))
    var spPr = frame.xfrm() + "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
    spPr += fill?.solidFill ?? "<a:noFill/>"
    if let outline {
      spPr += XMLText.element("a:ln", [("w", "12700")], outline.solidFill + "<a:prstDash val=\"dash\"/>")
    }
    append(XMLText.element("p:sp", [], nv + XMLText.element("p:spPr", [], spPr) + body))
  }

  /// `p:pic`: an embedded image in `frame`, cropped by `crop` (fractions of the image cut at left, top, right, bottom).
  mutating func picture(_ url: String, frame: Frame, crop: (Double, Double, Double, Double), alt: String) -> Bool {
    guard let entry = media.entry(for: url) else { return false }
    let id = takeID()
    let rel = relationships.add(.image, target: "../media/" + entry.name)
    let nv = XMLText.element(
      "p:nvPicPr", [],
      XMLText.element("p:cNvPr", [("id", String(id)), ("name", "Picture \(id)"), ("descr", alt)])
        + "<p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/>")
    var blip = ""
    if entry.image.fileExtension == "svg" {
      blip =
        "<a:extLst><a:ext uri=\"{96DAC541-7B7A-43D3-8B79-37D633B846F1}\">"
        + "<asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"\(rel)\"/>"
        + "</a:ext></a:extLst>"
    }
    func per(_ f: Double) -> String { String(Int((f * 100_000).rounded())) }
    let srcRect =
      crop == (0, 0, 0, 0)
      ? "" : XMLText.element("a:srcRect", [("l", per(crop.0)), ("t", per(crop.1)), ("r", per(crop.2)), ("b", per(crop.3))])
    let fill =
      XMLText.element("a:blip", [("r:embed", rel)], blip) + srcRect + "<a:stretch><a:fillRect/></a:stretch>"
    let spPr = frame.xfrm() + "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
    append(XMLText.element("p:pic", [], nv + XMLText.element("p:blipFill", [], fill) + XMLText.element("p:spPr", [], spPr)))
    return true
  }

  var xml: String {
    "<p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>"
      + "<p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/>"
      + "<a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>" + shapes.joined() + "</p:spTree>"
  }
}
