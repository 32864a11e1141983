import LecternDORA

/// A record or file that cannot be ingested: where (file, line, field) and what was expected.
public struct IngestError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  public var field: String?
  public var message: String

  public init(file: String, line: Int?, field: String?, message: String) {
    self.file = file
    self.line = line
    self.field = field
    self.message = message
  }

  public var description: String {
    let position = line.map { ":\($0)" } ?? ""
    let fieldText = field.map { "field '\($0)': " } ?? ""
    return "\(file)\(position): error: \(fieldText)\(message)"
  }
}
