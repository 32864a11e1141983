import Foundation
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternMarkdown

@Suite struct SourcePositionTests {
  @Test func rangesAreInTheOriginalFileAfterSkippedLines() throws {
    // Lines 1-3 stand for front matter that was cut off before parsing.
    let source = SourceFile.inline("---\nmarp: true\n---\n# Title\n\ntext\n")
    let doc = MarkdownDocument(parsing: source, fromLine: 4)
    #expect(doc.blocks.count == 2)
    #expect(doc.blocks[0].range == SourceRange(line: 4, column: 1, endLine: 4, endColumn: 7))
    #expect(doc.blocks[1].range == SourceRange(line: 6, column: 1, endLine: 6, endColumn: 4))
  }

  @Test func frontMatterParsedWholeBecomesRuleAndSetextHeading() {
    // The reason front matter is cut off first: cmark-gfm alone reads it as Markdown.
    let doc = MarkdownDocument(parsing: .inline("---\nmarp: true\n---\n"))
    guard case .thematicBreak = doc.blocks.first?.kind, case .heading(let h) = doc.blocks.last?.kind else {
      Issue.record("expected a rule and a setext heading, got \(doc.blocks.map(\.kind))")
      return
    }
    #expect(h.isSetext)
  }

  @Test func columnsCountCharactersNotBytes() throws {
    let marked = MarkedText("🚀 é ↓**bold**\n")
    let doc = MarkdownDocument(parsing: .inline(marked.text))
    guard case .paragraph(let inlines) = doc.blocks.first?.kind else {
      Issue.record("expected a paragraph")
      return
    }
    let strong = try #require(inlines.first { if case .strong = $0.kind { true } else { false } })
    #expect(strong.range?.start == marked.markers[0])
  }

  @Test func crlfAndByteOrderMark() {
    let source = SourceFile.inline("\u{FEFF}# A\r\n\r\nb\r\n")
    #expect(source.hadByteOrderMark)
    let doc = MarkdownDocument(parsing: source)
    #expect(
      doc.blocks.map(\.range) == [
        SourceRange(line: 1, column: 1, endLine: 1, endColumn: 3),
        SourceRange(line: 3, column: 1, endLine: 3, endColumn: 1),
      ])
  }

  @Test func multiLineHTMLBlockRangeCoversAllItsLines() {
    // cmark-gfm reports this block as ending on line 1; the converter corrects it.
    let doc = MarkdownDocument(parsing: .inline("<!-- a\nb\n-->\n\ntext\n"))
    #expect(doc.blocks[0].range == SourceRange(line: 1, column: 1, endLine: 3, endColumn: 3))
  }

  @Test func softBreaksHaveNoRangeRatherThanAWrongOne() {
    let doc = MarkdownDocument(parsing: .inline("a\nb\n"))
    guard case .paragraph(let inlines) = doc.blocks[0].kind else {
      Issue.record("expected a paragraph")
      return
    }
    #expect(inlines.map(\.kind) == [.text("a"), .softBreak, .text("b")])
    #expect(inlines[1].range == nil)
  }

  @Test func rangeEndIsNeverBeforeStart() throws {
    // An unclosed comment at the end of the file once came back as 9:1-8:0.
    let text = "a\n\n<!-- x"
    let doc = MarkdownDocument(parsing: .inline(text))
    for block in doc.blocks {
      let r = try #require(block.range)
      #expect(r.start <= r.end)
    }
  }

  @Test func invalidUTF8IsReportedWithItsPosition() {
    let bytes: [UInt8] = Array("# ok\nab ".utf8) + [0xFF] + Array(" c\n".utf8)
    #expect(throws: InputError.invalidUTF8(path: "x.md", line: 2, column: 4, byte: 0xFF)) {
      try SourceFile.decode(.init(bytes), path: "x.md")
    }
  }

  @Test func binaryFileIsRejected() {
    #expect(throws: InputError.binary(path: "x.md", line: 1, column: 3)) {
      try SourceFile.decode(.init([0x61, 0x62, 0x00, 0x63]), path: "x.md")
    }
  }
}
