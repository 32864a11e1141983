import LecternCore
import LecternTestSupport
import Testing

@testable import LecternMarkdown

@Suite struct TableTests {
  private func table(_ text: String) throws -> Table {
    try #require(MarkdownDocument(parsing: .inline(text)).tables.first)
  }

  @Test func headerAlignmentsAndCells() throws {
    let t = try table("| a | b | c | d |\n|---|:--|:-:|--:|\n| 1 | 2 | 3 | 4 |\n")
    #expect(t.alignments == [.none, .left, .center, .right])
    #expect(t.header.cells.map(\.text) == ["a", "b", "c", "d"])
    #expect(t.rows.map { $0.cells.map(\.text) } == [["1", "2", "3", "4"]])
    #expect(t.rows[0].cells[1].range == SourceRange(line: 3, column: 6, endLine: 3, endColumn: 8))
  }

  @Test func shortRowIsPaddedWithSynthesizedCells() throws {
    let t = try table("| a | b | c |\n|---|---|---|\n| 1 |\n")
    #expect(t.rows[0].cells.map(\.isSynthesized) == [false, true, true])
    #expect(t.rows[0].cells[1].range == nil)
  }

  @Test func longRowKeepsItsSourceLineWhileCmarkDropsCells() throws {
    let t = try table("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n")
    #expect(t.rows[0].cells.count == 2)
    #expect(t.rows[0].sourceLine == "| 1 | 2 | 3 |")
  }

  @Test func escapedPipeStaysInTheCell() throws {
    let t = try table("| a | b |\n|---|---|\n| x \\| y | z |\n")
    #expect(t.rows[0].cells.map(\.text) == ["x | y", "z"])
    // Inline positions inside a cell with an escaped pipe are shifted by cmark-gfm: dropped, not wrong.
    for inline in t.rows[0].cells[0].inlines { #expect(inline.range == nil) }
  }

  @Test func pipeInsideCodeSpanStillSplits() throws {
    // GFM splits on the pipe before it sees the code span.
    let t = try table("| a | b | c |\n|---|---|---|\n| `x|y` | z |\n")
    #expect(t.rows[0].cells.map(\.text) == ["`x", "y`", "z"])
  }

  @Test func delimiterRowWithWrongCountIsNoTable() {
    let doc = MarkdownDocument(parsing: .inline("| a | b |\n|---|\n| 1 | 2 |\n"))
    #expect(doc.tables.isEmpty)
  }

  @Test func multiByteCellColumns() throws {
    let marked = MarkedText("| 🚀 | é |\n|---|---|\n| ü |↓ x |\n")
    let t = try table(marked.text)
    #expect(t.rows[0].cells[1].range?.start == marked.markers[0])
  }
}
