import Foundation
import LecternCore
import LecternMarkdown
import LecternTestSupport
import Testing

@testable import LecternDeck

/// Real-world decks from `../shared/corpus/decks`: slide and note counts as Marp CLI computes
/// them, read from the corpus's own `SOURCES.md` table.
struct CorpusDeck: CustomTestStringConvertible, Sendable {
  let file: String
  let slides: Int
  let notes: Int
  var testDescription: String { file }

  static var all: [CorpusDeck] {
    guard let folder = TestPaths.shared?.appendingPathComponent("corpus/decks"),
      let table = try? String(contentsOf: folder.appendingPathComponent("SOURCES.md"), encoding: .utf8)
    else { return [] }
    return table.split(separator: "\n").compactMap { line in
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count > 7, cells[1].hasPrefix("`"), let slides = Int(cells[5]), let notes = Int(cells[6]) else { return nil }
      return CorpusDeck(file: cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")), slides: slides, notes: notes)
    }
  }
}

@Suite(.enabled(if: !CorpusDeck.all.isEmpty, "../shared/corpus is absent: corpus tests skipped"))
struct CorpusTests {
  @Test(arguments: CorpusDeck.all)
  func slideAndNoteCountsMatchMarp(_ expected: CorpusDeck) throws {
    let url = try #require(TestPaths.shared?.appendingPathComponent("corpus/decks/\(expected.file)"))
    let source = try SourceFile.at(url)
    #expect(DocumentKind.detect(source) == .deck)
    let deck = Deck(source: source)
    #expect(deck.slides.count == expected.slides)
    #expect(deck.slides.reduce(0) { $0 + $1.notes.count } == expected.notes)
    #expect(!deck.diagnostics.contains { $0.severity == .error })
  }

  @Test func corpusHasTheTwelveDecks() {
    #expect(CorpusDeck.all.count == 12)
  }

  @Test func upstreamFirstMisspelledDirectiveIsFound() throws {
    let url = try #require(
      TestPaths.shared?.appendingPathComponent("corpus/decks/JanMaackKjerbye__public-slides__docs_Upstream_first.md"))
    let deck = Deck(source: try SourceFile.at(url))
    #expect(deck.diagnostics.contains { $0.code == "unknown-directive" && $0.message.contains("BackgroundColor") })
  }

  @Test func everyPostmortemReadsWithoutError() throws {
    let folder = try #require(TestPaths.shared?.appendingPathComponent("corpus/postmortems"))
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".md") && $0 != "SOURCES.md"
    }
    #expect(files.count == 10)
    for file in files {
      let doc = ProseDocument(source: try SourceFile.at(folder.appendingPathComponent(file)))
      #expect(!doc.outline.sections.isEmpty, "\(file) has sections")
      #expect(!doc.diagnostics.contains { $0.severity == .error }, "\(file)")
    }
  }
}
