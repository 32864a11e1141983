import Foundation

/// Runs `body` on a thread with a large stack, so very deep documents (thousands of nested
/// quotes or lists) cannot overflow it while being walked or written.
public func withLargeStack<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
  let box = Locked<Result<T, Error>?>(nil)
  let done = DispatchSemaphore(value: 0)
  let thread = Thread {
    let result = Result { try body() }
    box.withLock { $0 = result }
    done.signal()
  }
  thread.stackSize = 1 << 30
  thread.start()
  done.wait()
  return try box.snapshot!.get()
}

/// The same for async callers (a server's request handler): the body runs on its own large-stack thread
/// and the caller's task is suspended, not blocked, until it finishes.
public func withLargeStack<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    let thread = Thread { continuation.resume(with: Result { try body() }) }
    thread.stackSize = 1 << 30
    thread.start()
  }
}

/// Freeing a large model node by node at the end of a one-shot command costs as much as a tenth of
/// the run; the process is about to exit and the OS reclaims it at once. (Compilers do the same.)
public enum ProcessTeardown {
  private final class Holder: @unchecked Sendable {
    let value: Any
    init(_ value: Any) { self.value = value }
  }

  public static func keepUntilExit(_ value: Any) {
    _ = Unmanaged.passRetained(Holder(value))
  }

  private static let oneShot = Locked(false)

  /// Declares this process a one-shot command: what it parses lives until it exits, so parsers may leave
  /// their intermediate trees to the OS too (clang's `-disable-free` likewise). Servers, the language
  /// server, lint over many files and tests never call it.
  public static func declareOneShot() { oneShot.withLock { $0 = true } }

  /// Whether ``declareOneShot()`` was called.
  public static var isOneShot: Bool { oneShot.snapshot }
}
