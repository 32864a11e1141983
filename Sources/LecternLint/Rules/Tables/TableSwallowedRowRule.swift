import LecternCore
import LecternMarkdown

/// A line without pipes directly under a table becomes one of its rows.
struct TableSwallowedRowRule: LintRule {
  static let description = RuleDescription(
    id: .tableSwallowedRow,
    summary: "A line meant to follow a table (a caption, a `![bg]` image, a note) was read as a table row.",
    rationale: "GFM continues a table until a blank line: any line right under it becomes a row with one cell.",
    severity: .warning,
    examples: [
      .passes("| a | b |\n|---|---|\n| 1 | 2 |\n\nCaption\n"),
      .fails("| a | b |\n|---|---|\n| 1 | 2 |\n↓![bg](photo.png)\n"),
      .fails("| a |\n|---|\n| 1 |\n↓Source: survey\nmore\n"),
      .fixes("| a | b |\n|---|---|\n| 1 | 2 |\nCaption\n", "| a | b |\n|---|---|\n| 1 | 2 |\n\nCaption\n"),
      .fixes("> | a |\n> |---|\n> | 1 |\n> note\n", "> | a |\n> |---|\n> | 1 |\n>\n> note\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    for (t, table) in target.tables.enumerated() {
      guard
        let index = table.rows.indices.first(where: {
          !target.rawRows[t][$0 + 1].isPipeRow && !table.rows[$0].sourceLine.containsByte(0x7C)
        }),
        let line = table.rows[index].range?.start.line
      else { continue }
      let row = table.rows[index]
      let raw = target.rawRows[t][index + 1]
      let prefix = String(decoding: Array(row.sourceLine.utf8.prefix(raw.contentStart)), as: UTF8.self)
      let quotePrefix = prefix.contains(">") ? String(prefix.reversed().drop(while: { $0 == " " }).reversed()) : ""
      let text = row.sourceLine.trimmed
      findings.append(
        Finding(
          Self.message(text),
          at: target.range(line: line, bytes: raw.contentStart..<max(raw.contentStart + 1, row.sourceLine.utf8.count)),
          fix: Fix(
            "insert a blank line before it",
            edits: [.insert(quotePrefix + target.lineBreak, at: target.source.lineStarts[line - 1])])))
    }
  }
}

extension TableSwallowedRowRule {
  fileprivate static func message(_ text: String) -> String {
    let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
    return "'\(shown)' became a row of the table above; expected a blank line before it"
  }
}
