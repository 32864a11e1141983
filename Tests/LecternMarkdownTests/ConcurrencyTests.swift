import Dispatch
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternMarkdown

/// cmark-gfm shares the extensions' special characters between parsers; Lectern parses on many
/// threads (lint runs files in parallel), so every parse must still see every extension.
@Suite struct ConcurrencyTests {
  @Test func parallelParsesAllSeeStrikethroughAndAutolinks() {
    final class Count: @unchecked Sendable {
      var wrong = 0
      let lock = NSLockLike()
    }
    let count = Count()
    DispatchQueue.concurrentPerform(iterations: 4000) { _ in
      let doc = MarkdownDocument(parsing: .inline("a ~~b~~ www.example.com c\n"))
      guard case .paragraph(let inlines) = doc.blocks.first?.kind else { return }
      let ok =
        inlines.contains { if case .strikethrough = $0.kind { true } else { false } }
        && inlines.contains { if case .link = $0.kind { true } else { false } }
      if !ok { count.lock.locked { count.wrong += 1 } }
    }
    #expect(count.wrong == 0)
  }
}

/// A tiny lock for the test (Foundation's NSLock without importing Foundation here).
final class NSLockLike: @unchecked Sendable {
  private let semaphore = DispatchSemaphore(value: 1)
  func locked(_ body: () -> Void) {
    semaphore.wait()
    body()
    semaphore.signal()
  }
}
