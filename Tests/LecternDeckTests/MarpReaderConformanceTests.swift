import LecternCore
import LecternMarkdown
import LecternTestSupport
import Testing

@testable import LecternDeck

/// The deck model against Marp's documented behaviour: markdown-it-front-matter 0.2.x (an unclosed block is
/// closed by the end of the document, `...` closes it), Marpit's magic comments and inline comment rule, and
/// Marpit's background images.
@Suite struct MarpReaderConformanceTests {
  private func deck(_ text: String) -> Deck { Deck(source: .inline(text)) }

  @Test func unterminatedFrontMatterIsTheWholeFileAndOneEmptySlide() {
    let d = deck("---\nmarp: true\ntheme: gaia\n\n# Title\n\n- a list\n\n***\n\nSecond\n")
    #expect(d.slides.count == 1, "Marp renders one empty slide")
    #expect(d.slides[0].blocks.isEmpty)
    #expect(d.frontMatter != nil)
    #expect(d.diagnostics.contains { $0.code == .frontMatterUnterminated && $0.range?.start.line == 1 })
  }

  @Test func unterminatedFrontMatterStillSetsItsDirectives() {
    let d = deck("---\nmarp: true\ntheme: gaia\n")
    #expect(d.globalDirectives["theme"] == "gaia")
    #expect(d.slides.count == 1)
  }

  @Test(arguments: ["...", "...  ", "---"])
  func dotsOrDashesCloseFrontMatter(_ closing: String) {
    let d = deck("---\nmarp: true\ntheme: gaia\n\(closing)\n\n# A\n\n---\n\n# B\n")
    #expect(d.globalDirectives["theme"] == "gaia")
    #expect(d.slides.map(\.title) == ["A", "B"])
    #expect(!d.diagnostics.contains { $0.code == .frontMatterUnterminated })
  }

  @Test(arguments: [
    "prettier-ignore", "prettier-ignore-start", "prettier-ignore-end", "markdownlint-disable MD033",
    "markdownlint-disable-next-line", "markdownlint-enable", "markdownlint-capture", "markdownlint-restore",
    "lint disable no-html", "lint enable", "lint ignore maximum-line-length", "lectern-disable-next-line table-pipe-style",
    "lectern-disable mojibake", "lectern-enable mojibake",
  ])
  func toolCommentsAreNotSpeakerNotes(_ comment: String) {
    let d = deck("---\nmarp: true\n---\n\n<!-- \(comment) -->\n\n# A\n\n<!-- a real note -->\n")
    #expect(d.slides[0].notes.map(\.text) == ["a real note"])
    #expect(d.slides[0].writtenDirectives.isEmpty)
  }

  @Test(arguments: ["lint disabled by default", "markdownlint is great", "prettier-ignored"])
  func commentsThatOnlyLookLikeToolCommentsAreNotes(_ comment: String) {
    let d = deck("---\nmarp: true\n---\n\n# A\n\n<!-- \(comment) -->\n")
    #expect(d.slides[0].notes.map(\.text) == [comment])
  }

  @Test func inlineCommentWithDoubleDashIsACommentAndANote() {
    let d = deck("---\nmarp: true\n---\n\n# A\n\nText <!-- TODO -- check --> more\n")
    #expect(d.slides[0].notes.map(\.text) == ["TODO -- check"])
    #expect(d.slides[0].notes.first?.range?.start == SourceLocation(line: 7, column: 6))
    guard case .paragraph(let inlines) = d.slides[0].blocks.last?.kind else {
      Issue.record("expected a paragraph")
      return
    }
    #expect(inlines.plainText == "Text  more", "the comment is not visible text")
  }

  @Test func inlineCommentWithDoubleDashCanBeADirective() {
    let d = deck("---\nmarp: true\n---\n\n# A\n\nText <!-- _class: lead -- x --> more\n")
    #expect(d.slides[0].notes.isEmpty)
    #expect(d.slides[0].directives["class"] == "lead -- x")
  }

