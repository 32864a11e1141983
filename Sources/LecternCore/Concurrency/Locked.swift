import Foundation

/// A value shared between threads, read and written only under its lock.
///
/// The one lock box of the project: every mutable state shared across threads lives in a `Locked`, so no
/// read of shared results happens without the lock.
public final class Locked<Value>: @unchecked Sendable {
  private var value: Value
  private let lock = NSLock()

  public init(_ value: Value) { self.value = value }

  /// Runs `body` with exclusive access to the value.
  @discardableResult
  public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }

  /// A copy of the value, read under the lock.
  public var snapshot: Value { withLock { $0 } }
}
