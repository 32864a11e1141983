/// A part's relationships (`_rels/NAME.rels`): targets numbered `rId1`, `rId2`… in the order added.
struct Relationships: Sendable {
  enum Kind: String, Sendable {
    case officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    case coreProperties = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    case extendedProperties = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
    case slideMaster = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster"
    case slideLayout = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout"
    case slide = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
    case theme = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    case notesMaster = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster"
    case notesSlide = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide"
    case image = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
    case hyperlink = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
    case presProps = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/presProps"
    case viewProps = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/viewProps"
    case tableStyles = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/tableStyles"
  }

  private var entries: [(id: String, kind: Kind, target: String, external: Bool)] = []

  /// Adds a relationship and returns its id; the same internal target and kind is added once.
  mutating func add(_ kind: Kind, target: String, external: Bool = false) -> String {
    if !external, let known = entries.first(where: { $0.kind == kind && $0.target == target && !$0.external }) {
      return known.id
    }
    let id = "rId\(entries.count + 1)"
    entries.append((id, kind, target, external))
    return id
  }

  var xml: String {
    let items = entries.map { entry in
      XMLText.element(
        "Relationship",
        [("Id", entry.id), ("Type", entry.kind.rawValue), ("Target", entry.target)]
          + (entry.external ? [("TargetMode", "External")] : []))
    }
    return XMLText.declaration
      + XMLText.element(
        "Relationships", [("xmlns", "http://schemas.openxmlformats.org/package/2006/relationships")], items.joined())
  }
}
