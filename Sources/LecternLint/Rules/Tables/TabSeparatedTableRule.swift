import Foundation
import LecternCore
import LecternMarkdown

/// Lines of tab-separated cells, as pasted from a PDF or a spreadsheet: text that was a table.
struct TabSeparatedTableRule: LintRule {
  static let description = RuleDescription(
    id: .tabSeparatedTable,
    summary: "Lines of tab-separated cells (pasted from a spreadsheet or PDF) render as run-on text, not a table.",
    rationale: "Markdown has no tab tables: the cells collapse into one line of text on the slide.",
    severity: .warning,
    examples: [
      .passes("| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .passes("one\ttab only here\n\nnext paragraph\n"),
      .fails("↓Metric\tHigh\tLow\nDeploys\tDaily\tMonthly\n"),
      .fixes(
        "# DORA\n\nMetric\tHigh\tLow\nDeploys\tDaily\tMonthly\nLead | time\t<1h\t>1w\n\nText\n",
        "# DORA\n\n| Metric | High | Low |\n| --- | --- | --- |\n| Deploys | Daily | Monthly |\n| Lead \\| time | <1h | >1w |\n\nText\n"
      ),
      .fixes("Cmd\tUse\nls \\| wc\tcount\n", "| Cmd | Use |\n| --- | --- |\n| ls \\| wc | count |\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    let source = target.source
    var line = 1
    while line <= source.lineCount {
      guard let fields = cells(target, line) else {
        line += 1
        continue
      }
      var end = line
      while end + 1 <= source.lineCount, let next = cells(target, end + 1), next.count == fields.count { end += 1 }
      if end > line {
        let rows = (line...end).map { cells(target, $0)! }
        var table = "| " + rows[0].map(escape).joined(separator: " | ") + " |" + target.lineBreak
        table += "|" + Array(repeating: " --- ", count: fields.count).joined(separator: "|") + "|" + target.lineBreak
        for row in rows.dropFirst() { table += "| " + row.map(escape).joined(separator: " | ") + " |" + target.lineBreak }
        var edits = [
          TextEdit(
            start: source.lineStarts[line - 1], end: end < source.lineCount ? source.lineStarts[end] : source.bytes.count,
            replacement: table)
        ]
        if end < source.lineCount, let after = source.line(end + 1), !after.trimmed.isEmpty {
          edits[0].replacement += target.lineBreak
        }
        findings.append(
          Finding(
            Self.message(rows: rows.count, columns: fields.count), at: target.range(line: line, column: 1),
            fix: Fix("turn it into a pipe table", edits: edits)))
      }
      line = end + 1
    }
  }

  /// The tab-separated cells of a prose line, or `nil` when the line is not one.
  private func cells(_ target: LintTarget, _ line: Int) -> [String]? {
    guard !target.isOpaqueLine[line - 1], !target.isTableLine[line - 1], target.source.line(line, containsByte: 0x09),
      let text = target.source.line(line), let first = text.first, first != "\t", first != " "
    else { return nil }
    let fields = text.split(separator: "\t", omittingEmptySubsequences: true).map { String($0).trimmed }.filter { !$0.isEmpty }
    return fields.count >= 2 ? fields : nil
  }

  /// Escapes every pipe that is not escaped already (`\\|` stays one cell, as written).
  private func escape(_ cell: String) -> String {
    var out = ""
    var escaped = false
    for c in cell {
      if c == "|" && !escaped { out += "\\" }
      out.append(c)
      escaped = c == "\\" && !escaped
    }
    return out
  }
}

extension TabSeparatedTableRule {
  fileprivate static func message(rows: Int, columns: Int) -> String {
    "\(rows) lines of \(columns) tab-separated cells render as run-on text; expected a pipe table"
  }
}
