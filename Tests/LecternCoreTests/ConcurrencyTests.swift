import Foundation
import LecternCore
import LecternTestSupport
import Testing

@Suite struct ConcurrencyHelperTests {
  @Test func concurrentMapKeepsInputOrder() throws {
    let input = Array(0..<5_000)
    let output = try input.concurrentMap { $0 * 3 }
    #expect(output == input.map { $0 * 3 })
  }

  @Test func concurrentMapRethrowsTheFirstErrorInInputOrder() {
    struct Failed: Error, Equatable { var index: Int }
    #expect(throws: Failed(index: 10)) {
      _ = try Array(0..<100).concurrentMap { i -> Int in
        if i == 10 || i == 90 { throw Failed(index: i) }
        return i
      }
    }
  }

  @Test func lockedCountsEveryIncrementFromManyThreads() throws {
    let counter = Locked(0)
    _ = try Array(0..<10_000).concurrentMap { _ in counter.withLock { $0 += 1 } }
    #expect(counter.snapshot == 10_000)
  }

  @Test func largeStackRunsDeepRecursionAndReturnsItsValue() throws {
    // 200,000 frames would overflow a default 8 MiB thread stack.
    @Sendable func depth(_ n: Int) -> Int { n == 0 ? 0 : 1 + depth(n - 1) }
    #expect(try withLargeStack { depth(200_000) } == 200_000)
  }
}

@Suite struct FileWatcherTests {
  @Test func seesAWriteAndAnAtomicRenameButNotOtherFiles() throws {
    let dir = TestPaths.temporaryDirectory()
    let watched = dir.appendingPathComponent("deck.md")
    let other = dir.appendingPathComponent("other.md")
    try "a".write(to: watched, atomically: false, encoding: .utf8)
    let watcher = try FileWatcher([watched.path])
    try "b".write(to: other, atomically: false, encoding: .utf8)
    try "c".write(to: watched, atomically: true, encoding: .utf8)  // temp file + rename, as editors save
    let changed = watcher.wait()
    #expect(changed == [watched.standardizedFileURL.path])
  }
}

@Suite struct ConcurrentOrderedDeliveryTests {
  /// Uneven work, so later elements often finish first: each is still delivered once, in input order.
  @Test func deliveryOrderIsTheInputOrder() {
    let input = Array(0..<2000)
    var seen: [Int] = []
    input.concurrentForEach({ n -> Int in
      if n % 5 == 0 { Thread.sleep(forTimeInterval: 0.0003) }
      return n
    }) { seen.append($0) }
    #expect(seen == input)
  }
}
