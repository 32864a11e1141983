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
    for range in target.inventory.unlabelledFences {
      guard let text = target.source.line(range.start.line) else { continue }
      let column = text.prefix(while: { $0 == " " || $0 == ">" }).count + 1
      let fence = text.dropFirst(column - 1).prefix(while: { $0 == "`" || $0 == "~" })
      findings.append(
        Finding(
          "code fence '\(fence)' has no language; expected e.g. '\(fence)swift' or '\(fence)text'",
          at: target.range(line: range.start.line, column: column, length: fence.count)))
    }
  }
}
