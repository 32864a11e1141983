import Foundation
import LecternCore
import LecternMarkdown
import LecternTestSupport
import Testing

@testable import LecternDeck

/// The five documents Lectern was conceived from, read from `../shared/seeds`.
@Suite(.enabled(if: TestPaths.seed("000") != nil, "../shared/seeds is absent: seed tests skipped"))
struct SeedTests {
  private func load(_ prefix: String) throws -> SourceFile {
    try SourceFile.at(try #require(TestPaths.seed(prefix)))
  }

  @Test func seed000IsADeckOf45SlidesAsMarpReadsIt() throws {
    let source = try load("000")
    #expect(DocumentKind.detect(source) == .deck)
    let deck = Deck(source: source)
    // 46 lines of `---`: two close the front matter's YAML, 44 split, the last one leaves an empty slide.
    #expect(deck.slides.count == 45)
    #expect(deck.slides[44].blocks.isEmpty)
    #expect(deck.globalDirectives["theme"] == "default")
    #expect(deck.frontMatter?.allowsHTML == true)
  }

  @Test func seed000TitlesClassesAndFitHeadings() throws {
    let deck = Deck(source: try load("000"))
    #expect(deck.slides[0].title == "Disclaimer")
    #expect(deck.slides[0].fitHeadings.map(\.text) == ["Disclaimer"])
    #expect(deck.slides[4].fitHeadings.map(\.text) == ["To Be Continued ..."])
    #expect(deck.slides[17].title == "Mo code, mo bugs")
    #expect(deck.slides[27].title == "How often do you deploy?")
    #expect(deck.slides[43].title == "Long Term")
    let split = deck.slides.filter { $0.classes == ["split"] }.map(\.number)
    #expect(split == [3, 8, 17, 18, 19, 20, 22, 23, 26, 27, 29, 34, 37, 38, 41])
    // The typo as written: Marp gives this slide the class "split;", which no theme styles.
    #expect(deck.slides[20].classes == ["split;"])
    #expect(deck.diagnostics.contains { $0.code == "invalid-directive-value" && $0.range?.start.line == 153 })
  }

  @Test func seed000Backgrounds() throws {
    let deck = Deck(source: try load("000"))
    let office = try #require(deck.slides[2].backgrounds.first)
    #expect(office.url == "../assets/01_office.png")
    #expect(office.split == .left)
    #expect(office.splitSize == "60%")
    #expect(office.size == nil)
    let fitLeft = try #require(deck.slides[6].backgrounds.first)
    #expect((fitLeft.size, fitLeft.split, fitLeft.splitSize) == ("contain", .left, "60%"))
    let logos = deck.slides[15].backgrounds
    #expect(
      logos.map { ($0.url as NSString).lastPathComponent } == [
        "01_anthropic.png", "01_meta.png", "01_microsoft.png", "01_google.png",
      ])
    #expect(logos[0].direction == .vertical)
    #expect(logos.map(\.height) == ["300px", "300px", "200px", "300px"])
    // 24 `![bg …]` images in the file, each one a background of its slide.
    #expect(deck.slides.reduce(0) { $0 + $1.backgrounds.count } == 24)
  }

