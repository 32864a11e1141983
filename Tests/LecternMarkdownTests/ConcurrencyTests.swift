import Dispatch
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternMarkdown

/// cmark-gfm shares the extensions' special characters between parsers; Lectern parses on many
/// threads (lint runs files in parallel), so every parse must still see every extension.
@Suite struct ConcurrencyTests {
  @Test func parallelParsesAllSeeStrikethroughAndAutolinks() throws {
    // A parse that does not give one paragraph counts as wrong too: nothing passes by being skipped.
    let results = try Array(0..<4000).concurrentMap { _ -> Bool in
      let doc = MarkdownDocument(parsing: .inline("a ~~b~~ www.example.com c\n"))
      guard case .paragraph(let inlines) = doc.blocks.first?.kind else { return false }
      return inlines.contains { if case .strikethrough = $0.kind { true } else { false } }
        && inlines.contains { if case .link = $0.kind { true } else { false } }
    }
    #expect(results.count == 4000)
    #expect(results.filter { !$0 }.isEmpty)
  }

  /// The library's call reaches Lectern's definition (ELF symbol interposition), so the extensions' characters
  /// stay on and parses no longer take turns in their inline phase: the test above then runs them at once.
  @Test func theExtensionsCharactersStayOnAfterAParse() {
    _ = MarkdownDocument(parsing: .inline("a ~~b~~\n"))
    #expect(InlineCharacters.library != nil)
    #expect(InlineCharacters.staysOn)
  }
}
