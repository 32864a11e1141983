import LecternCore
import LecternDeck
import LecternMarkdown

/// An HTML comment or a `$$` math block that is never closed and hides the rest of the file.
struct UnclosedBlockRule: LintRule {
  static let description = RuleDescription(
    id: .unclosedBlock,
    alsoReports: [.unclosedComment],
    summary: "An HTML comment (`<!--`) or a `$$` math block is never closed and swallows the rest of the deck.",
    rationale: "Everything after an unclosed comment disappears; after an unclosed `$$`, it renders as one formula.",
    severity: .error,
    examples: [
      .passes("<!-- note -->\n\n$$\nx^2\n$$\n\nInline $$a$$ math.\n"),
      .fails("# A\n\n↓<!-- forgot to close\n\n---\n\n# B\n"),
      .fails("# A\n\n↓$$\nx^2\n\n---\n\n# B\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    if let deck = target.deck {
      // The deck reader found them (and `build` warns with the same words): re-report.
      for d in deck.diagnostics where d.code == .unclosedComment {
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
    }
    // `$$` on a line of its own opens or closes display math; count them outside code and HTML.
    var open: Int?
    for line in 1...max(target.source.lineCount, 1) {
      guard target.source.firstNonBlankByte(line: line) == UInt8(ascii: "$"), !target.isOpaqueLine[line - 1],
        let text = target.source.line(line)
      else { continue }
      let t = text.trimmed
      guard t.hasPrefix("$$") else { continue }
      let rest = t.dropFirst(2)
      if rest.contains("$$") { continue }  // $$…$$ on one line
      if open == nil {
        if rest.trimmed.isEmpty || !t.hasSuffix("$$") { open = line }
      } else if t == "$$" || t.hasSuffix("$$") {
        open = nil
      }
    }
    if let open, let text = target.source.line(open) {
      let column = text.prefix(while: { $0 == " " }).count + 1
      findings.append(Finding(Self.math(target.source.lineCount - open), at: target.range(line: open, column: column, length: 2)))
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
