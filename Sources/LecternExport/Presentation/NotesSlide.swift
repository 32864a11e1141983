/// A slide's notes page (`ppt/notesSlides/notesSlideN.xml`): the slide's picture and, in the notes
/// placeholder, every speaker note of the slide in the order written, one paragraph per line.
struct NotesSlide {
  var notes: [String]
  var slideTarget: String

  var xml: String {
    var paragraphs: [String] = []
    for (index, note) in notes.enumerated() {
      if index > 0 { paragraphs.append("<a:p><a:endParaRPr lang=\"en-US\" dirty=\"0\"/></a:p>") }
      for line in note.split(separator: "\n", omittingEmptySubsequences: false) {
        let text = line.trimmingCharacters(in: .init(charactersIn: "\r"))
        paragraphs.append(
          text.isEmpty
            ? "<a:p><a:endParaRPr lang=\"en-US\" dirty=\"0\"/></a:p>"
            : "<a:p><a:r><a:rPr lang=\"en-US\" dirty=\"0\"/><a:t>\(XMLText.escape(text))</a:t></a:r></a:p>")
      }
    }
    let image =
      "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" "
      + "noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>"
    let body =
      "<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes Placeholder 2\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>"
      + "<p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>"
      + (paragraphs.isEmpty ? "<a:p/>" : paragraphs.joined()) + "</p:txBody></p:sp>"
    let tree =
      "<p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>"
      + image + body + "</p:spTree>"
    return XMLText.declaration
      + XMLText.element(
        "p:notes", PresentationNamespaces.attributes,
        "<p:cSld>\(tree)</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>")
  }

  var relationships: Relationships {
    var rels = Relationships()
    _ = rels.add(.notesMaster, target: "../notesMasters/notesMaster1.xml")
    _ = rels.add(.slide, target: slideTarget)
    return rels
  }
}
