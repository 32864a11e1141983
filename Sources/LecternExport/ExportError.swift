/// A PowerPoint file that could not be written.
public enum ExportError: Error, CustomStringConvertible {
  case archive(String)

  public var description: String {
    switch self {
    case .archive(let reason): "could not write the pptx package: \(reason)"
    }
  }
}
