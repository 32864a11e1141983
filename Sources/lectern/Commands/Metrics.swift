import ArgumentParser
import Foundation
import LecternCore
import LecternDeck
import LecternMarkdown
import LecternMetrics
import LecternRender

extension Lectern {
  struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Ingest deployments, changes and incidents; compute the four DORA metrics.",
      subcommands: [Ingest.self, Show.self])
  }
}

/// Where the metrics store is.
struct MetricsStoreOptions: ParsableArguments {
  @Option(help: "The SQLite store (default: $LECTERN_METRICS_DB, else .lectern/metrics.sqlite).")
  var db: String?

  var path: String {
    db ?? ProcessInfo.processInfo.environment["LECTERN_METRICS_DB"] ?? ".lectern/metrics.sqlite"
  }
}

/// The window and the service filter.
struct WindowOptions: ParsableArguments {
  @Option(help: "Window length ending at --as-of: 30d, 12w, 36h (default 30d).")
  var window: String?

  @Option(help: "Window start (RFC 3339); with --until instead of --window.")
  var since: String?

  @Option(help: "Window end, exclusive (RFC 3339).")
  var until: String?

  @Option(name: .customLong("as-of"), help: "The end of the window (RFC 3339; default now).")
  var asOf: String?

  @Option(name: .customLong("service"), help: "Only this service (repeatable).")
  var services: [String] = []

  func validate() throws {
    if window != nil && (since != nil || until != nil) { throw ValidationError("use --window or --since/--until, not both") }
    if let w = window, parseWindowLength(w) == nil {
      throw ValidationError("--window '\(w)' is not a length; expected a form like 30d, 12w or 36h")
    }
    for (name, value) in [("--since", since), ("--until", until), ("--as-of", asOf)] {
      if let value, Timestamp(rfc3339: value) == nil {
        throw ValidationError("\(name) '\(value)' is not an RFC 3339 timestamp; expected a form like 2026-03-01T00:00:00Z")
      }
    }
    if until != nil && asOf != nil { throw ValidationError("use --until or --as-of, not both") }
  }

  func resolve(now: Timestamp = Timestamp(seconds: Date().timeIntervalSince1970)) throws -> Window {
    let end = (until ?? asOf).flatMap { Timestamp(rfc3339: $0) } ?? now
    if let since, let start = Timestamp(rfc3339: since) {
      guard start < end else { throw ValidationError("--since must be before the window's end") }
      return Window(start: start, end: end)
    }
    return Window.last(days: parseWindowLength(window ?? "30d") ?? 30, endingAt: end)
  }
}

