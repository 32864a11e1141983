import Foundation
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternMarkdown

/// A long document of a one-shot command is cut at slide rules and its parts parsed at once
/// (`CMarkParser.parseInParts`). Whatever the text, the blocks (with every range), the diagnostics and their
/// order must be those of one parse of the whole; where a cut would change them, the whole is parsed.
@Suite struct PartsParsingTests {
  /// One parse of the whole, and the parse in parts (forced for any size, on `workers` threads).
  static func both(_ text: String, firstLine: Int = 1, workers: Int = 3) -> (
    whole: (blocks: [Block], diagnostics: [Diagnostic]), parts: (blocks: [Block], diagnostics: [Diagnostic])
  ) {
    let source = SourceFile(path: "deck.md", text: text)
    let whole = CMarkParser.parse(source, firstLine: firstLine, parallelFrom: .max, partsFrom: .max, workers: 1)
    // (A test process is not one-shot: each part's C nodes are freed as it is converted.)
    let parts = CMarkParser.parse(
      source, firstLine: firstLine, parallelFrom: .max, partsFrom: 0, workers: workers, keepTree: true)
    return (whole, parts)
  }

  static func cut(_ text: String, firstLine: Int = 1) -> Bool {
    CMarkParser.parseInParts(SourceFile(path: "deck.md", text: text), firstLine: firstLine, workers: 2) != nil
  }

  static let slides: [String] = [
    "# Title é\n\nSome *text* with `code`, ~~strike~~, www.example.com and a [link](https://example.com).\n",
    "## List\n\n- one\n- two\n  - nested\n\n  loose paragraph\n- [x] task\n",
    "| a | b `c\\|d` |\n|:--|--:|\n| ü | x \\| y |\n| short |\n",
    "```yaml\nkey: value\n\n---\n\nmore: text\n```\n",
    "~~~~\n```\n\n---\n\n```\n~~~~\n",
    "<!--\nspeaker note\n\n---\n\nstill the note\n-->\n",
    "<!-- _class: lead -->\n\nText after a directive.\n",
    "<script>\nlet a = 1\n\n---\n\n</script>\n",
    "<div>\nblock\n</div>\n\nAfter the div.\n",
    "Setext heading\n---\n\nbody\n",
    "    indented code\n\n    more\n",
    "> quote\n> - item in quote\n>\n> > deeper\n",
    "1. first\n2. second\n\n   continued\n",
    "Text with an inline comment <!-- spanning\n\nlines -->\n",
    "``` `not a fence`\n\ntext\n",
    "$$\nx^2\n$$\n",
    "Line one  \nline two\\\nline three\n",
    "***\n\n___\n\n- - -\n",
  ]

  /// Snippets that leave something open at the end of a slide: a part ending there is refused (the item's
  /// fence), or no cut is found after it (the `<pre>` block runs to the end of the document).
  static let traps = ["- item\n\n  ```js\n  open fence in an item\n", "<pre>\nunclosed pre\n"]

  /// A deck from the snippets, slides separated by rules after a blank line (and a few other ways).
  static func deck(seed: UInt64, slides count: Int, traps: Bool = false) -> String {
    var generator = MutationFuzzTests.Generator(state: seed)
    var text = "---\nmarp: true\n---\n\n"
    let pool = traps ? slides + Self.traps : slides
    for i in 0..<count {
      text += pool[Int.random(in: 0..<pool.count, using: &generator)]
      switch Int.random(in: 0..<10, using: &generator) {
      case 0: text += "---\n"  // right after the slide: a setext underline or a rule, as cmark decides
      case 1: text += "\n---   \n\n"
      case 2: text += "\n\n---\n"
      default: text += "\n---\n\n"
      }
      if i % 7 == 3 { text += "Slide \(i) closes here.\n\n" }
    }
    return text
  }

  @Test func partsGiveTheWholeParseOnGeneratedDecks() {
    var cutCount = 0
    for seed in 1...120 as ClosedRange<UInt64> {
      let text = Self.deck(seed: seed, slides: 40, traps: seed % 3 == 0)
      let (whole, parts) = Self.both(text, firstLine: 4)
      #expect(parts.blocks == whole.blocks, "seed \(seed)")
      #expect(parts.diagnostics == whole.diagnostics, "seed \(seed)")
      if Self.cut(text, firstLine: 4) { cutCount += 1 }
    }
    #expect(cutCount >= 80, "the decks without traps are parsed in parts (\(cutCount) of 120)")
  }

