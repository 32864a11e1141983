import LecternCore
import LecternDORA
import LecternMarkdown

/// A DORA benchmark table in a deck, annotated with where each metric is now: the cell of its current
/// tier highlighted and a "Now" column with the live value. The thresholds are the table's own.
public enum BenchmarkAnnotation {
  /// The table's HTML with annotations, or `nil` when it is not a benchmark table.
  public static func html(_ table: Table, metrics: LiveMetrics, renderer: HTMLRenderer) -> String? {
    let header = table.header.cells.map(\.text)
    let rows = table.rows.map { $0.cells.map(\.text) }
    guard rows.contains(where: { $0.first.flatMap { DORAMetric(name: $0) } != nil }), header.count >= 3,
      let tiers = TierTable.parseRows(header: header, rows: rows)
    else { return nil }
    let tierTable = TierTable(tiers: tiers, source: "the table")
    func align(_ i: Int) -> String {
      guard i < table.alignments.count else { return "" }
      switch table.alignments[i] {
      case .left: return " align=\"left\""
      case .center: return " align=\"center\""
      case .right: return " align=\"right\""
      case .none: return ""
      }
    }
    var out = "<table class=\"lectern-benchmark\">\n<thead>\n<tr>\n"
    for (i, cell) in table.header.cells.enumerated() { out += "<th\(align(i))>\(renderer.render(inlines: cell.inlines))</th>\n" }
    out += "<th class=\"lectern-now\">Now</th>\n</tr>\n</thead>\n<tbody>\n"
    for row in table.rows {
      let metric = row.cells.first.flatMap { DORAMetric(name: $0.text) }
      let measurement = metric.flatMap { metrics.report.measurement($0) }
      var column: Int?
      if let metric, let value = measurement?.number, let tier = tierTable.tier(of: value, for: metric),
        let index = tiers[metric]?.firstIndex(where: { $0.name == tier.name })
      {
        column = index + 1
      }
      out += "<tr>\n"
      for (i, cell) in row.cells.enumerated() {
        let mark = i == column ? " class=\"lectern-tier-now\" aria-current=\"true\"" : ""
        out += "<td\(align(i))\(mark)>\(renderer.render(inlines: cell.inlines))</td>\n"
      }
      let now = measurement.map { MetricFormatting.value($0) } ?? (metric == nil ? "" : "no data")
      out += "<td class=\"lectern-now\">\(HTMLEscaping.escape(now))</td>\n</tr>\n"
    }
    return out + "</tbody>\n</table>\n"
  }
}
