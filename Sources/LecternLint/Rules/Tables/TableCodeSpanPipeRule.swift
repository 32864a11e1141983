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
      .fails("| `a↓|b` | c |\n|---|---|\n| 1 | 2 |\n"),
      .fixes("| `a|b` | c |\n|---|---|\n| 1 | 2 |\n", "| `a\\|b` | c |\n|---|---|\n| 1 | 2 |\n"),
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
    for line in 1..<max(target.source.lineCount, 1) where Self.headerSplitByCodeSpan(target, line) {
      let raw = PipeRowSyntax(target.source.line(line)!)
      findings.append(
        Finding(
          Self.headerMessage,
          at: target.range(line: line, bytes: raw.pipesInCodeSpans[0]..<(raw.pipesInCodeSpans[0] + 1)),
          fix: Fix(
            "escape the pipe", edits: raw.pipesInCodeSpans.map { .insert("\\", at: target.offset(line: line, byte: $0)) })))
    }
  }

  /// A header line that is not read as a table only because code-span pipes split its cells: the delimiter row
  /// below has as many cells as the header would have with those pipes escaped.
  static func headerSplitByCodeSpan(_ target: LintTarget, _ line: Int) -> Bool {
    guard !target.isOpaqueLine[line - 1], !target.isTableLine[line - 1], !target.isTableLine[line],
      target.source.line(line, containsByte: 0x60), target.source.line(line, containsByte: 0x7C),
      let text = target.source.line(line), let next = target.source.line(line + 1)
    else { return false }
    let header = PipeRowSyntax(text)
    let delimiter = PipeRowSyntax(next)
    return !header.pipesInCodeSpans.isEmpty && delimiter.isDelimiterRow
      && delimiter.cells.count == header.cells.count - header.pipesInCodeSpans.count
  }
}

extension TableCodeSpanPipeRule {
  fileprivate static let headerMessage =
    "unescaped '|' inside a code span splits a header cell, so the header has more cells than the delimiter row and no table is read; expected '\\|'"
  fileprivate static let message = "unescaped '|' inside a code span splits the cell; expected '\\|'"
}