  @Test(arguments: ["![bg]()", "![bg]( )", "![bg contain]()"])
  func backgroundsWithAnEmptyURLAreIgnored(_ image: String) {
    let d = deck("---\nmarp: true\n---\n\n\(image)\n\n# A\n")
    #expect(d.slides[0].backgrounds.isEmpty)
  }

  @Test func unclosedFenceThatSwallowsSlidesIsReported() {
    let d = deck("---\nmarp: true\n---\n\n# A\n\n```swift\nlet x = 1\n\n---\n\n# B\n")
    #expect(d.slides.count == 1, "Marp reads the rest as code too")
    let found = d.diagnostics.filter { $0.code == .unclosedCodeFence }
    #expect(found.count == 1)
    #expect(found.first?.range?.start == SourceLocation(line: 7, column: 1))
    #expect(found.first?.message.contains("1 slide break") == true)
  }

  @Test func closedFenceIsNotReported() {
    let d = deck("---\nmarp: true\n---\n\n```\n---\n```\n\n---\n\n# B\n")
    #expect(d.slides.count == 2)
    #expect(!d.diagnostics.contains { $0.code == .unclosedCodeFence })
  }

  @Test func mathBlockInterruptsAParagraphSoTheNextRuleIsASlideBreak() {
    let d = deck("---\nmarp: true\n---\n\nText\n$$\nx^2\n$$\n---\n\n# B\n")
    #expect(d.slides.count == 2, "Marp Core: `$$` ends the paragraph, `---` after it is a slide break, not a setext underline")
    #expect(d.slides[0].title == nil)
    #expect(d.slides[1].title == "B")
    guard case .paragraph(let math)? = d.slides[0].blocks.last?.kind else {
      Issue.record("expected the math paragraph")
      return
    }
    #expect(math.plainText == "$$ x^2 $$")
    #expect(d.slides[0].blocks.last?.range == SourceRange(line: 6, column: 1, endLine: 8, endColumn: 2))
  }

  @Test func oneLineMathBlockInterruptsAParagraph() {
    let d = deck("---\nmarp: true\n---\n\nText\n$$ e = mc^2 $$\n---\n\nB\n")
    #expect(d.slides.count == 2)
  }

  @Test func unclosedMathBlockRunsToTheEndOfTheDocument() {
    let d = deck("---\nmarp: true\n---\n\n# A\n\n$$\nx^2\n\n---\n\n# B\n")
    #expect(d.slides.count == 1, "Marp Core reads the rest of the file as the formula")
    #expect(MathBlocks.spans(in: .inline("$$\nx\n\n---\n")) == [MathBlocks.Span(open: 1, close: 5, isClosed: false)])
  }

  @Test func dollarsInCodeFencesAreNotMath() {
    let d = deck("---\nmarp: true\n---\n\n```\n$$\n```\n\n---\n\nB\n")
    #expect(d.slides.count == 2)
    #expect(MathBlocks.spans(in: .inline("```\n$$\n```\n")).isEmpty)
  }

  @Test func closingDollarsAtTheEndOfAContentLineCloseTheBlock() {
    let d = deck("---\nmarp: true\n---\n\n$$\nx^2 + 1 $$\n\n---\n\nB\n")
    #expect(d.slides.count == 2)
  }

  /// From the corpus (marpstyle's example deck): four one-line formulas in a row are four blocks in Marp Core,
  /// not one paragraph.
  @Test func consecutiveOneLineMathBlocksAreSeparateBlocks() {
    let d = deck("---\nmarp: true\n---\n\n# Eq\n\n$$a$$\n$$b = 1$$\n$$c$$\nText after\n")
    let paragraphs = d.slides[0].blocks.compactMap { block -> String? in
      if case .paragraph(let inlines) = block.kind { return inlines.plainText } else { return nil }
    }
    #expect(paragraphs == ["$$a$$", "$$b = 1$$", "$$c$$", "Text after"])
  }
}
