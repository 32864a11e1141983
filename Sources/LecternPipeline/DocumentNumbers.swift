import Foundation
import LecternDORA
import LecternDeck
import LecternLive
import LecternMarkdown
import LecternMetrics
import LecternPostmortem

/// Live numbers for documents: the one composition of a document's `metrics:` settings, its tiers and the
/// metrics provider, shared by `build`, `report` and `serve` so a deck and a report over the same data say
/// the same thing.
public struct DocumentNumbers: Sendable {
  public let provider: MetricsProvider
  public let defaults: MetricsDefaults
  /// A `--benchmark` file's tiers, for documents without their own benchmark table.
  public let fallbackTiers: TierTable?

  public init(provider: MetricsProvider = MetricsProvider(), defaults: MetricsDefaults, fallbackTiers: TierTable? = nil) {
    self.provider = provider
    self.defaults = defaults
    self.fallbackTiers = fallbackTiers
  }

  /// The request for a document, `nil` when no store applies.
  public func request(document: MarkdownDocument, frontMatter: FrontMatter?, name: String, directory: URL) throws
    -> MetricsRequest?
  {
    let settings = frontMatter?.metricsSettings ?? [:]
    let tiers = try TierTable.forDocument(document, name: name, settings: settings, directory: directory, fallback: fallbackTiers)
    return try MetricsRequest.forDocument(settings: settings, directory: directory, defaults: defaults, tiers: tiers)
  }

  /// The numbers a deck's placeholders and benchmark tables show.
  public func deck(_ deck: Deck, directory: URL) throws -> LiveMetrics? {
    guard let request = try request(document: deck.document, frontMatter: deck.frontMatter, name: deck.path, directory: directory)
    else { return nil }
    return LiveMetrics(report: try provider.report(request))
  }

  /// The numbers a postmortem report shows; the postmortem's services when no filter is given.
  public func postmortem(_ pm: Postmortem, directory: URL, incident: String? = nil) throws -> ReportMetrics? {
    let document = pm.document
    guard
      var request = try request(
        document: document.document, frontMatter: document.frontMatter, name: document.path, directory: directory)
    else { return nil }
    if request.services.isEmpty { request.services = pm.meta.services }
    return try provider.reportMetrics(request, incidentId: incident ?? pm.meta.incidentIds.first)
  }
}
