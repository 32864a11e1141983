import Foundation
import LecternCore
import Testing

/// One PostgreSQL server shared by every suite marked `.postgresServer` that runs at the same time:
/// started by the first, stopped by the last (even when tests fail or throw).
public enum SharedPostgres {
  private static let state = Locked<(server: PostgresServer?, failure: String?)>((nil, nil))

  /// The running server; throws why there is none (binaries absent, or it failed to start).
  public static func current() throws -> PostgresServer {
    try state.withLock { s in
      if let server = s.server { return server }
      throw PostgresServer.Failure(
        message: s.failure ?? PostgresServer.unavailableReason ?? "no PostgreSQL server: mark the suite .postgresServer")
    }
  }

  static func set(_ server: PostgresServer?, failure: String?) {
    state.withLock { $0 = (server, failure) }
  }
}

/// Counts the suites using the server; starts and stops it on a thread of its own, so that no thread
/// of the shared pools ever blocks on it (waiting for `pg_ctl` needs the pool to reap the child).
actor PostgresUsers {
  static let shared = PostgresUsers()
  private var users = 0
  private var starting: Task<Void, Never>?

  func acquire() async {
    users += 1
    if let starting { return await starting.value }
    guard PostgresServer.binaries != nil else { return }
    let task = Task<Void, Never> {
      await onOwnThread {
        do {
          SharedPostgres.set(try PostgresServer.start(), failure: nil)
        } catch {
          SharedPostgres.set(nil, failure: "\(error)")
        }
      }
    }
    starting = task
    await task.value
  }

  func release() async {
    users -= 1
    guard users == 0, starting != nil else { return }
    starting = nil
    await onOwnThread {
      (try? SharedPostgres.current())?.stop()
      SharedPostgres.set(nil, failure: nil)
    }
  }

  private func onOwnThread(_ work: @escaping @Sendable () -> Void) async {
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      Thread.detachNewThread {
        work()
        done.resume()
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
    await PostgresUsers.shared.acquire()
    do {
      try await function()
    } catch {
      await PostgresUsers.shared.release()
      throw error
    }
    await PostgresUsers.shared.release()
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
