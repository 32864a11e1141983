import Foundation
import LecternCore
import LecternDORA
import LecternMetrics
import LecternPostmortem
import LecternTestSupport
import Testing

@testable import LecternReport

private let postmortemText = """
  ---
  incident: INC-1
  severity: 2
  ---
  # Checkout <script>alert(1)</script> outage

  ## Summary

  Checkout | payments were slow.

  ## Timeline

  | Time | Event |
  |---|---|
  | 2026-03-02 10:00 | Alert fired (detected) |
  | 2026-03-02 10:12 | On-call acknowledged |
  | 2026-03-02 10:20 | Rolled back (resolved) |

  ## Severity

  | Severity | Response Time |
  |---|---|
  | 1 | 15 minutes |
  | 2 | 30 minutes |

  # Short Term

  | Team | What | Owner | Due | Status |
  |---|---|---|---|---|
  | SRE | Alert on pool use > 80% & rising | Ana | 2026-03-09 | done |

  # Long Term

  | Team | Focus | DORA Metric |
  |---|---|---|
  | Platform | Smaller deploys | Deployment Frequency |
  | Payments | Canary releases \\| dark launches | Change Failure Rate |
  """

/// Two weeks of hand-made records: 14 production deployments (one a day), 2 of them failed; one incident.
private func store() throws -> MetricsStore {
  let store = try MetricsStore(path: nil)
  var batch = RecordBatch()
  let day = 86_400.0
  let start = Timestamp(rfc3339: "2026-03-01T00:00:00Z")!.seconds
  for i in 0..<14 {
    batch.deployments.append(
      Deployment(
        id: "d\(i)", service: "checkout", finishedAt: Timestamp(seconds: start + Double(i) * day + 3600),
        status: i == 1 || i == 5 ? .failure : .success))
  }
  batch.incidents.append(
    Incident(
      id: "INC-1", service: "checkout", severity: 2, openedAt: Timestamp(rfc3339: "2026-03-02T10:00:00Z")!,
      resolvedAt: Timestamp(rfc3339: "2026-03-02T10:20:00Z")!, causedBy: "d1", title: "slow checkout"))
  _ = try store.ingest(batch)
  return store
}

@Suite struct ReportTests {
  private func metrics() throws -> ReportMetrics {
    let location = MetricsLocation.store(path: "test store")
    return try MetricsProvider(store: try store(), at: location).reportMetrics(
      MetricsRequest(
        location: location,
        window: Window(start: Timestamp(rfc3339: "2026-03-01T00:00:00Z")!, end: Timestamp(rfc3339: "2026-03-15T00:00:00Z")!),
        services: []),
      incidentId: "INC-1")
  }

  @Test func htmlReportLinksLongTermItemsToLiveMetrics() throws {
    let pm = Postmortem(source: .inline(postmortemText))
    let html = ReportBuilder.render(pm, metrics: try metrics(), format: .html)
    #expect(html.contains("<title>Checkout alert(1) outage</title>"), "raw HTML in a heading is not text")
    #expect(!html.contains("<script>"))
    #expect(html.contains("Alert on pool use &gt; 80% &amp; rising"))
    // 12 successful production deployments in 14 days (the contract counts successes); 2 of 14 failed.
    #expect(
      html.contains("<td>Platform</td><td>Smaller deploys</td><td>Deployment Frequency</td><td class=\"num\">0.86/day</td>"))
    #expect(html.contains("<td>&gt; 1.00/day for High</td>"))
    #expect(
      html.contains(
        "<td>Payments</td><td>Canary releases | dark launches</td><td>Change Failure Rate</td><td class=\"num\">14.3%</td>"))
    #expect(html.contains("<svg class=\"sparkline\""))
    // The incident from the store, and the severity table's response time.
    #expect(html.contains("<dt>Time to restore</dt><dd>20m</dd>"))
    // The response target is checked against the time to acknowledge (10:00 → 10:12), not to restore.
    #expect(html.contains("Met: Sev 2 requires a response within 30m; acknowledged after 12m."))
    #expect(html.contains("<dt>Caused by</dt><dd>d1 (checkout, production, finished 2026-03-02T01:00:00Z)</dd>"))
    #expect(html.contains("<dt>Store</dt><dd>test store</dd>"))
    #expect(html.contains("<dt>Records</dt><dd>14 deployments, 0 changes, 1 incidents</dd>"))
  }

  @Test func withoutAStoreEveryNumberSaysNoData() {
    let pm = Postmortem(source: .inline(postmortemText))
    let html = ReportBuilder.render(pm, metrics: nil, format: .html, missingStore: "no metrics store at x.sqlite")
    #expect(html.contains("No data: no metrics store at x.sqlite"))
    #expect(html.contains("Incident INC-1: no metrics store, so no incident record."))
    #expect(html.contains("<td class=\"num\">no data</td>"))
    #expect(!html.contains("0.00/day"))
  }

  @Test func markdownReportKeepsTablesIntact() throws {
    let pm = Postmortem(source: .inline(postmortemText))
    let md = ReportBuilder.render(pm, metrics: try metrics(), format: .md)
    // The first line says who wrote the file (so `report -o` may refresh it), then the title.
    let marker = "<!-- generator: Lectern (lectern report); regenerate it rather than edit it -->\n"
    #expect(md.hasPrefix(marker + "# Checkout alert(1) outage\n"))
    #expect(md.contains("| Platform | Smaller deploys | Deployment Frequency | 0.86/day |"))
    #expect(md.contains("| Payments | Canary releases \\| dark launches | Change Failure Rate | 14.3% |"))
    #expect(md.contains("| Ana (SRE) | Alert on pool use > 80% & rising | short term | 2026-03-09 | done |\n"))
    // Long-term items have no owner, due date or status in the source, and the report invents none.
    #expect(md.contains("| Platform | Smaller deploys | long term |  |  |\n"))
    #expect(!md.contains("ongoing"))
    // Every table row of the report has the same number of cells as its header.
    let doc = ProseDocumentCheck(md)
    #expect(doc.brokenRows.isEmpty, "\(doc.brokenRows)")
  }

  @Test func skeletonFromAnIncidentReadsBackAsThatPostmortem() throws {
    let s = try store()
    let incident = try #require(try s.incident(id: "INC-1"))
    let cause = try s.deployment(id: "d1")
    let text = PostmortemSkeleton.markdown(incident: incident, cause: cause)
    let pm = Postmortem(source: .inline(text))
    #expect(pm.meta.incidentIds == ["INC-1"])
    #expect(pm.meta.severity?.level == 2)
    #expect(pm.meta.causedBy == ["d1"])
    #expect(pm.timeline.map(\.at.raw) == ["2026-03-02 01:00", "2026-03-02 10:00", "2026-03-02 10:20"])
    #expect(pm.computedTimeToRestoreMinutes == 20)
    #expect(pm.declaredDurations.first?.minutes == 20)
    #expect(pm.responseSLAs.count == 3)
    #expect(!pm.findings.contains { $0.severity == .warning })
  }
}