extension Lectern.Metrics {
  struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add records from CSV, JSON Lines or JSON files (or a git repository) to the store.",
      discussion: """
        The record kind comes from the file name (deployments.csv, incidents.jsonl, …) or --kind. Everything \
        is checked first and written in one transaction: one bad record and nothing is written. A record whose \
        id is already stored replaces it; ingesting the same file twice changes nothing.
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
      } catch let error as IngestError {
        printError(error.description + " (nothing was written)")
        throw ExitCode(1)
      } catch let error as InputError {
        printError(error.description)
        throw ExitCode(2)
      }
      let store: MetricsStore
      do {
        store = try MetricsStore(path: self.store.path)
      } catch {
        printError("\(self.store.path): error: cannot open the metrics store: \(error)")
        throw ExitCode(2)
      }
      let total = batch.count
      let started = Date()
      let summary: MetricsStore.IngestSummary
      do {
        summary = try store.ingest(batch) { done in printError("… \(done) of \(total) records written") }
      } catch {
        printError("\(self.store.path): error: \(error) (nothing was written)")
        throw ExitCode(1)
      }
      let seconds = Date().timeIntervalSince(started)
      for (name, c) in [("deployments", summary.deployments), ("changes", summary.changes), ("incidents", summary.incidents)]
      where c.total > 0 {
        print("\(name): \(c.added) added, \(c.replaced) replaced, \(c.unchanged) unchanged")
      }
      let rate = seconds > 0 ? Int(Double(total) / seconds) : total
      print("\(total) records in \(String(format: "%.2f", seconds)) s (\(rate) records/s) → \(self.store.path)")
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the four DORA metrics for a window, with tiers and the counts behind them.",
      discussion: "No data is printed as 'no data' with its reason, never as 0.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, markdown, csv }

    @OptionGroup var window: WindowOptions
    @OptionGroup var store: MetricsStoreOptions

    @Option(help: "Compute straight from the record files in this folder (an in-memory store) instead of --db.")
    var data: String?

    @Option(help: "Output format: table, json, markdown or csv.")
    var format: Format = .table

    @Option(help: "Also print a trend series by day, week or month.")
    var by: CalendarUnitArgument?

    @Option(help: "A deck or report whose DORA benchmark table sets the tier thresholds.")
    var benchmark: String?

    func run() throws {
      let range = try window.resolve()
      let tiers: TierTable
      do {
        tiers = try benchmark.map { try MetricsInput.benchmark(from: $0) } ?? .defaults
      } catch let error as MetricsInput.BenchmarkError {
        printError(error.description)
        throw ExitCode(1)
      }
      let store: MetricsStore
      do {
        if let data {
          store = try MetricsInput.inMemoryStore(from: data)
        } else {
          guard FileManager.default.fileExists(atPath: self.store.path) else {
            printError("\(self.store.path): error: no metrics store; run 'lectern metrics ingest FILE…' first, or use --data DIR")
            throw ExitCode(2)
          }
          store = try MetricsStore(path: self.store.path)
        }
      } catch let error as IngestError {
        printError(error.description)
        throw ExitCode(1)
      }
      let calculator = DORACalculator(store: store, tiers: tiers)
      let report = try calculator.report(window: range, services: window.services)
      let series = try by.map { try calculator.trend(window: range, by: $0.unit, services: window.services) } ?? []
      let counts = try store.recordCounts()
      let provenance = MetricsProvenance(
        store: data.map { "\($0) (in memory)" } ?? self.store.path, deployments: counts.deployments, changes: counts.changes,
        incidents: counts.incidents)
      print(MetricsOutput.render(report, series: series, provenance: provenance, format: format), terminator: "")
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

struct CalendarUnitArgument: ExpressibleByArgument {
  var unit: CalendarUnit
  init?(argument: String) {
    guard let u = CalendarUnit(rawValue: argument) else { return nil }
    unit = u
  }
  static var allValueStrings: [String] { CalendarUnit.allCases.map(\.rawValue) }
}

struct MetricsProvenance {
  var store: String
  var deployments: Int
  var changes: Int
  var incidents: Int
}

/// Reading metric inputs for the commands.
enum MetricsInput {
  static func read(_ path: String, kind: RecordKind?, into batch: inout RecordBatch) throws {
    guard let format = RecordFile.format(of: path) else {
      throw IngestError(file: path, line: nil, field: nil, message: "unknown format; expected .csv, .jsonl, .ndjson or .json")
    }
    guard let kind = kind ?? RecordKind.from(fileName: (path as NSString).lastPathComponent) else {
      throw IngestError(
        file: path, line: nil, field: nil,
        message: "cannot tell the record kind from the name; use --kind deployments|changes|incidents")
    }
    guard FileManager.default.fileExists(atPath: path) else { throw InputError.missingFile(path: path) }
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    try RecordFile.read(bytes, name: path, kind: kind, format: format, into: &batch)
  }

  /// Reads files in parallel (each into its own batch) and joins the batches in argument order.
  static func readAll(_ paths: [String], kind: RecordKind?) throws -> RecordBatch {
    final class Slots: @unchecked Sendable {
      var batches: [Result<RecordBatch, Error>]
      init(_ n: Int) { batches = Array(repeating: .success(RecordBatch()), count: n) }
    }
    let slots = Slots(paths.count)
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: paths.count) { i in
      var batch = RecordBatch()
      let result = Result {
        try read(paths[i], kind: kind, into: &batch); return batch
      }
      lock.withLock { slots.batches[i] = result }
    }
    var all = RecordBatch()
    for result in slots.batches {
      let b = try result.get()
      all.deployments += b.deployments
      all.changes += b.changes
      all.incidents += b.incidents
    }
    return all
  }

  /// Every record file in a folder, ingested into a new in-memory store.
  static func inMemoryStore(from directory: String) throws -> MetricsStore {
    var batch = RecordBatch()
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    var found = 0
    let files = names.sorted().filter { RecordFile.format(of: $0) != nil && RecordKind.from(fileName: $0) != nil }
    batch = try readAll(files.map { (directory as NSString).appendingPathComponent($0) }, kind: nil)
    found = files.count
    if found == 0 {
      throw IngestError(
        file: directory, line: nil, field: nil,
        message: "no record files; expected deployments/changes/incidents .csv, .jsonl or .json")
    }
    let store = try MetricsStore(path: nil)
    _ = try store.ingest(batch)
    return store
  }

  struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
  }

  /// The first table in a deck or document whose first column names DORA metrics.
  static func benchmark(from path: String) throws -> TierTable {
    let source: SourceFile
    do {
      source = try SourceFile.load(path: path)
    } catch let error as InputError {
      throw BenchmarkError(description: error.description)
    }
    // Every benchmark table in the file contributes its metrics; a later row for a metric wins.
    var tiers = TierTable.defaults.tiers
    var lines: [String] = []
    for table in MarkdownDocument(parsing: source, fromLine: 1).tables {
      let rows = table.rows.map { $0.cells.map(\.text) }
      if let found = TierTable.parseRows(header: table.header.cells.map(\.text), rows: rows) {
        tiers.merge(found) { _, new in new }
        lines.append(String(table.range?.start.line ?? 0))
      }
    }
    if !lines.isEmpty {
      let place = lines.count == 1 ? "table on line \(lines[0])" : "tables on lines \(lines.joined(separator: ", "))"
      return TierTable(tiers: tiers, source: "\(path) (\(place))")
    }
    throw BenchmarkError(
      description:
        "\(path): error: no DORA benchmark table; expected metric names down the first column and tier names across the header")
  }
}
