import Foundation

/// A configuration file Lectern cannot use: where (file, line, column) and what was expected.
public struct ConfigurationFileError: Error, CustomStringConvertible, Sendable, Equatable {
  public var path: String
  public var line: Int?
  public var column: Int?
  public var message: String

  public init(path: String, line: Int?, column: Int?, message: String) {
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String {
    let position = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
    return "\(path)\(position): error: \(message)"
  }
}
