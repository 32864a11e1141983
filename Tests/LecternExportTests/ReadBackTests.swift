import Foundation
import LecternCore
import LecternDeck
import LecternMarkdown
import LecternTestSupport
import Testing

@testable import LecternExport

/// Every written file is read back by python-pptx, an independent reader: the slide count, each table's
/// cells and each slide's notes must equal the deck's.
@Suite(.enabled(if: PythonPPTX.isAvailable, "needs python3 with python-pptx (pip install python-pptx)"))
struct ReadBackTests {
  func expectRoundTrip(_ deck: Deck, options: PowerPointOptions = PowerPointOptions()) throws {
    let file = try PowerPointWriter.write(deck, options: options)
    let read = try PythonPPTX.read(file.data)
    #expect(read.width == options.width * 9525 && read.height == options.height * 9525)
    #expect(read.slides.count == deck.slides.count)
    for (slide, summary) in zip(deck.slides, read.slides) {
      let expectedTables = slide.tables.map { table in ([table.header] + table.rows).map { $0.cells.map(\.text) } }
      #expect(summary.tables == expectedTables, "slide \(slide.number): table cells differ")
      let notes = slide.notes.map(\.text).joined(separator: "\n\n")
      #expect((summary.notes ?? "") == notes, "slide \(slide.number): notes differ")
      // A slide's first heading is its title placeholder (unless it holds only a background image).
      if let title = slide.title, !title.isEmpty, firstHeadingHasNoImage(slide) {
        #expect(summary.title == title, "slide \(slide.number): title differs")
      }
    }
  }

  func firstHeadingHasNoImage(_ slide: Slide) -> Bool {
    for block in slide.blocks {
      guard case .heading(let heading) = block.kind else { continue }
      return !heading.inlines.contains { if case .image = $0.kind { true } else { false } }
    }
    return true
  }

  @Test func inlineDeck() throws {
    try expectRoundTrip(Deck(source: .inline(PowerPointWriterTests.deckText, path: "talk.md")))
  }

  @Test(.enabled(if: TestPaths.seed("000") != nil, "needs ../shared/seeds"))
  func seed000() throws {
    let deck = Deck(source: try .at(#require(TestPaths.seed("000"))))
    #expect(deck.slides.count == 45)
    #expect(deck.slides.contains { !$0.tables.isEmpty })
    try expectRoundTrip(deck)
  }

  @Test func demoDeckFridayDeploys() throws {
    let url = TestPaths.repositoryRoot().appendingPathComponent("decks/friday-deploys.md")
    let deck = Deck(source: try .at(url))
    #expect(deck.slides.contains { !$0.notes.isEmpty } && deck.slides.contains { !$0.tables.isEmpty })
    try expectRoundTrip(deck, options: PowerPointOptions(width: 960, height: 720))
  }

  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared/corpus"))
  func everyCorpusDeckReadsBack() throws {
    let folder = try #require(TestPaths.shared).appendingPathComponent("corpus/decks")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".md") && $0 != "SOURCES.md"
    }.sorted()
    #expect(!files.isEmpty)
    for name in files.prefix(12) {
      try expectRoundTrip(Deck(source: try .at(folder.appendingPathComponent(name))))
    }
  }
}
