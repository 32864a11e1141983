import LecternCore
import LecternMarkdown

/// A table without a blank line above or below it (markdownlint MD058).
struct TableBlankLinesRule: LintRule {
  static let description = RuleDescription(
    id: .tableBlankLines,
    summary: "A table has no blank line above or below it.",
    rationale: """
      Text glued above a table is easy to mistake for its header and breaks it in other Markdown readers; \
      text glued below is read as one more row.
      """,
    severity: .warning,
    markdownlint: ["MD058", "blanks-around-tables"],
    examples: [
      .passes("Intro\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter\n"),
      .passes("| a | b |\n|---|---|\n| 1 | 2 |"),
      .fails("Intro text\n↓| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .fails("| a | b |\n|---|---|\n| 1 | 2 |\n↓# Next\n"),
      .fixes("Intro text\n| a | b |\n|---|---|\n| 1 | 2 |\n", "Intro text\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    for table in target.tables {
      guard let range = table.range, let headerLine = table.header.range?.start.line else { continue }
      let prefix = quotePrefix(target, headerLine)
      if headerLine > 1, let above = target.source.line(headerLine - 1), !isBlank(above, prefix: prefix),
        !target.isOpaqueLine[headerLine - 2]
      {
        findings.append(
          Finding(
            "table starts right under '\(above.trimmed)'; expected a blank line above it",
            at: target.range(line: headerLine, column: 1),
            fix: Fix(
              "insert a blank line above the table",
              edits: [.insert(prefix + target.lineBreak, at: target.source.lineStarts[headerLine - 1])])))
      }
      let below = range.end.line + 1
      if below <= target.source.lineCount, let text = target.source.line(below), !isBlank(text, prefix: prefix) {
        findings.append(
          Finding(
            "table ends right above '\(text.trimmed)'; expected a blank line below it",
            at: target.range(line: below, column: 1),
            fix: Fix(
              "insert a blank line below the table",
              edits: [.insert(prefix + target.lineBreak, at: target.source.lineStarts[below - 1])])))
      }
    }
  }

  /// `>` markers of a table in a block quote, so the blank line stays inside the quote.
  private func quotePrefix(_ target: LintTarget, _ line: Int) -> String {
    guard let text = target.source.line(line) else { return "" }
    let head = text.prefix(while: { $0 == " " || $0 == ">" })
    return head.contains(">") ? String(head.reversed().drop(while: { $0 == " " }).reversed()) : ""
  }

  private func isBlank(_ line: Substring, prefix: String) -> Bool {
    line.filter { $0 != ">" }.trimmed.isEmpty
  }
}
