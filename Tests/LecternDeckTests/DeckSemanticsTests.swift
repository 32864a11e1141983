import LecternCore
import LecternMarkdown
import LecternTestSupport
import Testing

@testable import LecternDeck

/// Marp's rules, one behaviour per test (Marpit's documentation and source are the reference).
@Suite struct DeckSemanticsTests {
  private func deck(_ text: String) -> Deck { Deck(source: .inline(text)) }

  @Test(arguments: ["---", "***", "___", "- - -", "-----"])
  func everyTopLevelRuleSplits(_ rule: String) {
    #expect(deck("---\nmarp: true\n---\n\nA\n\n\(rule)\n\nB\n").slides.count == 2)
  }

  @Test func rulesInsideFencesQuotesListsAndHTMLDoNotSplit() {
    let text = """
      ---
      marp: true
      ---

      ```yaml
      ---
      a: 1
      ---
      ```

      > quote
      > ***

      - item

        ---

      <div>
      ---
      </div>
      """
    #expect(deck(text).slides.count == 1)
  }

  @Test func setextUnderlineIsAHeadingNotASplit() {
    let d = deck("---\nmarp: true\n---\n\nTitle\n---\n\ntext\n")
    #expect(d.slides.count == 1)
    #expect(d.slides[0].title == "Title")
  }

  @Test func trailingRuleMakesAnEmptyLastSlide() {
    let d = deck("---\nmarp: true\n---\n\nA\n\n---\n")
    #expect(d.slides.count == 2)
    #expect(d.slides[1].blocks.isEmpty)
  }

  @Test func emptyFileIsOneEmptySlide() {
    let d = deck("")
    #expect(d.slides.count == 1)
    #expect(d.diagnostics.map(\.code) == ["empty-deck"])
  }

  @Test func localDirectivesInheritForwardSpotDirectivesDoNot() {
    let d = deck(
      """
      ---
      marp: true
      paginate: true
      _class: title
      ---

      one

      ---

      <!-- backgroundColor: aqua -->
      <!-- _color: red -->

      two

      ---

      three
      """)
    #expect(d.slides.map(\.classes) == [["title"], [], []])
    #expect(d.slides.map { $0.directives["backgroundColor"] } == [nil, "aqua", "aqua"])
    #expect(d.slides.map { $0.directives["color"] } == [nil, "red", nil])
    #expect(d.slides.map(\.directives.paginate) == [.shown, .shown, .shown])
  }

  @Test func aLocalDirectiveAppliesToTheWholeSlideItIsOn() {
    let d = deck("---\nmarp: true\n---\n\nfirst\n\n<!-- class: late -->\n")
    #expect(d.slides[0].classes == ["late"])
  }

  @Test func globalDirectivesLastOneWinsForAllSlides() {
    let d = deck("---\nmarp: true\ntheme: gaia\n---\n\nA\n\n---\n\n<!-- theme: uncover -->\n\n---\n\n<!-- theme: default -->\n")
    #expect(d.globalDirectives["theme"] == "default")
  }

  @Test func commentsThatAreNotDirectivesAreNotesInOrder() {
    let d = deck(
      """
      ---
      marp: true
      ---

      <!-- first note -->

      # Title <!-- inline note -->

      <!-- Note: has a colon but no directive key -->
      <!-- _class: lead -->
      """)
    #expect(d.slides[0].notes.map(\.text) == ["first note", "inline note", "Note: has a colon but no directive key"])
    #expect(d.slides[0].classes == ["lead"])
  }

  @Test func misspelledDirectiveBecomesANoteAndIsReported() throws {
    let marked = MarkedText("---\nmarp: true\n---\n\n<!-- ↓BackgroundColor: white -->\n")
    let d = deck(marked.text)
    #expect(d.slides[0].notes.map(\.text) == ["BackgroundColor: white"])
    let diagnostic = try #require(d.diagnostics.first { $0.code == "unknown-directive" })
    #expect(diagnostic.range?.start == marked.markers[0])
    #expect(diagnostic.message.contains("'backgroundColor'"))
  }

  @Test func classWithStraySemicolonIsKeptAsWrittenAndReported() throws {
    let marked = MarkedText("---\nmarp: true\n---\n\n<!-- ↓_class: split; -->\n")
    let d = deck(marked.text)
    #expect(d.slides[0].classes == ["split;"])
    let diagnostic = try #require(d.diagnostics.first { $0.code == "invalid-directive-value" })
    #expect(diagnostic.range?.start == marked.markers[0])
  }

  @Test func looseYAMLLetsUnquotedValuesWithColonsThrough() {
    let d = deck("---\nmarp: true\nfooter: ![w:150 invert](logo.png)\n---\n\n<!-- header: <b>A</b>: b -->\n")
    #expect(d.slides[0].directives["footer"] == "![w:150 invert](logo.png)")
    #expect(d.slides[0].directives["header"] == "<b>A</b>: b")
  }

