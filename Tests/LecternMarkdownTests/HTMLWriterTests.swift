import Foundation
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternMarkdown

/// `HTMLWriter` writes HTML from Markdown values without building a cmark tree; cmark-gfm's own renderer,
/// fed the same values as a cmark tree (`CMarkRenderer`), is the reference. Every document here is rendered
/// both ways, under each raw HTML policy, with and without a rewriter that drops, replaces and writes its
/// own HTML for nodes, and the bytes must be the same.
@Suite struct HTMLWriterTests {
  static let policies: [RawHTMLPolicy] = [.escape, .safeTags, .allow]

  /// Exercises every rewrite outcome, chosen by content so that both renderers see the same answers.
  struct MixedRewriter: HTMLRewriting {
    func rewrite(_ block: Block) -> HTMLRewrite<Block>? {
      switch block.kind {
      case .heading(let h) where h.level == 3:
        return .replace([Block(.paragraph(h.inlines), range: nil), Block(.thematicBreak, range: nil)])
      case .blockQuote:
        return .html("<aside>quoted <style>q</style></aside>")
      case .codeBlock(let code) where code.code.contains("drop"):
        return .drop
      default:
        return nil
      }
    }

    func rewrite(_ inline: Inline) -> HTMLRewrite<Inline>? {
      switch inline.kind {
      case .code(let s) where s.count % 3 == 0:
        return .html("<script>\(s)</script>")
      case .text(let s) where s.contains("e") && s.count % 2 == 0:
        // A break and a line break: a table cell refuses both.
        return .replace([Inline(.text("[\(s)]"), range: nil), Inline(.softBreak, range: nil), Inline(.lineBreak, range: nil)])
      case .text(let s) where s.hasPrefix("T"):
        return .drop
      case .image(_, let title, let children) where title.isEmpty:
        return .replace([Inline(.image(source: "x.png?a=1&b='2'", title: "t\"", children: children), range: nil)])
      default:
        return nil
      }
    }
  }

  static func expectSame(_ blocks: [Block], _ label: String) {
    for policy in policies {
      for rewriter in [nil, MixedRewriter()] as [(any HTMLRewriting)?] {
        let written = HTMLWriter.html(blocks, rawHTML: policy, rewriter: rewriter)
        let reference = CMarkRenderer.html(blocks, rawHTML: policy, rewriter: rewriter)
        #expect(written == reference, "\(label), \(policy), rewriter: \(rewriter != nil)")
      }
    }
  }

  static func blocks(_ text: String) -> [Block] {
    MarkdownDocument(parsing: SourceFile(path: "writer.md", text: text)).blocks
  }

  @Test func generatedDecksRenderAsCmarkGFMRendersThem() {
    for seed in 1...40 as ClosedRange<UInt64> {
      Self.expectSame(Self.blocks(PartsParsingTests.deck(seed: seed, slides: 30, traps: seed % 2 == 0)), "seed \(seed)")
    }
  }

  @Test func mutatedDecksRenderAsCmarkGFMRendersThem() {
    let tokens = [
      "<style>", "</script >", "<TITLE/>", "<xmp", "<textarea\t", "<b>", "</i>", "![a](b \"c\")", "[l](<u v>)", "**",
      "_", "~~", "`", "\\\n", "  \n", "| x |\n", "- [ ] ", "1) ", "&amp;", "&#x27;", "\"", "'", "<", ">", "&",
      "[^1]", "\n[^1]: note\n", "www.example.com/a?b=c&d=é", "<!-- c -->", "<div>\n", "\n\n",
    ]
    var generator = MutationFuzzTests.Generator(state: 7)
    for round in 0..<120 {
      var text = Array(PartsParsingTests.deck(seed: UInt64(500 + round), slides: 12).utf8)
      for _ in 0..<Int.random(in: 1...12, using: &generator) {
        let at = Int.random(in: 0...text.count, using: &generator)
        text.insert(contentsOf: Array(tokens[Int.random(in: 0..<tokens.count, using: &generator)].utf8), at: at)
      }
      Self.expectSame(Self.blocks(String(decoding: text, as: UTF8.self)), "round \(round)")
    }
  }

  /// cmark-gfm's `cmark_isspace` is space, tab, LF and CR only: a vertical tab or form feed stays in a code
  /// block's info string and does not end a filtered tag's name.
  @Test func verticalTabAndFormFeedAreNotSpaces() {
    let text = "```a\u{0B}b\nx\n```\n\n```c\u{0C}d e\ny\n```\n\n<title\u{0B}x>\n\n<div>\n<title\u{0C}>\n</div>\n"
    Self.expectSame(Self.blocks(text), "vertical tab and form feed")
  }

