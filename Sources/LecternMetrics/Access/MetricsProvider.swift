import Foundation
import LecternCore
import LecternDORA

/// Where records come from: a SQLite store, a PostgreSQL store shared by a team, or a folder of record
/// files read into memory.
public enum MetricsLocation: Hashable, Sendable, CustomStringConvertible {
  case store(path: String)
  case server(PostgresStoreURL)
  case data(folder: String)

  /// The store that `--db`, `LECTERN_METRICS_DB` or a document's `metrics: {db: …}` names: a
  /// `postgresql://` URL (checked here) or an SQLite file.
  public static func named(_ db: String) throws -> MetricsLocation {
    PostgresStoreURL.isPostgres(db) ? .server(try PostgresStoreURL(db)) : .store(path: db)
  }

  /// Shown in provenance lines and messages; a PostgreSQL store without its password.
  public var description: String {
    switch self {
    case .store(let path): path
    case .server(let url): url.description
    case .data(let folder): "\(folder) (in memory)"
    }
  }

  /// The location that applies to a document: an explicit `--data` or `--db`, then the document's own
  /// `metrics: {data: …, db: …}` settings (relative to its folder), then the default store when it exists
  /// (a PostgreSQL default store always applies). Throws for a malformed `postgresql://` URL.
  public static func resolve(
    data: String?, db: String?, settings: [String: String], documentDirectory: URL, defaultStore: String
  ) throws -> MetricsLocation? {
    func relative(_ p: String) -> String {
      p.hasPrefix("/") || PostgresStoreURL.isPostgres(p) ? p : documentDirectory.appendingPathComponent(p).path
    }
    if let data { return .data(folder: data) }
    if let db { return try named(db) }
    if let d = settings["data"] { return .data(folder: relative(d)) }
    if let db = settings["db"] { return try named(relative(db)) }
    if PostgresStoreURL.isPostgres(defaultStore) { return try named(defaultStore) }
    if FileManager.default.fileExists(atPath: defaultStore) { return .store(path: defaultStore) }
    return nil
  }
}

/// What a renderer needs computed: records from `location`, over `window`, for `services`, tiered by `tiers`.
public struct MetricsRequest: Hashable, Sendable {
  public var location: MetricsLocation
  public var window: Window
  public var services: [String]
  public var tiers: TierTable
  /// Which environment names count as production.
  public var production: ProductionEnvironments
  /// Percentiles (fractions) reported for both durations.
  public var percentiles: [Double]
  /// Opt-in: seconds within which an incident without `caused_by` is linked to the production deployment
  /// of its service that preceded it; `nil`: only explicit causes count.
  public var inferCauses: Double?

  public init(
    location: MetricsLocation, window: Window, services: [String], tiers: TierTable = .defaults,
    production: ProductionEnvironments = .default, percentiles: [Double] = [0.5, 0.9], inferCauses: Double? = nil
  ) {
    self.location = location
    self.window = window
    self.services = services
    self.tiers = tiers
    self.production = production
    self.percentiles = percentiles
    self.inferCauses = inferCauses
  }
}

/// Why a metrics location cannot be used.
public enum MetricsAccessError: Error, CustomStringConvertible, Sendable {
  case noStore(path: String)
  case unknownIncident(String)

  public var description: String {
    switch self {
    case .noStore(let path):
      "\(path): error: no metrics store; run 'lectern metrics ingest FILE…' first, or use --data DIR"
    case .unknownIncident(let id): "error: incident '\(id)' is not in the store"
    }
  }
}

/// The one door from documents to numbers: opens each location once, computes each request once, and
/// hands back plain values (`DORAReport`, `ReportMetrics`). Safe to share between threads.
public final class MetricsProvider: Sendable {
  private let stores = Locked<[MetricsLocation: MetricsStore]>([:])
  private let reports = Locked<[MetricsRequest: Result<DORAReport, Error>]>([:])

  public init() {}

  /// A provider that answers for `location` from an already open `store` (an in-memory store made by a
  /// test or by `--data`).
  public init(store: MetricsStore, at location: MetricsLocation) {
    stores.withLock { $0[location] = store }
  }

  /// The store behind `location`, opened (or read into memory) on first use.
  func store(_ location: MetricsLocation) throws -> MetricsStore {
    try stores.withLock { stores in
      if let known = stores[location] { return known }
      let made: MetricsStore
      switch location {
      case .data(let folder):
        made = try MetricsInput.inMemoryStore(from: folder)
      case .store(let path):
        guard FileManager.default.fileExists(atPath: path) else { throw MetricsAccessError.noStore(path: path) }
        made = try MetricsStore(readingAt: path)
      case .server(let url):
        // Read once, read-only, into memory: the same calculator then computes every request.
        made = try PostgresMetricsStore(url).snapshot()
      }
      stores[location] = made
      return made
    }
  }

  /// The four metrics for a request, computed once per distinct request.
  public func report(_ request: MetricsRequest) throws -> DORAReport {
    if let known = reports.withLock({ $0[request] }) { return try known.get() }
    let result = Result {
      var r = try calculator(request).report(window: request.window, services: request.services)
      r.source = request.location.description
      return r
    }
    reports.withLock { $0[request] = result }
    return try result.get()
  }

  /// One report per calendar bucket of the request's window (a trend series).
  public func trend(_ request: MetricsRequest, by unit: CalendarUnit) throws -> [DORAReport] {
    try calculator(request).trend(window: request.window, by: unit, services: request.services)
      .map {
        var r = $0; r.source = request.location.description; return r
      }
  }

