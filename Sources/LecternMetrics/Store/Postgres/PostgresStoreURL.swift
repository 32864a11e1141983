import Foundation

/// A PostgreSQL store named by a URL: `postgresql://user[:password]@host[:port]/database[?sslmode=…&schema=…]`
/// (also `postgres://`). Parsed once; `description` never shows the password.
public struct PostgresStoreURL: Hashable, Sendable, CustomStringConvertible {
  /// How the connection is encrypted, as libpq's `sslmode` names it.
  public enum TLSMode: String, Hashable, Sendable, CaseIterable {
    /// Plain TCP.
    case disable
    /// TLS when the server offers it, without checking its certificate (libpq's default).
    case prefer
    /// TLS or no connection; the certificate is not checked.
    case require
    /// TLS, the certificate checked against the trusted roots, not the host name.
    case verifyCA = "verify-ca"
    /// TLS, the certificate and the host name checked.
    case verifyFull = "verify-full"
  }

  public var host: String
  public var port: Int
  /// A folder holding the server's Unix socket (`?host=/run/postgresql`), used instead of TCP.
  public var socketDirectory: String?
  public var user: String
  /// From the URL; `PGPASSWORD` and `~/.pgpass` are looked up when the URL has none (see `resolvedPassword`).
  public var password: String?
  public var database: String
  /// The schema holding Lectern's tables (default `lectern`), so a shared database keeps them apart.
  public var schema: String
  public var tlsMode: TLSMode
  /// A PEM file of trusted roots for `verify-ca` / `verify-full` (`?sslrootcert=…`).
  public var rootCertificate: String?

  /// Whether `text` names a PostgreSQL store rather than an SQLite file.
  public static func isPostgres(_ text: String) -> Bool {
    let lower = text.lowercased()
    return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
  }

  /// Parses `text`; throws a message quoting the part that is wrong.
  public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    guard Self.isPostgres(text), let parts = URLComponents(string: text) else {
      throw PostgresStoreError.invalidURL(text: Self.redacted(text), reason: "expected postgresql://user@host:port/database")
    }
    let query = Dictionary((parts.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { _, last in last }
    let known: Set<String> = ["sslmode", "schema", "host", "port", "user", "password", "dbname", "sslrootcert"]
    if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
      throw PostgresStoreError.invalidURL(
        text: Self.redacted(text), reason: "unknown parameter '\(unknown)'; expected \(known.sorted().joined(separator: ", "))")
    }
    let hostParameter = query["host"].flatMap { $0.isEmpty ? nil : $0 }
    socketDirectory = hostParameter.flatMap { $0.hasPrefix("/") ? $0 : nil }
    host = parts.percentEncodedHost.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding } ?? hostParameter ?? "localhost"
    if socketDirectory == nil, parts.host?.isEmpty ?? true, hostParameter == nil {
      socketDirectory = "/var/run/postgresql"
    }
    port = try (parts.port.map(String.init) ?? query["port"]).map { try Self.port($0, in: text) } ?? 5432
    user =
      parts.percentEncodedUser?.removingPercentEncoding ?? query["user"] ?? environment["PGUSER"] ?? environment["USER"]
      ?? "postgres"
    password = parts.percentEncodedPassword?.removingPercentEncoding ?? query["password"]
    let name = String((parts.percentEncodedPath.removingPercentEncoding ?? "").drop(while: { $0 == "/" }))
    database = name.isEmpty ? (query["dbname"] ?? user) : name
    schema = query["schema"] ?? "lectern"
    guard schema.range(of: #"^[a-z_][a-z0-9_]{0,62}$"#, options: .regularExpression) != nil else {
      throw PostgresStoreError.invalidURL(
        text: Self.redacted(text), reason: "schema '\(schema)' is not a plain lower-case name (letters, digits, _)")
    }
    let mode = query["sslmode"] ?? "prefer"
    guard let tls = TLSMode(rawValue: mode) else {
      throw PostgresStoreError.invalidURL(
        text: Self.redacted(text),
        reason: "sslmode '\(mode)' is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    tlsMode = tls
    rootCertificate = query["sslrootcert"]
  }

  private static func port(_ text: String, in url: String) throws -> Int {
    guard let n = Int(text), (1...65535).contains(n) else {
      throw PostgresStoreError.invalidURL(text: redacted(url), reason: "port '\(text)' is not a number from 1 to 65535")
    }
    return n
  }

  /// The URL without its password, for messages and provenance lines.
  public var description: String {
    let where_ = socketDirectory.map { "?host=\($0)" } ?? ""
    let schemaPart = schema == "lectern" ? "" : (where_.isEmpty ? "?" : "&") + "schema=\(schema)"
    let location = socketDirectory == nil ? "\(host):\(port)" : ""
    return "postgresql://\(user)@\(location)/\(database)\(where_)\(schemaPart)"
  }

  /// `text` with any password between `:` and `@` replaced by `***`.
  static func redacted(_ text: String) -> String {
    text.replacingOccurrences(of: #"(://[^/:@]*:)[^@/]*@"#, with: "$1***@", options: .regularExpression)
  }

  /// The password to send: the URL's, else `PGPASSWORD`, else the first matching line of `PGPASSFILE` or
  /// `~/.pgpass` (`host:port:database:user:password`, `*` matching anything), as libpq looks them up.
  public func resolvedPassword(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    if let password { return password }
    if let p = environment["PGPASSWORD"] { return p }
    let file = environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }
    guard let file, let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
    let wanted = [socketDirectory == nil ? host : "localhost", String(port), database, user]
    for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      let fields = Self.pgpassFields(String(line))
      guard fields.count == 5 else { continue }
      if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
    }
    return nil
  }

  /// One `.pgpass` line split at unescaped colons, with `\:` and `\\` unescaped.
  static func pgpassFields(_ line: String) -> [String] {
    var fields: [String] = [""]
    var escaped = false
    for c in line {
      if escaped {
        fields[fields.count - 1].append(c)
        escaped = false
      } else if c == "\\" {
        escaped = true
      } else if c == ":" {
        fields.append("")
      } else {
        fields[fields.count - 1].append(c)
      }
    }
    return fields
  }
}