  @Test func valuesNoParserMakesRenderAsCmarkGFMRendersThem() {
    func text(_ s: String) -> Inline { Inline(.text(s), range: nil) }
    func paragraph(_ inlines: [Inline]) -> Block { Block(.paragraph(inlines), range: nil) }
    let breaks = [text("a"), Inline(.softBreak, range: nil), text("b"), Inline(.lineBreak, range: nil), text("c")]
    var everyByte = ""
    for b in 1..<128 { everyByte.unicodeScalars.append(Unicode.Scalar(UInt8(b))) }
    everyByte += "é€😀"
    let cases: [(String, [Block])] = [
      (
        "ordered list without a start",
        [
          Block(
            .list(
              ListBlock(
                kind: .ordered, start: nil, isTight: true,
                items: [ListItem(blocks: [paragraph([text("x")])], isChecked: nil, range: nil)])), range: nil)
        ]
      ),
      (
        "ordered list from 0 and from -3",
        [0, -3, 1, 7].map { start in
          Block(
            .list(
              ListBlock(
                kind: .ordered, start: start, isTight: false,
                items: [ListItem(blocks: [paragraph([text("x")]), paragraph([text("y")])], isChecked: true, range: nil)])),
            range: nil)
        }
      ),
      (
        "heading levels out of range",
        [0, 7, 6].map { Block(.heading(Heading(level: $0, inlines: [text("h")], isSetext: false)), range: nil) }
      ),
      (
        "breaks in a cell",
        [
          Block(
            .table(
              Table(
                alignments: [.left, .none],
                header: Table.Row(
                  cells: [Table.Cell(inlines: breaks, range: nil, isSynthesized: false)], range: nil, sourceLine: ""),
                rows: [
                  Table.Row(
                    cells: [
                      Table.Cell(inlines: [Inline(.emphasis(breaks), range: nil)], range: nil, isSynthesized: false),
                      Table.Cell(inlines: breaks, range: nil, isSynthesized: false),
                      Table.Cell(inlines: breaks, range: nil, isSynthesized: false),
                    ], range: nil, sourceLine: "")
                ], range: nil)), range: nil)
        ]
      ),
      (
        "a table without columns or rows",
        [
          Block(
            .table(Table(alignments: [], header: Table.Row(cells: [], range: nil, sourceLine: ""), rows: [], range: nil)),
            range: nil)
        ]
      ),
      (
        "every byte in a URL, a title and text",
        [
          paragraph([
            Inline(.link(destination: everyByte, title: everyByte, children: [text(everyByte)]), range: nil),
            Inline(
              .image(
                source: everyByte, title: everyByte,
                children: breaks + [
                  Inline(.html("<b>x</b>"), range: nil), Inline(.code("c<"), range: nil),
                  Inline(.footnoteReference("n"), range: nil),
                ]), range: nil),
          ])
        ]
      ),
      (
        "unsafe URLs",
        [
          paragraph([
            Inline(.link(destination: "javascript:alert(1)", title: "", children: [text("j")]), range: nil),
            Inline(.image(source: "data:text/html,x", title: "", children: []), range: nil),
          ])
        ]
      ),
      (
        "code info with a tab",
        [
          Block(
            .codeBlock(CodeBlock(info: "swift\tlinenos \"x\"", code: "let a = \"<b>\" && 'c'\n", isFenced: true)), range: nil),
          Block(.codeBlock(CodeBlock(info: "", code: "", isFenced: false)), range: nil),
        ]
      ),
      (
        "raw HTML in a tight item",
        [
          Block(
            .list(
              ListBlock(
                kind: .bullet, start: nil, isTight: true,
                items: [
                  ListItem(
                    blocks: [
                      Block(.htmlBlock("<div onclick=\"x\">\n<style>s</style>\n\n\n"), range: nil),
                      Block(.htmlBlock(""), range: nil),
                    ], isChecked: false, range: nil)
                ])), range: nil)
        ]
      ),
      (
        "footnote definition in a quote",
        [
          Block(
            .blockQuote([Block(.footnoteDefinition(label: "a&\"b", blocks: [paragraph([text("note")])]), range: nil)]), range: nil
          )
        ]
      ),
    ]
    for (label, blocks) in cases { Self.expectSame(blocks, label) }
  }

  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared (seeds and corpus)"))
  func seedsAndCorpusRenderAsCmarkGFMRendersThem() throws {
    let shared = try #require(TestPaths.shared)
    var count = 0
    for folder in ["seeds", "corpus/decks", "corpus/postmortems"] {
      let url = shared.appendingPathComponent(folder)
      for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where name != "SOURCES.md" {
        let source = try SourceFile.load(path: url.appendingPathComponent(name).path)
        Self.expectSame(Self.blocks(source.text), name)
        count += 1
      }
    }
    #expect(count > 20)
  }
}
