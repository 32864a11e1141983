import LecternCore
import LecternDeck
import LecternMarkdown

/// An HTML comment or a `$$` math block that is never closed and hides the rest of the file.
struct UnclosedBlockRule: LintRule {
  static let description = RuleDescription(
    id: .unclosedBlock,
    alsoReports: [.unclosedComment, .unclosedCodeFence],
    summary: "An HTML comment (`<!--`), a code fence or a `$$` math block is never closed and swallows the rest of the deck.",
    rationale: "Everything after an unclosed comment disappears; after an unclosed `$$`, it renders as one formula.",
    severity: .error,
    examples: [
      .passes("<!-- note -->\n\n$$\nx^2\n$$\n\nInline $$a$$ math.\n"),
      .passes("Text\n$$ x^2\n+ 1 $$\n---\n\n$$a$$\n"),
      .passes("```\n$$\n```\n"),
      .fails("# A\n\n↓$$a$$ and more\n\n---\n\n# B\n"),
      .fails("# A\n\n↓<!-- forgot to close\n\n---\n\n# B\n"),
      .fails("# A\n\n↓$$\nx^2\n\n---\n\n# B\n"),
      .fails("---\nmarp: true\n---\n\n# A\n\n↓```swift\nlet a = 1\n\n---\n\n# B\n"),
      .fails("# Doc\n\n  ↓~~~~\ncode\n\n---\n\n# B\n"),
      .passes("---\nmarp: true\n---\n\n```\n---\n```\n\n---\n\n```\nlast slide, unclosed, swallows no break\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    if let deck = target.deck {
      // The deck reader found them (and `build` warns with the same words): re-report.
      for d in deck.diagnostics where d.code == .unclosedComment || d.code == .unclosedCodeFence {
        findings.append(Finding(reporting: d, at: target.range(line: 1, column: 1)))
      }
    } else {
      var walker = CommentWalker()
      walker.walk(target.blocks)
      for range in walker.unclosed {
        findings.append(
          Finding(
            UnclosedComment.message(hiddenLines: range.end.line - range.start.line),
            at: SourceRange(start: range.start, end: SourceLocation(line: range.start.line, column: range.start.column + 3)),
            code: .unclosedComment))
      }
      for d in UnclosedFence.diagnostics(target.blocks, in: target.source) {
        findings.append(Finding(reporting: d, at: target.range(line: 1, column: 1)))
      }
    }
    // `$$` display math as Marp Core and the deck reader read it: an unclosed block runs to the end.
    let firstLine = target.isOpaqueLine.firstIndex(of: false).map { $0 + 1 } ?? 1
    for span in MathBlocks.spans(in: target.source, from: firstLine) where !span.isClosed {
      guard let text = target.source.line(span.open) else { continue }
      let column = text.prefix(while: { $0 == " " }).count + 1
      findings.append(
        Finding(Self.math(target.source.lineCount - span.open), at: target.range(line: span.open, column: column, length: 2)))
    }
  }
}

extension UnclosedBlockRule {
  fileprivate static func math(_ lines: Int) -> String {
    "'$$' math block is never closed and swallows the next \(lines) lines; expected a closing '$$'"
  }
}

private struct CommentWalker: MarkdownWalker {
  var unclosed: [SourceRange] = []
  mutating func visit(_ block: Block) -> Bool {
    if case .htmlBlock(let html) = block.kind {
      let t = html.drop(while: { $0 == " " })
      if t.hasPrefix("<!--"), !t.dropFirst(2).containsBytes("-->"), let r = block.range { unclosed.append(r) }
      return false
    }
    return true
  }
  mutating func visit(_ inline: Inline) -> Bool { false }
}