  @Test func headingDividerStartsSlidesAtHeadings() {
    let d = deck("---\nmarp: true\nheadingDivider: 2\n---\n\n# A\n\ntext\n\n## B\n\n### not split\n\n#\n\n# C\n")
    #expect(d.slides.map(\.title) == ["A", "B", "", "C"])
    #expect(d.slides.map(\.openedBy) == [.start, .headingDivider, .headingDivider, .headingDivider])
  }

  @Test func headingDividerDoesNotSplitBeforeTheFirstVisibleContent() {
    let d = deck("---\nmarp: true\nheadingDivider: 1\n---\n\n<!-- _class: x -->\n\n# A\n")
    #expect(d.slides.count == 1)
    #expect(d.slides[0].classes == ["x"])
  }

  @Test func backgroundKeywords() {
    let d = deck(
      "---\nmarp: true\n---\n\n![bg left:40% fit](a.png)\n![bg vertical h:300 sepia blur:5px](b.png)\n![w:200 logo](c.png)\n")
    let s = d.slides[0]
    #expect(s.backgrounds.count == 2)
    #expect(s.backgrounds[0].split == .left)
    #expect(s.backgrounds[0].splitSize == "40%")
    #expect(s.backgrounds[0].size == "contain")
    #expect(s.backgrounds[1].direction == .vertical)
    #expect(s.backgrounds[1].height == "300px")
    #expect(s.backgrounds[1].filters == [ImageFilter(name: "sepia", value: "1"), ImageFilter(name: "blur", value: "5px")])
    #expect(s.images.map(\.url) == ["c.png"])
    #expect(s.images[0].width == "200px")
    #expect(s.images[0].alt == "logo")
  }

  @Test func fitHeadingsAreNotNotes() {
    let d = deck("---\nmarp: true\n---\n\n# <!--fit--> Big\n\n## Also big <!-- fit -->\n")
    #expect(d.slides[0].fitHeadings.map(\.text) == ["Big", "Also big"])
    #expect(d.slides[0].notes.isEmpty)
    #expect(d.slides[0].title == "Big")
  }

  @Test func scopedAndGlobalStyles() {
    let d = deck(
      "---\nmarp: true\n---\n\n<style scoped>\nh1 { color: red; }\n</style>\n\n---\n\n<style>\nsection { padding: 0; }\n</style>\n"
    )
    #expect(d.slides[0].scopedStyles.map(\.css) == ["h1 { color: red; }"])
    #expect(d.styles.map(\.css) == ["section { padding: 0; }"])
  }

  @Test func unclosedCommentIsAnErrorAtItsStart() throws {
    let d = deck("---\nmarp: true\n---\n\nA\n\n<!-- oops\n\n---\n\nB\n")
    #expect(d.slides.count == 1)
    let diagnostic = try #require(d.diagnostics.first { $0.code == "unclosed-comment" })
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.range?.start == SourceLocation(line: 7, column: 1))
  }

  @Test func invalidFrontMatterYAMLNamesItsLine() throws {
    let d = deck("---\nmarp: true\ntheme: [unclosed\n---\n\nA\n")
    let diagnostic = try #require(d.diagnostics.first { $0.code == "front-matter-yaml" })
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.range?.start.line == 3)
  }

  @Test func unterminatedFrontMatterIsAnError() {
    let d = deck("---\nmarp: true\n\n# A\n")
    #expect(d.diagnostics.map(\.code).contains("front-matter-unterminated"))
  }

  @Test func frontMatterOnlyAtTheFirstByte() {
    let d = deck("\n---\nmarp: true\n---\n\nA\n")
    #expect(d.frontMatter == nil)
    #expect(DocumentKind.detect(.inline("\n---\nmarp: true\n---\n")) == .document)
    #expect(DocumentKind.detect(.inline("---\nmarp: true\n---\n")) == .deck)
  }

  @Test func decksWithoutMarpTrueAreStillDecks() {
    // Marp CLI converts any Markdown; a Marp directive in front matter or a directive comment says "deck".
    #expect(DocumentKind.detect(.inline("---\ntheme: gaia\npaginate: true\n---\n\n# A\n")) == .deck)
    #expect(DocumentKind.detect(.inline("# A\n\n---\n\n<!-- _class: lead -->\n\n# B\n")) == .deck)
    // Postmortem front matter and ordinary rules do not.
    #expect(DocumentKind.detect(.inline("---\ntitle: Outage\nseverity: 2\n---\n\n# Summary\n\n---\n")) == .document)
    #expect(DocumentKind.detect(.inline("# Notes\n\n---\n\n<!-- a note -->\n")) == .document)
  }

  @Test func slideRangesFollowTheirRules() {
    let d = deck("---\nmarp: true\n---\n\n# A\n\n---\n\n# B\n")
    #expect(d.slides[0].range == SourceRange(line: 5, column: 1, endLine: 5, endColumn: 3))
    #expect(d.slides[1].range == SourceRange(line: 7, column: 1, endLine: 9, endColumn: 3))
  }
}
