import Foundation
import LecternTestSupport
import Testing

/// The demo deck and the demo postmortem report, built from one store, call the same numbers by the same
/// tier words: both are tiered by the deck's benchmark table (the postmortem names it in `metrics: benchmark`).
@Suite struct DemoAgreementTests {
  private var root: URL { TestPaths.repositoryRoot() }

  @Test func deckAndReportAgreeOnEveryTier() throws {
    let dir = TestPaths.temporaryDirectory()
    let db = dir.appendingPathComponent("metrics.sqlite").path
    let data = root.appendingPathComponent("decks/data")
    let files = try FileManager.default.contentsOfDirectory(atPath: data.path).sorted().map {
      data.appendingPathComponent($0).path
    }
    let ingest = try LecternBinary.run(["metrics", "ingest"] + files + ["--db", db])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    // The report scopes its numbers to the postmortem's service; the deck is built for the same service.
    let window = ["--db", db, "--as-of", "2026-11-29T00:00:00Z", "--window", "90d", "--service", "checkout-api"]
    let deck = try LecternBinary.run(["build", root.appendingPathComponent("decks/friday-deploys.md").path, "-o", "-"] + window)
    let report = try LecternBinary.run(
      ["report", root.appendingPathComponent("decks/checkout-outage-postmortem.md").path, "-o", "-"] + window)
    #expect(deck.status == 0, "\(deck.stderr)")
    #expect(report.status == 0, "\(report.stderr)")
    let deckTiers = Self.annotatedTiers(deck.stdout)
    let reportTiers = Self.scorecardTiers(report.stdout)
    #expect(deckTiers.count == 4, "the benchmark table marks a tier for each metric: \(deckTiers)")
    #expect(reportTiers.count == 4, "the scorecard shows a tier for each metric: \(reportTiers)")
    #expect(deckTiers == reportTiers)
    // Both name the deck's own tiers (Elite/High/Medium/Low), not the contract's High/Mid/Low.
    #expect(Set(deckTiers.values).isSubset(of: ["Elite", "High", "Medium", "Low"]))
  }

  /// Metric name → the header of the cell marked as the current tier in the deck's benchmark table.
  static func annotatedTiers(_ html: String) -> [String: String] {
    guard let table = html.range(of: "<th class=\"lectern-now\">") else { return [:] }
    let start = html[..<table.lowerBound].range(of: "<table", options: .backwards)?.lowerBound ?? table.lowerBound
    let end = html[table.upperBound...].range(of: "</table>")?.upperBound ?? html.endIndex
    let rows = html[start..<end].components(separatedBy: "<tr")
    guard let headerRow = rows.first(where: { $0.contains("<th>") }) else { return [:] }
    let header = cells(headerRow, tag: "th")
    var tiers: [String: String] = [:]
    for row in rows where row.contains("lectern-tier-now") {
      let cells = cells(row, tag: "td")
      guard let metric = cells.first?.text, let marked = cells.firstIndex(where: { $0.marked }), marked < header.count else {
        continue
      }
      tiers[metric] = header[marked].text
    }
    return tiers
  }

  /// Metric name → tier word in the report's scorecard rows.
  static func scorecardTiers(_ html: String) -> [String: String] {
    guard let section = html.range(of: "id=\"scorecard\"") else { return [:] }
    let end = html[section.upperBound...].range(of: "</table>")?.upperBound ?? html.endIndex
    var tiers: [String: String] = [:]
    for row in html[section.upperBound..<end].components(separatedBy: "<tr") {
      let cells = cells(row, tag: "td")
      guard let metric = cells.first?.text, let tier = row.range(of: "class=\"tier ") else { continue }
      let word = row[tier.upperBound...].drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
      tiers[metric] = String(word)
    }
    return tiers
  }

  private static func cells(_ row: String, tag: String) -> [(text: String, marked: Bool)] {
    row.components(separatedBy: "<\(tag)").dropFirst().filter { $0.hasPrefix(">") || $0.hasPrefix(" ") }.map { cell in
      let open = cell.prefix { $0 != ">" }
      let body = cell.drop { $0 != ">" }.dropFirst()
      let text = body.prefix { $0 != "<" }.trimmingCharacters(in: .whitespaces)
      return (text, open.contains("lectern-tier-now"))
    }
  }
}
