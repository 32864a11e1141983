import LecternCore
import LecternMarkdown

/// A fenced code block without a language (markdownlint MD040): the highlighter cannot colour it.
struct CodeFenceLanguageRule: LintRule {
  static let description = RuleDescription(
    id: .codeFenceLanguage,
    summary: "A fenced code block has no language after the opening fence.",
    rationale: "The syntax highlighter needs the language; without it the code is shown as plain text.",
    severity: .warning,
    markdownlint: ["MD040", "fenced-code-language"],
    examples: [
      .passes("```swift\nlet a = 1\n```\n\n~~~ text\nplain\n~~~\n"),
      .fails("↓```\nlet a = 1\n```\n"),
      .fails("- item\n\n  ↓~~~\n  code\n  ~~~\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    var walker = Walker()
    walker.walk(target.blocks)
    for range in walker.unlabelled {
      guard let text = target.source.line(range.start.line) else { continue }
      let column = text.prefix(while: { $0 == " " || $0 == ">" }).count + 1
      let fence = text.dropFirst(column - 1).prefix(while: { $0 == "`" || $0 == "~" })
      findings.append(
        Finding(
          "code fence '\(fence)' has no language; expected e.g. '\(fence)swift' or '\(fence)text'",
          at: target.range(line: range.start.line, column: column, length: fence.count)))
    }
  }

  private struct Walker: MarkdownWalker {
    var unlabelled: [SourceRange] = []
    mutating func visit(_ block: Block) -> Bool {
      if case .codeBlock(let code) = block.kind {
        if code.isFenced, code.info.trimmed.isEmpty, let r = block.range { unlabelled.append(r) }
        return false
      }
      return true
    }
    mutating func visit(_ inline: Inline) -> Bool { false }
  }
}
