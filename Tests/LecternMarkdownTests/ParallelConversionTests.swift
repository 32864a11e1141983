import LecternCore
import Testing

@testable import LecternMarkdown

/// A long document's C tree is converted on several threads (runs of top-level blocks); the result must be
/// the one converter's over the whole document: same blocks, ranges, tables and diagnostics, in order.
@Suite struct ParallelConversionTests {
  /// Every kind of top-level block, with the cases whose conversion reads the source (setext headings, table
  /// rows with escapes, non-ASCII columns, HTML block ranges) and containers nested past the depth limit
  /// (a diagnostic per region, so several runs report one).
  static func document(parts: Int) -> String {
    var text = "---\nmarp: true\n---\n\n"
    for i in 0..<parts {
      switch i % 9 {
      case 0: text += "# Heading \(i) é\n\n"
      case 1: text += "Setext \(i)\n---\n\n"
      case 2: text += "| a | b `c\\|d` |\n|:--|--:|\n| ü \(i) | x \\| y |\n| short |\n\n"
      case 3: text += "- item \(i)\n  - nested *em* **strong** ~~gone~~\n- [x] task\n\n"
      case 4: text += String(repeating: "> ", count: MarkdownDocument.maximumDepth + 2) + "deep \(i)\n\n"
      case 5: text += "```swift\nlet x = \(i)\n```\n\n"
      case 6: text += "<!-- note \(i) -->\n\n<div>\nblock \(i)\n</div>\n\n"
      case 7:
        text += "Text with a link [here](https://example.com/\(i) \"t\") and ![img](p\(i).png) and a note[^\(i)].\n\n"
        text += "[^\(i)]: Footnote \(i).\n\n"
      default: text += "***\n\n1) ordered\n2) list \(i)\n\n"
      }
    }
    return text
  }

  @Test func runsOnSeveralThreadsGiveTheSingleConvertersResult() {
    let source = SourceFile(path: "long.md", text: Self.document(parts: 1_500))
    let one = CMarkParser.parse(source, firstLine: 1, parallelFrom: .max)
    // (The C tree of the parallel parse is kept, as in a one-shot command: this test process keeps it too.)
    let many = CMarkParser.parse(source, firstLine: 1, parallelFrom: 1, workers: 4, keepTree: true)
    #expect(one.blocks.count > 1_500)
    #expect(one.diagnostics.count > 100, "the nesting regions report, so diagnostics are compared too")
    #expect(many.blocks.count == one.blocks.count)
    #expect(many.blocks == one.blocks)
    #expect(many.diagnostics == one.diagnostics)
    // From a later first line (a deck's body after its front matter), positions shift alike.
    let later = CMarkParser.parse(source, firstLine: 5, parallelFrom: .max)
    let laterMany = CMarkParser.parse(source, firstLine: 5, parallelFrom: 1, workers: 3, keepTree: true)
    #expect(laterMany.blocks == later.blocks)
  }

  @Test func onlyAOneShotCommandKeepsTheTree() {
    // Tests, servers and lint never declare a one-shot process: their parses free every node.
    #expect(!ProcessTeardown.isOneShot)
    #expect(!CMarkParser.keepsTree(1_000))
  }
}