/// Counts cells per table row in Markdown output (header, delimiter and body rows must agree).
private struct ProseDocumentCheck {
  var brokenRows: [String] = []
  init(_ markdown: String) {
    var expected: Int?
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      guard line.hasPrefix("|") else {
        expected = nil
        continue
      }
      let cells = line.replacingOccurrences(of: "\\|", with: "").split(separator: "|", omittingEmptySubsequences: false).count - 2
      if let expected, cells != expected { brokenRows.append(String(line)) }
      if expected == nil { expected = cells }
    }
  }
}

@Suite struct StoreTimingsTests {
  /// The timeline marks detection and restore only; the store's incident record has `acknowledged_at` (opened
  /// 10:00, acknowledged 10:04) and `mitigated_at` (10:12): the report shows them, labelled as the store's.
  @Test func acknowledgeAndMitigateComeFromTheStoreWhenTheTimelineLacksThem() throws {
    let text = """
      ---
      incident: INC-9
      ---
      # Search outage

      ## Timeline

      | Time (UTC) | Event |
      |---|---|
      | 2026-03-02 10:00 | Errors rise; alert fires (detected) |
      | 2026-03-02 10:30 | Search back (resolved) |
      """
    let store = try MetricsStore(path: nil)
    var batch = RecordBatch()
    batch.incidents.append(
      Incident(
        id: "INC-9", service: "search", severity: 2, openedAt: Timestamp(rfc3339: "2026-03-02T10:00:00Z")!,
        resolvedAt: Timestamp(rfc3339: "2026-03-02T10:30:00Z")!,
        acknowledgedAt: Timestamp(rfc3339: "2026-03-02T10:04:00Z")!, mitigatedAt: Timestamp(rfc3339: "2026-03-02T10:12:00Z")!))
    _ = try store.ingest(batch)
    let location = MetricsLocation.store(path: "test store")
    let metrics = try MetricsProvider(store: store, at: location).reportMetrics(
      MetricsRequest(
        location: location,
        window: Window(start: Timestamp(rfc3339: "2026-03-01T00:00:00Z")!, end: Timestamp(rfc3339: "2026-03-15T00:00:00Z")!),
        services: []),
      incidentId: "INC-9")
    let md = ReportBuilder.render(Postmortem(source: .inline(text)), metrics: metrics, format: .md)
    #expect(md.contains("| Time to acknowledge | 4m (metrics store) |"), "\(md)")
    #expect(md.contains("| Time to mitigate | 12m (metrics store) |"))
    #expect(md.contains("| Time to restore | 30m |"), "the timeline's own restore time stays")
    let without = ReportBuilder.render(Postmortem(source: .inline(text)), metrics: nil, format: .md)
    #expect(!without.contains("Time to acknowledge"), "nothing is invented without the store")
  }
}
