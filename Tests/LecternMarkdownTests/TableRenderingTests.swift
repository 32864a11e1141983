import Foundation
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternMarkdown

/// Tables are rendered from the typed table model through cmark-gfm's table nodes (no Markdown parsed
/// again): every shape must come out byte for byte as the cmark-gfm CLI renders the same Markdown.
@Suite struct TableRenderingTests {
  static let cmark = "/usr/bin/cmark-gfm"

  static let tables = [
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "| left | centre | right | none |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n| *em* | **strong** | `code` | ~~del~~ |\n",
    "| only header |\n|---|\n",
    "| a | b | c |\n|---|:-:|---|\n| short row |\n| 1 | 2 | 3 | extra cell dropped |\n| | empty | |\n",
    "| escaped \\| pipe | [link](https://example.com \"title\") |\n|---|---|\n| a \\| b | ![alt](img.png) |\n",
    "text before\n\n| a |\n|--:|\n| &amp; < > \" ' |\n\ntext after\n",
    "> | quoted | table |\n> |---|---|\n> | x | y |\n\n- item\n\n  | in | list |\n  |:-:|:-:|\n  | 1 | 2 |\n",
  ]

  private func cmarkHTML(_ markdown: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.cmark)
    process.arguments = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter", "-e", "tasklist"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(markdown.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  @Test(
    .enabled(if: FileManager.default.isExecutableFile(atPath: TableRenderingTests.cmark), "needs the cmark-gfm CLI"),
    arguments: TableRenderingTests.tables)
  func sameBytesAsCmarkGFM(_ markdown: String) throws {
    let ours = HTMLRenderer().render(MarkdownDocument(parsing: .inline(markdown)).blocks)
    #expect(ours.contains("<table>"))
    #expect(ours == (try cmarkHTML(markdown)))
  }

  @Test func shortRowsArePaddedAndColumnsKeepTheirAlignment() {
    let html = HTMLRenderer().render(MarkdownDocument(parsing: .inline("| a | b |\n|---|--:|\n| 1 |\n")).blocks)
    #expect(html.contains("<tr>\n<td>1</td>\n<td align=\"right\"></td>\n</tr>"))
  }
}