  /// Generated decks with Markdown and HTML syntax dropped in at random places (fences, comments, raw HTML
  /// blocks, list markers, indents, rules, definitions).
  @Test func partsGiveTheWholeParseOnMutatedDecks() {
    let tokens = [
      "\n\n---\n\n", "```\n", "~~~\n", "<!--", "-->", "<script>\n", "</script>", "<pre>", "- ", "1. ", "    ", "> ",
      "\n", "\n\n", "|---|\n", "[a]: /b\n", "<div>\n", "$$\n", "\t", "`", "<?", "?>", "<!X", "]]>",
    ]
    var generator = MutationFuzzTests.Generator(state: 99)
    for round in 0..<150 {
      var text = Array(Self.deck(seed: UInt64(1_000 + round), slides: 25, traps: round % 2 == 0).utf8)
      for _ in 0..<Int.random(in: 1...6, using: &generator) {
        let at = Int.random(in: 0...text.count, using: &generator)
        text.insert(contentsOf: Array(tokens[Int.random(in: 0..<tokens.count, using: &generator)].utf8), at: at)
      }
      let (whole, parts) = Self.both(String(decoding: text, as: UTF8.self))
      #expect(parts.blocks == whole.blocks, "round \(round)")
      #expect(parts.diagnostics == whole.diagnostics, "round \(round)")
    }
  }

  @Test(arguments: ["\n", "\r\n", "\r"])
  func lineEndingsDoNotMoveAnyRange(_ newline: String) {
    let text = Self.deck(seed: 7, slides: 30).replacingOccurrences(of: "\n", with: newline)
    let (whole, parts) = Self.both(text)
    #expect(Self.cut(text))
    #expect(parts.blocks == whole.blocks)
  }

  @Test func aDefinitionAnywhereKeepsTheDocumentWhole() {
    let text = "# One\n\nSee [the docs][d] and a note[^1].\n\n---\n\n# Two\n\n[d]: https://example.com\n[^1]: The note.\n"
    #expect(!Self.cut(text))
    let (whole, parts) = Self.both(text)
    #expect(parts.blocks == whole.blocks)
  }

  @Test func aCutInsideSomethingStillOpenIsRefused() {
    // The scan takes `- ```` for a list item, not a fence; the part before the rule ends inside the item's
    // open fence, which cmark ends on the rule's line in the whole document: that part is refused.
    let inItem = "- item\n\n  ```js\n  code\n\n---\n\n# Next\n"
    #expect(!Self.cut(inItem))
    // An HTML comment opened in a paragraph line is inline and ends with the paragraph: the cut stands.
    let inline = "Text <!-- open\n\n---\n\n# Next -->\n"
    #expect(Self.cut(inline))
    for text in [inItem, inline, "```\nnever closed\n\n---\n\n# x\n", "<style>\np {}\n\n---\n\n"] {
      let (whole, parts) = Self.both(text)
      #expect(parts.blocks == whole.blocks, "\(text.debugDescription)")
    }
  }

  @Test func deepNestingDiagnosticsKeepTheirOrder() {
    let deep = String(repeating: "> ", count: MarkdownDocument.maximumDepth + 3) + "deep\n"
    let text = (0..<12).map { "# Slide \($0)\n\n\(deep)" }.joined(separator: "\n---\n\n")
    let (whole, parts) = Self.both(text)
    #expect(whole.diagnostics.count == 12)
    #expect(parts.diagnostics == whole.diagnostics)
    #expect(parts.blocks == whole.blocks)
  }

  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared (seeds and corpus)"))
  func seedsAndCorpusParseAlikeInParts() throws {
    let shared = try #require(TestPaths.shared)
    var files: [URL] = []
    for folder in ["seeds", "corpus/decks", "corpus/postmortems"] {
      let url = shared.appendingPathComponent(folder)
      for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where name != "SOURCES.md" {
        files.append(url.appendingPathComponent(name))
      }
    }
    #expect(files.count > 20)
    for file in files {
      guard let source = try? SourceFile.load(path: file.path) else { continue }
      let (whole, parts) = Self.both(source.text)
      #expect(parts.blocks == whole.blocks, "\(file.lastPathComponent)")
      #expect(parts.diagnostics == whole.diagnostics, "\(file.lastPathComponent)")
    }
  }
}
