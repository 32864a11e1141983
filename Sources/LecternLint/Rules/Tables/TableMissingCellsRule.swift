import LecternCore
import LecternMarkdown

/// Body rows with fewer cells than the header: cmark-gfm pads them with empty cells.
struct TableMissingCellsRule: LintRule {
  static let description = RuleDescription(
    id: .tableMissingCells,
    summary: "A table row has fewer cells than the header; cmark-gfm pads it with empty cells.",
    rationale: "A short row usually means a cell was forgotten or merged into its neighbour; the padding hides it.",
    severity: .warning,
    examples: [
      .passes("| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .passes("a | b | c\n--|---|--\n1 | 2 |\n"),
      .fails("| a | b | c |\n|---|---|---|\n| 1 | 2 |↓\n"),
      .fails("a | b | c\n--|---|--\n1 | 2↓\n"),
      .fixes("| a | b | c |\n|---|---|---|\n| 1 |\n", "| a | b | c |\n|---|---|---|\n| 1 |  |  |\n"),
      .fixes("a | b | c\n--|---|--\n1 | 2\n", "a | b | c\n--|---|--\n1 | 2 | |\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    for (t, table) in target.tables.enumerated() {
      let header = target.rawRows[t][0]
      for (r, row) in table.rows.enumerated() {
        guard let line = row.range?.start.line else { continue }
        let raw = target.rawRows[t][r + 1]
        guard raw.isPipeRow || raw.cells.count > 1, raw.cells.count < table.columnCount, !raw.cells.isEmpty else { continue }
        if raw.endsWithEmptyCell(header: header) { continue }
        let missing = table.columnCount - raw.cells.count
        let lineLength = target.source.byteLength(ofLine: line)
        var contentEnd = lineLength
        let bytes = Array(row.sourceLine.utf8)
        while contentEnd > 0, bytes[contentEnd - 1] == 0x20 || bytes[contentEnd - 1] == 0x09 { contentEnd -= 1 }
        let padding =
          raw.hasTrailingPipe
          ? String(repeating: "  |", count: missing) : String(repeating: " |", count: missing + 1)
        let at = target.source.characterColumn(line: line, byteColumn: contentEnd + 1)
        findings.append(
          Finding(
            Self.message(cells: raw.cells.count, header: table.columnCount),
            at: SourceRange(line: line, column: at, endLine: line, endColumn: at),
            fix: Fix(
              "add \(missing) empty cell\(missing == 1 ? "" : "s")",
              edits: [
                TextEdit(
                  start: target.offset(line: line, byte: contentEnd), end: target.endOffset(ofLine: line), replacement: padding)
              ])
          ))
      }
    }
  }
}

extension TableMissingCellsRule {
  fileprivate static func message(cells: Int, header: Int) -> String {
    "row has \(cells) cell\(cells == 1 ? "" : "s"); the header has \(header), so \(header - cells) empty cell\(header - cells == 1 ? " is" : "s are") added"
  }
}
