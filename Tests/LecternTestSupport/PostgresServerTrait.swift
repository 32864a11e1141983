import Foundation
import LecternCore
import Testing

/// One PostgreSQL server shared by every suite marked `.postgresServer` that runs at the same time:
/// started by the first, stopped by the last (even when tests fail or throw).
public enum SharedPostgres {
  private static let state = Locked<(server: PostgresServer?, users: Int, failure: String?)>((nil, 0, nil))

  /// The running server; throws why there is none (binaries absent, or it failed to start).
  public static func current() throws -> PostgresServer {
    try state.withLock { s in
      if let server = s.server { return server }
      throw PostgresServer.Failure(
        message: s.failure ?? PostgresServer.unavailableReason ?? "no PostgreSQL server: mark the suite .postgresServer")
    }
  }

  static func acquire() {
    state.withLock { s in
      s.users += 1
      guard s.server == nil, PostgresServer.binaries != nil else { return }
      do {
        s.server = try PostgresServer.start()
        s.failure = nil
      } catch {
        s.failure = "\(error)"
      }
    }
  }

  static func release() {
    state.withLock { s in
      s.users -= 1
      if s.users == 0, let server = s.server {
        server.stop()
        s.server = nil
      }
    }
  }
}

/// Starts (or shares) a real PostgreSQL server around a suite and stops it when the suite ends.
public struct PostgresServerTrait: SuiteTrait, TestScoping {
  public var isRecursive: Bool { false }

  public func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    SharedPostgres.acquire()
    defer { SharedPostgres.release() }
    try await function()
  }
}

extension Trait where Self == PostgresServerTrait {
  /// A real PostgreSQL server for the suite's tests (`SharedPostgres.current()`).
  public static var postgresServer: Self { PostgresServerTrait() }
}

/// The stores a store-level test runs against: SQLite always, PostgreSQL when its server binaries are
/// installed (the `postgresAvailable` test of each suite shows the reason when they are not).
public enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case sqlite
  case postgres

  public static var tested: [StoreKind] { PostgresServer.binaries == nil ? [.sqlite] : allCases }

  public var testDescription: String { rawValue }
}
