import LecternCore
import LecternMarkdown

/// Body rows with more cells than the header: cmark-gfm silently drops the extra cells.
struct TableExtraCellsRule: LintRule {
  static let description = RuleDescription(
    id: .tableExtraCells,
    summary: "A table row has more cells than the header, and the extra cells are silently dropped.",
    rationale: "GFM keeps only as many cells as the header has: the text in the extra cells never reaches the slide.",
    severity: .error,
    examples: [
      .passes("| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .passes("| a | b |\n|---|---|\n| x \\| y | 2 |\n"),
      .fails("| a | b |\n|---|---|\n| 1 | 2 |↓ 3 |\n"),
      .fails("> | a |\n> |---|\n> | 1 |↓ 2 |\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    for (t, table) in target.tables.enumerated() {
      for (r, row) in table.rows.enumerated() {
        guard let line = row.range?.start.line else { continue }
        let raw = target.rawRows[t][r + 1]
        guard raw.isPipeRow, raw.cells.count > table.columnCount else { continue }
        let extra = raw.cells[table.columnCount...]
        let dropped = extra.map { "'\($0.text)'" }.joined(separator: ", ")
        findings.append(
          Finding(
            Self.message(cells: raw.cells.count, header: table.columnCount, dropped: dropped),
            at: target.range(line: line, bytes: extra.first!.range)))
      }
    }
  }
}

extension TableExtraCellsRule {
  fileprivate static func message(cells: Int, header: Int, dropped: String) -> String {
    "row has \(cells) cells; the header has \(header), so \(dropped) \(cells - header == 1 ? "is" : "are") dropped"
  }
}