  private func calculator(_ request: MetricsRequest) throws -> DORACalculator {
    DORACalculator(
      store: try store(request.location), tiers: request.tiers, production: request.production,
      percentiles: request.percentiles, inferCauses: request.inferCauses)
  }

  /// One report per service the location has records for (or per service of the request's filter), in
  /// name order: the `--by service` view.
  public func byService(_ request: MetricsRequest) throws -> [DORAReport] {
    let names = request.services.isEmpty ? try calculator(request).services() : request.services
    return try names.map { name in
      var one = request
      one.services = [name]
      return try report(one)
    }
  }

  /// How many records of each kind the location holds.
  public func recordCounts(_ location: MetricsLocation) throws -> (deployments: Int, changes: Int, incidents: Int) {
    try store(location).recordCounts()
  }

  /// Everything a postmortem report shows: the window's metrics, a weekly trend covering at least twelve
  /// weeks ending with the window (so a sparkline has a shape even for 30 days), and the incident and the
  /// deployment that caused it when the store has them.
  public func reportMetrics(_ request: MetricsRequest, incidentId: String?) throws -> ReportMetrics {
    let store = try store(request.location)
    let report = try self.report(request)
    let window = request.window
    let trendWindow = window.days >= 84 ? window : Window.last(days: 84, endingAt: window.end)
    var trendRequest = request
    trendRequest.window = trendWindow
    let weekly = try trend(trendRequest, by: .week)
    let incident = try incidentId.flatMap { try store.incident(id: $0) }
    let cause = try incident?.causedBy.flatMap { try store.deployment(id: $0) }
    return ReportMetrics(
      report: report, weekly: weekly, incident: incident, incidentId: incidentId, cause: cause,
      storeDescription: request.location.description, counts: try store.recordCounts())
  }

  /// One incident and the deployment that caused it; throws when the store does not have it.
  public func incident(id: String, at location: MetricsLocation) throws -> (incident: Incident, cause: Deployment?) {
    let store = try store(location)
    guard let record = try store.incident(id: id) else { throw MetricsAccessError.unknownIncident(id) }
    return (record, try record.causedBy.flatMap { try store.deployment(id: $0) })
  }

  /// Ingests `batch` into the store at `path` (created if needed) in one transaction.
  public static func ingest(_ batch: RecordBatch, intoStoreAt path: String, progress: ((Int) -> Void)? = nil) throws
    -> MetricsStore.IngestSummary
  {
    try MetricsStore(path: path).ingest(batch, progress: progress)
  }

  /// Ingests `batch` into the store `db` names (an SQLite file or a `postgresql://` URL; created or
  /// migrated if needed) in one transaction.
  public static func ingest(_ batch: RecordBatch, into db: String, progress: ((Int) -> Void)? = nil) throws
    -> MetricsStore.IngestSummary
  {
    switch try MetricsLocation.named(db) {
    case .server(let url): try PostgresMetricsStore(url).ingest(batch, progress: progress)
    default: try ingest(batch, intoStoreAt: db, progress: progress)
    }
  }
}

/// The command line's say in where a document's numbers come from; a document's own `metrics:` settings
/// fill in what is not given here.
public struct MetricsDefaults: Sendable {
  public var data: String?
  public var db: String?
  /// The store used when nothing else names one, if it exists.
  public var defaultStore: String
  public var window: WindowSpec
  /// Environment aliases from the command line (`live=production`), added to the document's own.
  public var productionAliases: [String: String]
  /// Inferred incident causes (seconds) from the settings file; a document's own `infer_causes` wins.
  public var inferCauses: Double?

  public init(
    data: String?, db: String?, defaultStore: String, window: WindowSpec, productionAliases: [String: String] = [:],
    inferCauses: Double? = nil
  ) {
    self.data = data
    self.db = db
    self.defaultStore = defaultStore
    self.window = window
    self.productionAliases = productionAliases
    self.inferCauses = inferCauses
  }
}

extension MetricsRequest {
  /// The request for a document with `settings` (its front matter's `metrics:`), or `nil` when no store
  /// applies; throws when the document's window settings are invalid.
  public static func forDocument(
    settings: [String: String], directory: URL, defaults: MetricsDefaults, tiers: TierTable
  ) throws -> MetricsRequest? {
    guard
      let location = try MetricsLocation.resolve(
        data: defaults.data, db: defaults.db, settings: settings, documentDirectory: directory,
        defaultStore: defaults.defaultStore)
    else { return nil }
    let spec = defaults.window.filling(from: settings)
    do {
      try spec.validate()
    } catch {
      throw WindowSpec.Invalid(description: "metrics window in front matter: \(error)")
    }
    let aliases = try settings["production_aliases"].map(ProductionEnvironments.aliases(from:)) ?? [:]
    let infer = try settings["infer_causes"].map { text in
      guard let days = parseWindowLength(text) else {
        throw WindowSpec.Invalid(
          description: "metrics infer_causes in front matter: '\(text)' is not a length; expected a form like 24h or 2d")
      }
      return days * 86_400
    }
    return MetricsRequest(
      location: location, window: try spec.resolve(), services: spec.services, tiers: tiers,
      production: ProductionEnvironments(aliases: aliases.merging(defaults.productionAliases) { _, cli in cli }),
      inferCauses: infer ?? defaults.inferCauses)
  }
}
