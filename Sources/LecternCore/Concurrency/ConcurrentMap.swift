import Foundation

extension Collection where Self: Sendable, Index == Int {
  /// `map` run on every core, results in input order; `transform` must be safe to call concurrently.
  ///
  /// Each element's result goes into its own slot under one lock, so no result is read before every worker
  /// has finished. Small inputs run serially. The first error (in input order) is rethrown.
  public func concurrentMap<T>(_ transform: @Sendable (Element) throws -> T) throws -> [T] {
    guard count > 1 else { return try map(transform) }
    return try withoutActuallyEscaping(transform) { transform in
      let slots = Locked([Result<T, Error>?](repeating: nil, count: count))
      let base = startIndex
      DispatchQueue.concurrentPerform(iterations: count) { offset in
        let result = Result { try transform(self[base + offset]) }
        slots.withLock { $0[offset] = result }
      }
      return try slots.snapshot.map { try $0!.get() }
    }
  }
}
