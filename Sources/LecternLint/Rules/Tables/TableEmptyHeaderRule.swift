import LecternCore
import LecternMarkdown

/// A header cell with no text where a heading is plainly missing.
///
/// Empty header cells are often deliberate: header-less key/value tables (every header cell empty),
/// a blank corner cell, a title row (only the first cell filled), or a table an editor aligned column
/// by column. Those pass; an empty heading over data in a hand-typed table does not.
struct TableEmptyHeaderRule: LintRule {
  static let description = RuleDescription(
    id: .tableEmptyHeader,
    summary: "A table header cell is empty over a column of data.",
    rationale: "A column without a heading is hard to read on a slide and for screen readers; `||` is usually a typo.",
    severity: .warning,
    examples: [
      .passes("| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .passes("| | |\n|---|---|\n| Authors | me |\n| Date | today |\n"),
      .passes("| | x | y |\n|---|---|---|\n| a | 1 | 2 |\n"),
      .passes("| Title | | |\n|---|---|---|\n| 1 | a | b |\n"),
      .passes("| a   |     | c   |\n| --- | --- | --- |\n| 1   | 2   | 3   |\n"),
      .fails("| Team ↓| | Status |\n|---|---|---|\n| SRE | alert | done |\n"),
      .fails("| Team ↓|| Status |\n|---|---|---|\n| SRE | alert | done |\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    for (t, table) in target.tables.enumerated() {
      guard let line = table.header.range?.start.line else { continue }
      let raw = target.rawRows[t][0]
      let empty = raw.cells.indices.filter { raw.cells[$0].text.isEmpty }
      guard !empty.isEmpty, empty.count < raw.cells.count else { continue }  // header-less tables are fine
      if empty == [0] { continue }  // corner cell
      if empty.count == raw.cells.count - 1, !raw.cells[0].text.isEmpty { continue }  // title row
      if let delimiter = target.source.line(line + 1), Self.isAligned(table.header.sourceLine, String(delimiter)) { continue }
      for index in empty {
        let hasData = table.rows.contains { index < $0.cells.count && !$0.cells[index].text.isEmpty }
        guard hasData else { continue }
        let cell = raw.cells[index]
        findings.append(
          Finding(
            Self.message(column: index + 1),
            at: target.range(line: line, bytes: (cell.range.lowerBound - 1)..<cell.range.lowerBound)))
      }
    }
  }

  /// A table whose header and delimiter rows put every pipe in the same display column was laid
  /// out on purpose (by an editor or formatter).
  static func isAligned(_ header: String, _ delimiter: String) -> Bool {
    func pipeColumns(_ s: String) -> [Int] {
      var columns: [Int] = []
      var width = 0
      var escaped = false
      for scalar in s.unicodeScalars {
        if scalar == "|" && !escaped { columns.append(width) }
        escaped = scalar == "\\" && !escaped
        width += displayWidth(scalar)
      }
      return columns
    }
    let a = pipeColumns(header)
    return a.count >= 2 && a == pipeColumns(delimiter)
  }

  private static func displayWidth(_ s: Unicode.Scalar) -> Int {
    switch s.value {
    case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
      0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      2
    default:
      1
    }
  }
}

extension TableEmptyHeaderRule {
  fileprivate static func message(column: Int) -> String {
    "header cell \(column) is empty over a column of data; expected a column heading"
  }
}
