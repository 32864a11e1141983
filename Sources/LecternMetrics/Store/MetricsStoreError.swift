/// Why a file cannot be used as a metrics store.
public enum MetricsStoreError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file is SQLite but holds tables that are not Lectern's (or none of Lectern's).
  case notAStore(path: String, tables: [String])
  /// The file is not SQLite at all.
  case notSQLite(path: String)
  /// A store opened for reading was asked to write.
  case readOnly(path: String)

  public var description: String {
    switch self {
    case .notAStore(let path, let tables):
      let list = tables.isEmpty ? "no Lectern tables" : "tables " + tables.map { "'\($0)'" }.joined(separator: ", ")
      return
        "\(path): error: not a Lectern metrics store (\(list)); expected a new file or one written by 'lectern metrics ingest'"
    case .notSQLite(let path):
      return "\(path): error: not an SQLite file; expected a Lectern metrics store"
    case .readOnly(let path):
      return "\(path): error: the store was opened for reading; expected a writable store"
    }
  }
}
