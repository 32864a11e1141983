/// `[Content_Types].xml`: a content type for every part (overrides) and for media by extension (defaults).
struct ContentTypes: Sendable {
  static let presentation = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
  static let slide = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
  static let slideLayout = "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"
  static let slideMaster = "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"
  static let notesMaster = "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"
  static let notesSlide = "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"
  static let theme = "application/vnd.openxmlformats-officedocument.theme+xml"
  static let presProps = "application/vnd.openxmlformats-officedocument.presentationml.presProps+xml"
  static let viewProps = "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml"
  static let tableStyles = "application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml"
  static let core = "application/vnd.openxmlformats-package.core-properties+xml"
  static let app = "application/vnd.openxmlformats-officedocument.extended-properties+xml"

  private var defaults: [(String, String)] = [
    ("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml"),
  ]
  private var overrides: [(String, String)] = []

  mutating func add(part path: String, type: String) { overrides.append(("/" + path, type)) }

  mutating func add(extension ext: String, type: String) {
    if !defaults.contains(where: { $0.0 == ext }) { defaults.append((ext, type)) }
  }

  var xml: String {
    let items =
      defaults.map { XMLText.element("Default", [("Extension", $0.0), ("ContentType", $0.1)]) }
      + overrides.map { XMLText.element("Override", [("PartName", $0.0), ("ContentType", $0.1)]) }
    return XMLText.declaration
      + XMLText.element(
        "Types", [("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")], items.joined())
  }
}
