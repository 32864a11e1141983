import LecternCore
import LecternMarkdown

/// A header cell with no text.
struct TableEmptyHeaderRule: LintRule {
  static let description = RuleDescription(
    id: "table-empty-header",
    summary: "A table header cell is empty.",
    rationale: "A column without a heading is hard to read on a slide and for screen readers.",
    severity: .warning,
    examples: [
      .passes("| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .fails("| a ↓|   |\n|---|---|\n| 1 | 2 |\n"),
      .fails("↓|| b |\n|---|---|\n| 1 | 2 |\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    for table in target.tables {
      guard let line = table.header.range?.start.line else { continue }
      let raw = PipeRowSyntax(Substring(table.header.sourceLine))
      for (index, cell) in raw.cells.enumerated() where cell.text.isEmpty {
        findings.append(Finding(Self.message(column: index + 1), at: target.range(line: line, bytes: cell.range.lowerBound - 1..<cell.range.lowerBound)))
      }
    }
  }
}

extension TableEmptyHeaderRule {
  fileprivate static func message(column: Int) -> String { "header cell \(column) is empty; expected a column heading" }
}
