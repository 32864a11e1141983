import LecternCore
import LecternMarkdown

/// An unescaped pipe inside a code span in a table row splits the cell.
struct TableCodeSpanPipeRule: LintRule {
  static let description = RuleDescription(
    id: .tableCodeSpanPipe,
    summary: "A `|` inside a code span in a table splits the cell; escape it as `\\|`.",
    rationale: "GFM splits table cells before it reads code spans, so `a|b` in backticks becomes two cells.",
    severity: .error,
    examples: [
      .passes("| cmd |\n|---|\n| `a \\| b` |\n"),
      .passes("| a | b |\n|---|---|\n| `x` | `y` |\n"),
      .fails("| cmd | note |\n|---|---|\n| `ls ↓| wc` | count |\n"),
      .fixes("| cmd | note |\n|---|---|\n| `ls | wc` | count |\n", "| cmd | note |\n|---|---|\n| `ls \\| wc` | count |\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    for (t, table) in target.tables.enumerated() {
      for (r, row) in ([table.header] + table.rows).enumerated() {
        guard let line = row.range?.start.line else { continue }
        let raw = target.rawRows[t][r]
        guard let first = raw.pipesInCodeSpans.first else { continue }
        findings.append(
          Finding(
            Self.message,
            at: target.range(line: line, bytes: first..<(first + 1)),
            fix: Fix(
              "escape the pipe", edits: raw.pipesInCodeSpans.map { .insert("\\", at: target.offset(line: line, byte: $0)) })))
      }
    }
  }
}

extension TableCodeSpanPipeRule {
  fileprivate static let message = "unescaped '|' inside a code span splits the cell; expected '\\|'"
}