  @Test func seed000SevenTablesCellForCell() throws {
    let deck = Deck(source: try load("000"))
    let located = deck.slides.flatMap { s in s.tables.map { (s.number, $0) } }
    #expect(located.map(\.0) == [28, 29, 30, 31, 32, 43, 44])
    let header = ["Metric", "High Performers", "Mid Performers", "Low Performers"]
    for (_, t) in located.prefix(5) { #expect(t.header.cells.map(\.text) == header) }
    #expect(
      located[0].1.rows.map { $0.cells.map(\.text) } == [
        ["Deployment Frequency", "Multiple times/day", "Weekly to monthly", "Less than monthly"]
      ])
    #expect(located[2].1.rows.map { $0.cells.map(\.text) } == [["Change Failure Rate", "<15%", "15-30%", ">30%"]])
    // A block quote right under a table ends it: one body row, not seven.
    #expect(located[3].1.rows.map { $0.cells.map(\.text) } == [["Time to Restore Service", "<1 hour", "<1 day", ">1 day"]])
    let dora = located[4].1
    #expect(
      dora.rows.map { $0.cells.map(\.text) } == [
        ["Deployment Frequency", "Multiple times/day", "Weekly to monthly", "Less than monthly"],
        ["Lead Time for Changes", "Hours", "Days", "Weeks to months"],
        ["Change Failure Rate", "<15%", "15-30%", ">30%"],
        ["Time to Restore Service", "<1 hour", "<1 day", ">1 day"],
      ])
    #expect(dora.range == SourceRange(line: 258, column: 1, endLine: 263, endColumn: 115))
    let shortTerm = located[5].1
    #expect(shortTerm.header.cells.map(\.text) == ["Team", "What"])
    #expect(shortTerm.rows.map { $0.cells[0].text } == ["SRE", "Data", "UI", "C++"])
    #expect(shortTerm.rows[0].cells[1].text == "Alert on 85% of disk usage & Runbook update")
    let longTerm = located[6].1
    #expect(longTerm.header.cells.map(\.text) == ["Team", "Focus", "DORA Metric"])
    #expect(
      longTerm.rows.map { $0.cells[2].text } == [
        "Deployment Frequency", "Lead Time for Changes", "Change Failure Rate", "Time to Restore Service",
      ])
    for (_, t) in located { for row in t.rows { #expect(row.cells.allSatisfy { !$0.isSynthesized }) } }
  }

  @Test func seed001HasNoPipeTablesOnlyTabSeparatedLines() throws {
    let source = try load("001")
    #expect(DocumentKind.detect(source) == .document)
    let doc = ProseDocument(source: source)
    #expect(doc.tables.isEmpty)
    let tabbed = (1...source.lineCount).filter { source.line($0)?.contains("\t") ?? false }
    // Seven pasted tables: the 4-row DORA table twice over, then five single-metric tables.
    #expect(tabbed.count >= 7 * 2)
    #expect(doc.outline.sections.map(\.title).contains("DORA"))
  }

  @Test(arguments: ["002", "003"])
  func postmortemNotesHaveTheirSectionsAndActionTables(_ prefix: String) throws {
    let doc = ProseDocument(source: try load(prefix))
    #expect(doc.title == "Postmortem Actions Table")
    let titles = doc.outline.sections.map(\.title)
    #expect(titles == ["Postmortem Actions Table", "Short Term", "Long Term", "Speaker Notes Narrative"])
    let short = try #require(doc.outline.sections[1].tables.first)
    #expect(short.header.cells.map(\.text) == ["Team", "What"])
    #expect(short.rows.count == 4)
    let long = try #require(doc.outline.sections[2].tables.first)
    #expect(long.header.cells.map(\.text) == ["Team", "Focus", "DORA Metric"])
    #expect(long.rows.map { $0.cells[0].text } == ["SRE", "C++", "Data", "UI"])
  }

  @Test func seed003NarrativeSubsectionsPerTeam() throws {
    let doc = ProseDocument(source: try load("003"))
    let narrative = doc.outline.sections[3]
    #expect(
      narrative.subsections.map(\.title) == [
        "Opening Story Cliffhanger", "Short-Term Actions", "Long-Term Focus", "Closing Thoughts",
      ])
    #expect(narrative.subsections[1].subsections.map(\.title) == ["SRE Team", "Data Team", "UI Team", "C++ Team"])
    #expect(narrative.subsections[2].subsections.map(\.title) == ["SRE Team", "C++ Team", "Data Team", "UI Team"])
  }

  @Test func seed004StrategyWithSeverityTable() throws {
    let doc = ProseDocument(source: try load("004"))
    #expect(
      doc.outline.sections.map(\.title) == [
        "Engineering Excellence Strategy", "1. Change lead time", "2. Deployment frequency", "3. Change fail percentage",
        "4. Mean time-to-restore (MTTR)",
      ])
    let severity = try #require(doc.tables.first)
    #expect(doc.tables.count == 1)
    #expect(severity.header.cells.map(\.text) == ["Severity", "Description", "Examples", "Response Time"])
    #expect(
      severity.rows.map { [$0.cells[0].text, $0.cells[3].text] } == [["1", "30 minutes"], ["2", "1 Hours"], ["3", "24 Hours"]])
  }
}
