import Foundation
import LecternCore
import LecternDORA
import LecternDeck
import LecternMetrics
import LecternSlides
import LecternTestSupport
import Testing

@testable import LecternLive

/// 14 days, one production deployment a day (12 succeed, 2 fail); changes with 6 h lead time; one 20-minute incident.
private func liveMetrics(store description: String = "test store", tiers: TierTable = .defaults) throws -> LiveMetrics {
  let store = try MetricsStore(path: nil)
  var batch = RecordBatch()
  let start = Timestamp(rfc3339: "2026-03-01T00:00:00Z")!.seconds
  for i in 0..<14 {
    let finished = start + Double(i) * 86_400 + 7200
    batch.deployments.append(
      Deployment(
        id: "d\(i)", service: "web", finishedAt: Timestamp(seconds: finished), status: i == 1 || i == 5 ? .failure : .success,
        commits: ["c\(i)"]))
    batch.changes.append(Change(sha: "c\(i)", service: "web", committedAt: Timestamp(seconds: finished - 6 * 3600)))
  }
  batch.incidents.append(
    Incident(
      id: "I1", service: "web", severity: 2, openedAt: Timestamp(rfc3339: "2026-03-02T10:00:00Z")!,
      resolvedAt: Timestamp(rfc3339: "2026-03-02T10:20:00Z")!))
  _ = try store.ingest(batch)
  let window = Window(start: Timestamp(rfc3339: "2026-03-01T00:00:00Z")!, end: Timestamp(rfc3339: "2026-03-15T00:00:00Z")!)
  let location = MetricsLocation.store(path: description)
  let request = MetricsRequest(location: location, window: window, services: [], tiers: tiers)
  return LiveMetrics(report: try MetricsProvider(store: store, at: location).report(request))
}

private func build(_ markdown: String, metrics: LiveMetrics?, annotate: Bool = true) -> String {
  var options = DeckBuildOptions()
  options.metrics = metrics
  options.annotate = annotate
  return DeckHTMLRenderer.render(Deck(source: .inline(markdown)), options: options).html
}

@Suite struct LiveMetricsTests {
  @Test func placeholdersAreFilledInAfterParsing() throws {
    let html = build(
      """
      ---
      marp: true
      ---
      We deploy {{dora.deployment_frequency}} ({{ dora.deployment_frequency.value }} a day, {{dora.deployment_frequency.tier}}).
      Lead time p90: {{dora.lead_time.p90}}; failures {{dora.change_failure_rate}}; restore {{dora.time_to_restore.value}} h.
      Window {{dora.window}}, as of {{dora.as_of}}, {{dora.service}}. Unknown: {{dora.mttr}}. Other: {{name}}.
      """, metrics: try liveMetrics())
    #expect(html.contains(#"<span class="lectern-metric" data-placeholder="dora.deployment_frequency">0.86/day</span>"#))
    #expect(html.contains(#"data-placeholder="dora.deployment_frequency.value">0.86</span>"#))
    #expect(html.contains(#"data-placeholder="dora.lead_time.p90">6.0 h</span>"#))
    #expect(html.contains(#"data-placeholder="dora.change_failure_rate">14.3%</span>"#))
    #expect(html.contains(#"data-placeholder="dora.time_to_restore.value">0.33</span>"#))
    #expect(html.contains(#"data-placeholder="dora.as_of">2026-03-15T00:00:00Z</span>"#))
    #expect(html.contains(#"data-placeholder="dora.window">14 days to 15 Mar 2026</span>"#))
    #expect(html.contains(#"data-placeholder="dora.service">all services</span>"#))
    #expect(html.contains(#"<span class="lectern-metric-unknown" title="unknown placeholder">{{dora.mttr}}</span>"#))
    #expect(html.contains("Other: {{name}}."), "only dora.* placeholders are Lectern's")
    #expect(
      html.contains(
        #"<p class="lectern-metrics-note">DORA metrics: 14 days to 15 Mar 2026, all services, from test store</p>"#))
  }

  @Test func withoutMetricsPlaceholdersSayNoDataNeverNothing() {
    let html = build("---\nmarp: true\n---\nWe deploy {{dora.deployment_frequency}}.\n", metrics: nil)
    #expect(html.contains(#"data-placeholder="dora.deployment_frequency">no data</span>"#))
    #expect(html.contains("DORA metrics: no data (no metrics store)"))
  }

  @Test func valuesAreTextAndCannotBreakATableOrInjectMarkup() throws {
    let metrics = try liveMetrics(store: "<script>x()</script> | store")
    let html = build(
      "---\nmarp: true\n---\n| Metric | Now |\n|---|---|\n| Deploys | {{dora.deployment_frequency}} |\n| Store | {{dora.service}} |\n",
      metrics: metrics)
    #expect(
      html.contains("<td><span class=\"lectern-metric\" data-placeholder=\"dora.deployment_frequency\">0.86/day</span></td>"))
    #expect(!html.contains("<script>x()"))
    #expect(html.contains("&lt;script&gt;x()&lt;/script&gt; | store"))
  }

  @Test func benchmarkTableIsAnnotatedWithItsOwnThresholds() throws {
    let deck = """
      ---
      marp: true
      ---
      | Metric | Elite | High | Medium | Low |
      |---|---|---|---|---|
      | Deployment Frequency | On demand | Daily to weekly | Weekly to monthly | Less than monthly |
      | Change Failure Rate | 0-5% | 5-10% | 10-20% | 20-60% |

      Tier: {{dora.deployment_frequency.tier}}
      """
    // The deck's own table sets its tiers (the rule decks and reports share); the renderer never re-tiers.
    let parsed = Deck(source: .inline(deck))
    let tiers = try TierTable.forDocument(parsed.document, name: "test.md", settings: [:], directory: URL(fileURLWithPath: "/"))
    #expect(tiers.source == "test.md (table on line 4)")
    let html = build(deck, metrics: try liveMetrics(tiers: tiers))
    // 0.86/day is below "on demand" (more than once a day) but at least weekly: High, by this table.
    #expect(html.contains(#"<td class="lectern-tier-now" aria-current="true">Daily to weekly</td>"#))
    // 14.3% is above this table's 10% High bound: Medium.
    #expect(html.contains(#"<td class="lectern-tier-now" aria-current="true">10-20%</td>"#))
    #expect(html.contains(#"<th class="lectern-now">Now</th>"#))
    #expect(html.contains(#"<td class="lectern-now">0.86/day</td>"#))
    #expect(
      html.contains(#"data-placeholder="dora.deployment_frequency.tier">High</span>"#), "placeholders use the deck's table too")
    let plain = build(deck, metrics: try liveMetrics(tiers: tiers), annotate: false)
    #expect(!plain.contains("class=\"lectern-tier-now\""))
    #expect(!plain.contains("class=\"lectern-benchmark\""))
  }
}
