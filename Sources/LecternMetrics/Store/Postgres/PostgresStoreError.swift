import PostgresNIO

/// Why a PostgreSQL store cannot be used; each message names the store (without its password).
public enum PostgresStoreError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The `postgresql://` URL itself is wrong.
  case invalidURL(text: String, reason: String)
  /// No connection: refused, unknown host, TLS or authentication failed.
  case cannotConnect(store: String, reason: String)
  /// The server refused a statement (constraint, permission, …): its message, detail and SQLSTATE.
  case server(store: String, message: String)
  /// The schema holds tables that are not Lectern's.
  case notAStore(store: String, tables: [String])
  /// Reading a schema that no ingest has created.
  case noStore(store: String)

  public var description: String {
    switch self {
    case .invalidURL(let text, let reason): "\(text): error: not a PostgreSQL store URL: \(reason)"
    case .cannotConnect(let store, let reason): "\(store): error: cannot connect: \(reason)"
    case .server(let store, let message): "\(store): error: \(message)"
    case .notAStore(let store, let tables):
      "\(store): error: not a Lectern metrics store (tables \(tables.map { "'\($0)'" }.joined(separator: ", "))); "
        + "expected an empty schema or one written by 'lectern metrics ingest' (choose another with ?schema=NAME)"
    case .noStore(let store):
      "\(store): error: no metrics store in this database; run 'lectern metrics ingest FILE… --db \(store)' first"
    }
  }

  /// A PostgresNIO error as a message a person can act on (PSQLError's own description hides everything).
  static func from(_ error: any Error, store: String) -> PostgresStoreError {
    if let own = error as? PostgresStoreError { return own }
    guard let psql = error as? PSQLError else { return .cannotConnect(store: store, reason: "\(error)") }
    if let info = psql.serverInfo, let message = info[.message] {
      let sqlState = info[.sqlState] ?? ""
      var text = message
      if let detail = info[.detail] { text += " (\(detail))" }
      if !sqlState.isEmpty { text += " [SQLSTATE \(sqlState)]" }
      // Class 28: authentication; 3D000: no such database. Both are about reaching the store.
      if sqlState.hasPrefix("28") || sqlState == "3D000" { return .cannotConnect(store: store, reason: text) }
      return .server(store: store, message: text)
    }
    let underlying = psql.underlying.map { ": \($0)" } ?? ""
    switch psql.code {
    case .connectionError, .serverClosedConnection, .uncleanShutdown, .sslUnsupported, .failedToAddSSLHandler:
      return .cannotConnect(store: store, reason: "\(psql.code)\(underlying)")
    case .authMechanismRequiresPassword:
      return .cannotConnect(
        store: store, reason: "the server asks for a password; put it in PGPASSWORD, ~/.pgpass or the URL")
    default:
      return .server(store: store, message: "\(psql.code)\(underlying)")
    }
  }
}
