import LecternCore
import LecternDORA
import LecternLive
import LecternMarkdown

/// A DORA benchmark table's annotation, as the page shows it: for each metric row the cell of its current
/// tier (by the table's own thresholds) and a "Now" column with the live value.
struct BenchmarkCells: Sendable {
  /// Body row index → the column highlighted as the current tier.
  var current: [Int: Int]
  /// The "Now" column's text for each body row ("" for rows that are not a metric).
  var now: [String]

  /// `nil` when the table is not a DORA benchmark table.
  init?(_ table: Table, metrics: LiveMetrics) {
    let header = table.header.cells.map(\.text)
    let rows = table.rows.map { $0.cells.map(\.text) }
    guard rows.contains(where: { $0.first.flatMap { DORAMetric(name: $0) } != nil }), header.count >= 3,
      let tiers = TierTable.parseRows(header: header, rows: rows)
    else { return nil }
    let tierTable = TierTable(tiers: tiers, source: "the table")
    current = [:]
    now = []
    for (index, row) in rows.enumerated() {
      let metric = row.first.flatMap { DORAMetric(name: $0) }
      let measurement = metric.flatMap { metrics.report.measurement($0) }
      if let metric, let value = measurement?.number, let tier = tierTable.tier(of: value, for: metric),
        let column = tiers[metric]?.firstIndex(where: { $0.name == tier.name })
      {
        current[index] = column + 1
      }
      now.append(measurement.map { MetricFormatting.value($0) } ?? (metric == nil ? "" : "no data"))
    }
  }
}
