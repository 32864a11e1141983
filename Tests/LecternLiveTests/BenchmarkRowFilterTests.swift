import LecternDORA
import LecternMarkdown
import Testing

@testable import LecternCore
@testable import LecternLive

/// The byte check that rules out most first cells before their text is made must never rule out a cell
/// that names a metric: checked against the full reading on every name written in many ways.
@Suite struct BenchmarkRowFilterTests {
  /// Every name the reader knows, in full and as the start of a longer phrase.
  static var names: [String] {
    Array(DORAMetric.exactNames.keys) + DORAMetric.prefixNames.map { $0.0 + " (p90)" }
  }

  /// The ways a first cell is written in real tables: markup, case, padding, code, links, escapes.
  static let wrappers: [@Sendable (String) -> String] = [
    { $0 }, { $0.uppercased() }, { $0.capitalized }, { "**\($0)**" }, { "__\($0)__" }, { "*\($0)*" },
    { "`\($0)`" }, { "[\($0)](https://example.com)" }, { "  \($0)  " }, { "- \($0)" }, { "(\($0))" },
    { ".\($0)." }, { ":\($0):" }, { "<b>\($0)</b>" }, { "**_\($0)_**" }, { "~~\($0)~~" }, { "\u{A0}\($0)" },
    { "\($0) ✓" }, { "Ｄ\($0)" }, { "\\*\($0)" }, { "<!-- x -->\($0)" },
  ]

  /// The first cell of each body row of a one-column table written with `cells`.
  static func firstCells(_ cells: [String]) -> [Table.Cell] {
    let rows = cells.map { "| \($0.replacingOccurrences(of: "|", with: "\\|")) | x |" }.joined(separator: "\n")
    let markdown = "| Metric | Elite |\n|---|---|\n" + rows + "\n"
    let document = MarkdownDocument(parsing: SourceFile(path: "t.md", text: markdown))
    return document.tables.flatMap { $0.rows.compactMap(\.cells.first) }
  }

  @Test func noCellThatNamesAMetricIsRuledOut() {
    let cells = Self.firstCells(Self.names.flatMap { name in Self.wrappers.map { $0(name) } })
    #expect(cells.count == Self.names.count * Self.wrappers.count)
    var named = 0
    for cell in cells where TierTable.namesMetric(cell.text) {
      named += 1
      #expect(TierTable.mayNameMetric(cell.inlines), "ruled out: \(cell.text)")
    }
    // Most wrappers keep the name readable: the check above saw real metric names.
    #expect(named > Self.names.count * 10)
  }

  @Test func ordinaryFirstCellsAreRuledOutWithoutTheirText() {
    let cells = Self.firstCells(["Region", "**Service**", "Payments", "1.2", "`api`", "Owner", "Severity", "P1", "[^1]"])
    for cell in cells {
      #expect(!TierTable.mayNameMetric(cell.inlines), "kept: \(cell.text)")
      #expect(!TierTable.namesMetric(cell.text))
    }
    // Texts that start like a metric name are left to the full reading.
    for cell in Self.firstCells(["Deploys", "Latency", "MTTR", "time", "Ñame"]) {
      #expect(TierTable.mayNameMetric(cell.inlines), "\(cell.text)")
    }
  }
}
