import LecternDORA

/// A record or file that cannot be ingested: where (file, line, column, field) and what was expected.
public struct IngestError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  /// 1-based, in bytes from the start of the line; CSV only (JSON names the field instead).
  public var column: Int?
  public var field: String?
  public var message: String

  public init(file: String, line: Int?, column: Int? = nil, field: String?, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.field = field
    self.message = message
  }

  public var description: String {
    let position = (line.map { ":\($0)" } ?? "") + (line != nil ? column.map { ":\($0)" } ?? "" : "")
    let fieldText = field.map { "field '\($0)': " } ?? ""
    return "\(file)\(position): error: \(fieldText)\(message)"
  }
}

/// Every bad record of an ingest (the first `limit` of them kept, all of them counted): reading goes on
/// past a bad record so that one run lists them all, and nothing is written when there is any.
public struct IngestProblems: Error, Sendable, Hashable, CustomStringConvertible {
  /// How many are kept (and printed); the rest are only counted.
  public static let limit = 20

  public private(set) var errors: [IngestError] = []
  public private(set) var count = 0

  public init() {}

  public init(_ errors: [IngestError]) {
    for e in errors { add(e) }
  }

  public var isEmpty: Bool { count == 0 }

  public mutating func add(_ error: IngestError) {
    count += 1
    if errors.count < Self.limit { errors.append(error) }
  }

  public mutating func add(_ other: IngestProblems) {
    for e in other.errors { add(e) }
    count += other.count - other.errors.count
  }

  /// One line per kept error, then how many more there were.
  public var description: String {
    var lines = errors.map(\.description)
    if count > errors.count { lines.append("… and \(count - errors.count) more bad records (\(count) in all)") }
    return lines.joined(separator: "\n")
  }
}
