import Foundation
import LecternDeck
import LecternTestSupport
import Testing

@testable import LecternExport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Every XML part of a written package parses (nothing left unescaped, no control characters), also for
/// text full of markup characters and raw HTML.
@Suite struct WellFormedTests {
  static let hostile = """
    ---
    marp: true
    html: true
    header: "<b>&amp; \\"quoted\\"</b>"
    ---

    # A & B < C > "D" 'E' \u{1} <!--fit-->

    <div class="x">raw & <b>bold</b></div>

    - [link <&>](https://example.com/?a=1&b=2 "t&t")
    - `<code & more>`

    | a<b | c&d |
    |---|---|
    | "e" | 'f' |

    <!-- note with <tags> & ampersands -->
    """

  func expectWellFormed(_ deck: Deck) throws {
    let package = try PackageReading(PowerPointWriter.write(deck).data)
    for path in package.paths where path.hasSuffix(".xml") || path.hasSuffix(".rels") {
      let parser = XMLParser(data: Data(try package.text(path).utf8))
      #expect(parser.parse(), "\(deck.path): \(path) is not well-formed: \(String(describing: parser.parserError))")
    }
  }

  @Test func markupCharactersAreEscapedEverywhere() throws {
    try expectWellFormed(Deck(source: .inline(Self.hostile, path: "hostile.md")))
  }

  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared/seeds"))
  func everySeedDeckGivesWellFormedParts() throws {
    let folder = try #require(TestPaths.shared).appendingPathComponent("seeds")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(!names.isEmpty)
    for name in names where name.hasSuffix(".txt") || name.hasSuffix(".md") {
      try expectWellFormed(Deck(source: try .at(folder.appendingPathComponent(name))))
    }
  }
}
