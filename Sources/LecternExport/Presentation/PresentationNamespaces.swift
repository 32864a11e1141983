/// The XML namespaces every PresentationML part declares.
enum PresentationNamespaces {
  static let attributes: [(String, String)] = [
    ("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
    ("xmlns:r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    ("xmlns:p", "http://schemas.openxmlformats.org/presentationml/2006/main"),
  ]
}
