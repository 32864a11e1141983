import Foundation

extension Collection where Self: Sendable, Index == Int {
  /// Runs `transform` on every core and hands each result to `deliver` in input order, as soon as it and every
  /// result before it are done; nothing is kept after delivery, so memory stays flat in the number of elements.
  ///
  /// `deliver` runs under a lock (one call at a time, in order) on whichever worker completed the run.
  public func concurrentForEach<T>(_ transform: @Sendable (Element) -> T, deliverInOrder deliver: (T) -> Void) {
    guard count > 1 else {
      for element in self { deliver(transform(element)) }
      return
    }
    withoutActuallyEscaping(transform) { transform in
      withoutActuallyEscaping(deliver) { deliver in
        let box = UncheckedBox(deliver)
        let state = Locked((next: 0, pending: [Int: T]()))
        let base = startIndex
        DispatchQueue.concurrentPerform(iterations: count) { offset in
          let result = transform(self[base + offset])
          state.withLock { s in
            s.pending[offset] = result
            while let ready = s.pending.removeValue(forKey: s.next) {
              box.value(ready)
              s.next += 1
            }
          }
        }
      }
    }
  }
}

/// A non-Sendable value used only under a lock.
private struct UncheckedBox<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
