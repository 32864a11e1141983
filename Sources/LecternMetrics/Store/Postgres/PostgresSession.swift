import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to a PostgreSQL store, used synchronously: each statement waits for its result on
/// NIO's event loop (never on a Swift concurrency thread, so blocking callers cannot starve the pool).
final class PostgresSession: @unchecked Sendable {
  let url: PostgresStoreURL
  private let connection: PostgresConnection
  private static let logger = Logger(label: "lectern.metrics.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

  /// Connects and selects the store's schema (`search_path`); throws `PostgresStoreError.cannotConnect`.
  init(_ url: PostgresStoreURL) throws {
    self.url = url
    do {
      let configuration = try Self.configuration(url)
      connection = try PostgresConnection.connect(
        on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: Self.logger
      ).wait()
    } catch {
      throw PostgresStoreError.from(error, store: url.description)
    }
    do {
      try execute("SET search_path TO \(url.schema)")
    } catch {
      close()
      throw error
    }
  }

  private static func configuration(_ url: PostgresStoreURL) throws -> PostgresConnection.Configuration {
    let password = url.resolvedPassword()
    if let socket = url.socketDirectory {
      return .init(
        unixSocketPath: (socket as NSString).appendingPathComponent(".s.PGSQL.\(url.port)"), username: url.user,
        password: password, database: url.database)
    }
    var tls = TLSConfiguration.makeClientConfiguration()
    switch url.tlsMode {
    case .verifyCA: tls.certificateVerification = .noHostnameVerification
    case .verifyFull: tls.certificateVerification = .fullVerification
    case .disable, .prefer, .require: tls.certificateVerification = .none
    }
    if let root = url.rootCertificate { tls.trustRoots = .file(root) }
    let mode: PostgresConnection.Configuration.TLS =
      switch url.tlsMode {
      case .disable: .disable
      case .prefer: .prefer(try NIOSSLContext(configuration: tls))
      case .require, .verifyCA, .verifyFull: .require(try NIOSSLContext(configuration: tls))
      }
    var configuration = PostgresConnection.Configuration(
      host: url.host, port: url.port, username: url.user, password: password, database: url.database, tls: mode)
    configuration.options.connectTimeout = .seconds(10)
    return configuration
  }

  /// Runs one statement and returns its rows; a server error becomes `PostgresStoreError.server`.
  @discardableResult
  func query(_ query: PostgresQuery) throws -> [PostgresRow] {
    do {
      return Array(try connection.query(query, logger: Self.logger).wait().rows)
    } catch {
      throw PostgresStoreError.from(error, store: url.description)
    }
  }

  /// Runs SQL without parameters (DDL, transaction control).
  func execute(_ sql: String) throws {
    try query(PostgresQuery(unsafeSQL: sql))
  }

  /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
  func transaction<T>(readOnly: Bool = false, _ body: () throws -> T) throws -> T {
    try execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  func close() {
    try? connection.close().wait()
  }
}
