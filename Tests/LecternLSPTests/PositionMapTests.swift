import LecternCore
import LecternTestSupport
import Testing

@testable import LecternLSP

/// Lectern counts columns in Unicode scalars with inclusive ends; the protocol counts UTF-16 units with
/// exclusive ends. Emoji (two units) and CJK (one unit, three UTF-8 bytes) before a position tell them apart.
@Suite struct PositionMapTests {
  private let map = PositionMap(source: .inline("# Title\n| 😀 表 | x |\ncafé 😀😀 end\n"))

  @Test func startsAndEndsCountUTF16Units() {
    // Line 2, the "x" is scalar column 9; before it: "| 😀 表 | " = 8 scalars, 9 UTF-16 units.
    let r = map.range(SourceRange(line: 2, column: 9, endLine: 2, endColumn: 9))
    #expect(r.start == LSP.Position(line: 1, character: 9))
    #expect(r.end == LSP.Position(line: 1, character: 10))
    // A range that covers the two emoji on line 3: scalars 6...7, units 5..<9.
    let emoji = map.range(SourceRange(line: 3, column: 6, endLine: 3, endColumn: 7))
    #expect(emoji.start.character == 5 && emoji.end.character == 9)
  }

  @Test func aColumnPastTheLineEndIsTheLineEnd() {
    let r = map.range(SourceRange(line: 2, column: 12, endLine: 2, endColumn: 40))
    #expect(r.start.character == "| 😀 表 | x |".utf16.count)
    #expect(r.end.character == "| 😀 表 | x |".utf16.count)
  }

  @Test func byteOffsetsAndBack() {
    let source = map.source
    // The UTF-8 offset of "x" on line 2.
    let x = source.lineStarts[1] + "| 😀 表 | ".utf8.count
    #expect(map.position(atOffset: x) == LSP.Position(line: 1, character: 9))
    #expect(map.location(LSP.Position(line: 1, character: 9)) == SourceLocation(line: 2, column: 9))
    #expect(map.offset(of: LSP.Position(line: 1, character: 9)) == x)
    // The middle of a surrogate pair belongs to the emoji.
    #expect(map.location(LSP.Position(line: 2, character: 6)) == SourceLocation(line: 3, column: 6))
  }

  @Test func aWholeFileFindingSitsAtTheStart() {
    #expect(map.range(nil) == LSP.Range(start: .init(line: 0, character: 0), end: .init(line: 0, character: 0)))
  }

  @Test func oneEditForAWholeDocumentChangeKeepsCharactersWhole() {
    let edit = map.edit(to: "# Title\n| 😀 表 | x | y |\ncafé 😀😀 end\n")
    #expect(edit.newText == " y |")
    #expect(edit.range.start == LSP.Position(line: 1, character: 12))
    // Replacing one emoji by another that shares leading UTF-8 bytes must not split either.
    let swap = map.edit(to: "# Title\n| 😁 表 | x |\ncafé 😀😀 end\n")
    #expect(swap.newText == "😁")
    #expect(swap.range.start == LSP.Position(line: 1, character: 2))
    #expect(swap.range.end == LSP.Position(line: 1, character: 4))
  }
}
