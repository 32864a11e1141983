import ArgumentParser
import Foundation
import LecternBrowser
import LecternCore
import LecternDORA
import LecternDeck
import LecternExtract
import LecternLive
import LecternMarkdown
import LecternMetrics
import LecternRecords
import LecternReport
import LecternSlides
import LecternTemplates

extension Lectern {
  struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "metrics",
      abstract: "Ingest deployments, changes and incidents; compute the four DORA metrics.",
      subcommands: [Ingest.self, Import.self, Show.self])
  }
}

extension Lectern.Metrics {
  struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ingest",
      abstract: "Add records from CSV, JSON Lines or JSON files (or a git repository) to the store.",
      discussion: """
        The record kind comes from the file name (deployments.csv, incidents.jsonl, …) or --kind. Everything \
        is checked first and written in one transaction: one bad record and nothing is written. A record whose \
        id is already stored replaces it; ingesting the same file twice changes nothing. \
        \(ExitStatus.help)
        """)

    @Argument(help: "CSV (.csv), JSON Lines (.jsonl, .ndjson) or JSON array (.json) files.")
    var files: [String] = []

    @Option(help: "The record kind of every file: deployments, changes or incidents.")
    var kind: RecordKindArgument?

    @Option(help: "A git repository to read changes (commits) and deployments (tags) from.")
    var git: String?

    @Option(name: .customLong("deploy-tags"), help: "With --git: the tags that are deployments (a glob, e.g. 'deploy/*').")
    var deployTags: String?

    @Option(name: .customLong("git-service"), help: "With --git: the service name (default: the repository folder's name).")
    var gitService: String?

    @OptionGroup var store: MetricsStoreOptions

    func validate() throws {
      if files.isEmpty && git == nil { throw ValidationError("give files to ingest or --git PATH") }
      if git != nil && deployTags == nil { throw ValidationError("--git needs --deploy-tags GLOB") }
    }

    func run() throws {
      var batch = RecordBatch()
      do {
        batch = try MetricsInput.readAll(files, kind: kind?.kind)
        if let git, let deployTags {
          let fromGit = try GitSource(repository: git, tagGlob: deployTags, service: gitService).read()
          batch.changes += fromGit.changes
          batch.deployments += fromGit.deployments
        }
      } catch {
        try Self.reportReadFailure(error)
      }
      try Self.write(batch, to: store.path)
    }

    /// Prints why records could not be read (every bad record) and exits: 1 for bad records, 2 for files.
    static func reportReadFailure(_ error: Error) throws -> Never {
      switch error {
      case let error as IngestError:
        printError(error.description + " (nothing was written)")
        throw ExitCode(ExitStatus.findings)
      case let problems as IngestProblems:
        printError(problems.description)
        printError("\(problems.count) bad record\(problems.count == 1 ? "" : "s"); nothing was written")
        throw ExitCode(ExitStatus.findings)
      case let error as InputError:
        printError(error.description)
        throw ExitCode(ExitStatus.usage)
      default:
        throw error
      }
    }

    /// Writes `batch` to the store `path` names (an SQLite file or a `postgresql://` URL) in one
    /// transaction and prints what it did.
    static func write(_ batch: RecordBatch, to path: String) throws {
      let location: MetricsLocation
      do {
        location = try MetricsLocation.named(path)
      } catch {
        printError("\(error) (nothing was written)")
        throw ExitCode(ExitStatus.usage)
      }
      let total = batch.count
      let started = Date()
      let summary: MetricsStore.IngestSummary
      do {
        summary = try ingest(batch, into: location) { done in printError("… \(done) of \(total) records written") }
      } catch let error as MetricsStoreError {
        printError("\(error) (nothing was written)")
        throw ExitCode(ExitStatus.usage)
      } catch let error as PostgresStoreError {
        printError("\(error) (nothing was written)")
        switch error {
        case .server: throw ExitCode(ExitStatus.findings)
        default: throw ExitCode(ExitStatus.usage)
        }
      } catch let error as StoreOpenError {
        printError("\(path): error: cannot open the metrics store: \(error.underlying)")
        throw ExitCode(ExitStatus.usage)
      } catch {
        printError("\(location): error: \(error) (nothing was written)")
        throw ExitCode(ExitStatus.findings)
      }
      let seconds = Date().timeIntervalSince(started)
      for (name, c) in [("deployments", summary.deployments), ("changes", summary.changes), ("incidents", summary.incidents)]
      where c.total > 0 {
        print("\(name): \(c.added) added, \(c.replaced) replaced, \(c.unchanged) unchanged")
      }
      let rate = seconds > 0 ? Int(Double(total) / seconds) : total
      print("\(total) records in \(String(format: "%.2f", seconds)) s (\(rate) records/s) → \(location)")
    }

    /// An SQLite store that cannot be opened, kept apart from a failed write.
    struct StoreOpenError: Error { var underlying: Error }

    private static func ingest(_ batch: RecordBatch, into location: MetricsLocation, progress: @escaping (Int) -> Void) throws
      -> MetricsStore.IngestSummary
    {
      switch location {
      case .server(let url):
        return try PostgresMetricsStore(url).ingest(batch, progress: progress)
      case .store(let path), .data(let path):
        let store: MetricsStore
        do {
          store = try MetricsStore(path: path)
        } catch let error as MetricsStoreError {
          throw error
        } catch {
          throw StoreOpenError(underlying: error)
        }
        return try store.ingest(batch, progress: progress)
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Print the four DORA metrics for a window, with tiers and the counts behind them.",
      discussion: """
        No data is printed as 'no data' with its reason, never as 0. Records left out of a metric (other \
        environments, unmatched SHAs, open incidents) are counted by reason. With --fail-if, exits 1 when a \
        threshold is breached, naming it (a metric with no data is neither passed nor breached unless \
        --fail-on-no-data). \(ExitStatus.help)
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, markdown, csv }

    @OptionGroup var window: WindowOptions
    @OptionGroup var store: MetricsStoreOptions
    @OptionGroup var environments: EnvironmentOptions

    @Option(help: "Compute straight from the record files in this folder (an in-memory store) instead of --db.")
    var data: String?

    @Option(help: "Output format: table, json, markdown or csv.")
    var format: Format = .table

    @Option(help: "Also print a trend series by day, week or month, or one report per service or per team.")
    var by: ByArgument?

    @Option(
      help:
        "A team and its services for --by team, e.g. 'payments=checkout-api,billing' (repeatable; adds to the settings file's teams)."
    )
    var team: [TeamArgument] = []

    @Option(help: "Percentiles of both durations, e.g. 50,75,90.")
    var percentile: PercentileList?

    @Option(help: "A deck or report whose DORA benchmark table sets the tier thresholds.")
    var benchmark: String?

    @Option(
      name: .customLong("fail-if"),
      help: "Exit 1 when this holds (repeatable): 'change_failure_rate>30%', 'lead_time>7d', 'deployment_frequency<High'.")
    var failIf: [String] = []

    @Flag(name: .customLong("fail-on-no-data"), help: "With --fail-if: a metric with no data fails too.")
    var failOnNoData = false

    @Option(
      name: .customLong("infer-causes"),
      help:
        "Link an incident without caused_by to the latest production deployment of its service within this time before it (e.g. 24h); counted in change failure rate and reported as inferred."
    )
    var inferCauses: String?

    @Option(help: "Metrics settings: production_aliases, teams, infer_causes (default: .lectern/metrics.yml when it exists).")
    var config: String?

    func validate() throws {
      if let inferCauses, parseWindowLength(inferCauses) == nil {
        throw ValidationError("--infer-causes '\(inferCauses)' is not a length; expected a form like 24h or 2d")
      }
    }

    func run() throws {
      let settings = try MetricsConfiguration.load(explicit: config)
      let tiers = try benchmark.map { try TierTable.benchmark(fromFile: $0) } ?? .defaults
      let gates = try failIf.map { text in
        do { return try MetricGate(parsing: text, tiers: tiers) } catch let e as MetricGate.Invalid {
          throw ValidationError(e.description)
        }
      }
      let location: MetricsLocation = try data.map { .data(folder: $0) } ?? .named(store.path)
      let request = MetricsRequest(
        location: location, window: try window.resolve(), services: window.services, tiers: tiers,
        production: ProductionEnvironments(aliases: settings.productionAliases.merging(environments.aliases) { _, cli in cli }),
        percentiles: percentile?.fractions ?? [0.5, 0.9],
        inferCauses: inferCauses.flatMap(parseWindowLength).map { $0 * 86_400 } ?? settings.inferCauses)
      let provider = MetricsProvider()
      let report = try provider.report(request)
      var series: [DORAReport] = []
      if case .calendar(let unit) = by { series = try provider.trend(request, by: unit) }
      let groups = try self.groups(
        request, provider: provider, teams: settings.teams + team.map { (name: $0.name, services: $0.services) })
      let counts = try provider.recordCounts(location)
      let provenance = MetricsProvenance(
        store: location.description, deployments: counts.deployments, changes: counts.changes, incidents: counts.incidents)
      print(
        MetricsOutput.render(report, series: series, services: groups, provenance: provenance, format: format),
        terminator: "")
      for name in Set(([report] + groups.items.map(\.report)).flatMap(\.unknownServices)).sorted() {
        printError("note: no records match service '\(name)'; every metric for it is no data")
      }
      let scoped = [("", report)] + groups.items.map { (" for \(groups.kind) '\($0.name)'", $0.report) }
      try checkGates(gates, scoped, tiers: tiers)
    }

    /// The reports of `--by service` or `--by team` (teams from the configuration, then `--team`).
    private func groups(_ request: MetricsRequest, provider: MetricsProvider, teams: [(name: String, services: [String])])
      throws -> MetricsGroups
    {
      var groups = MetricsGroups.none
      switch by {
      case .service:
        groups.items = try provider.byService(request).map { ($0.services.joined(separator: ", "), $0) }
      case .team:
        guard !teams.isEmpty else {
          throw ValidationError("--by team needs --team TEAM=service,service or 'teams:' in \(MetricsConfiguration.defaultPath)")
        }
        groups.kind = "team"
        groups.items = try teams.map { t in
          var one = request
          one.services = t.services
          return (t.name, try provider.report(one))
        }
      case .calendar, nil: break
      }
      return groups
    }

    /// Prints each breached gate (and each gate with no data) and exits 1 when any fails the run.
    private func checkGates(_ gates: [MetricGate], _ reports: [(scope: String, report: DORAReport)], tiers: TierTable) throws {
      var failed = false
      for (scope, report) in reports {
        for gate in gates {
          switch gate.check(report, tiers: tiers) {
          case .passed: break
          case .breached(let what):
            printError("error: threshold '\(gate)' breached\(scope): \(what)")
            failed = true
          case .noData(let reason):
            printError("\(failOnNoData ? "error" : "note"): threshold '\(gate)' not checked\(scope): no data (\(reason))")
            failed = failed || failOnNoData
          }
        }
      }
      if failed { throw ExitCode(ExitStatus.findings) }
    }
  }
}

struct RecordKindArgument: ExpressibleByArgument {
  var kind: RecordKind
  init?(argument: String) {
    guard let k = RecordKind(rawValue: argument) else { return nil }
    kind = k
  }
  static var allValueStrings: [String] { RecordKind.allCases.map(\.rawValue) }
}

struct MetricsProvenance {
  var store: String
  var deployments: Int
  var changes: Int
  var incidents: Int
}
