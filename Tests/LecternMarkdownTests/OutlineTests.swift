import LecternCore
import LecternTestSupport
import Testing

@testable import LecternMarkdown

@Suite struct OutlineTests {
  @Test func sectionsNestByLevel() {
    let doc = MarkdownDocument(parsing: .inline("intro\n\n# A\n\na\n\n## A1\n\n| x |\n|---|\n| 1 |\n\n# B\n\nb\n"))
    let outline = Outline(blocks: doc.blocks)
    #expect(outline.preamble.count == 1)
    #expect(outline.sections.map(\.title) == ["A", "B"])
    #expect(outline.sections[0].subsections.map(\.title) == ["A1"])
    #expect(outline.sections[0].tables.count == 1)
    #expect(outline.sections[0].range == SourceRange(line: 3, column: 1, endLine: 11, endColumn: 5))
  }
}
