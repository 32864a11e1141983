import ArgumentParser
import Foundation
import LecternDORA
import LecternMetrics

/// Where the metrics store is (for commands that write it).
struct MetricsStoreOptions: ParsableArguments {
  @Option(
    help:
      "The store: an SQLite file or postgresql://user@host:port/db (default: $LECTERN_METRICS_DB, else .lectern/metrics.sqlite).")
  var db: String?

  var path: String {
    db ?? ProcessInfo.processInfo.environment["LECTERN_METRICS_DB"] ?? ".lectern/metrics.sqlite"
  }
}

/// Where numbers are read from: a store, or a folder of record files read into memory.
struct MetricsSourceOptions: ParsableArguments {
  @OptionGroup var store: MetricsStoreOptions

  @Option(help: "A folder of deployments/changes/incidents files, read into memory instead of a store.")
  var data: String?

  /// The location named on the command line (`--data`, else the store path), whether or not it exists.
  func location() throws -> MetricsLocation { try data.map { .data(folder: $0) } ?? .named(store.path) }

  /// What the command line and `.lectern/metrics.yml` (production aliases, inferred causes) say, for
  /// documents whose front matter may say more.
  func defaults(window: WindowOptions) throws -> MetricsDefaults {
    let settings = try MetricsConfiguration.load(explicit: nil)
    return MetricsDefaults(
      data: data, db: store.db, defaultStore: store.path, window: window.spec, productionAliases: settings.productionAliases,
      inferCauses: settings.inferCauses)
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

  var spec: WindowSpec { WindowSpec(length: window, since: since, until: until, asOf: asOf, services: services) }

  func validate() throws {
    do {
      try spec.validate()
    } catch let error as WindowSpec.Invalid {
      throw ValidationError(error.description)
    }
  }

  func resolve() throws -> Window { try spec.resolve() }
}

/// Which environment names count as production besides production, prod and prd (any case).
struct EnvironmentOptions: ParsableArguments {
  @Option(
    name: .customLong("production-alias"),
    help: "An environment name that counts as production (repeatable; NAME or NAME=production, e.g. 'live').")
  var productionAliases: [String] = []

  var aliases: [String: String] {
    (try? ProductionEnvironments.aliases(from: productionAliases.joined(separator: ","))) ?? [:]
  }

  var production: ProductionEnvironments { ProductionEnvironments(aliases: aliases) }

  func validate() throws {
    do {
      _ = try ProductionEnvironments.aliases(from: productionAliases.joined(separator: ","))
    } catch let error as ProductionEnvironments.InvalidAlias {
      throw ValidationError(error.description)
    }
  }
}

/// `--by day|week|month` (a trend series), `--by service` (one report per service) or `--by team` (one
/// per `--team`).
enum ByArgument: ExpressibleByArgument {
  case calendar(CalendarUnit)
  case service
  case team

  init?(argument: String) {
    if argument == "service" {
      self = .service
    } else if argument == "team" {
      self = .team
    } else if let unit = CalendarUnit(rawValue: argument) {
      self = .calendar(unit)
    } else {
      return nil
    }
  }

  static var allValueStrings: [String] { CalendarUnit.allCases.map(\.rawValue) + ["service", "team"] }
}

/// `--percentile 50,75,90`: percentiles (of 0–100) for both durations.
struct PercentileList: ExpressibleByArgument {
  var fractions: [Double]

  init?(argument: String) {
    var list: [Double] = []
    for item in argument.split(separator: ",") {
      guard let p = Double(item.trimmingCharacters(in: .whitespaces)), p >= 0, p <= 100 else { return nil }
      list.append(p / 100)
    }
    guard !list.isEmpty else { return nil }
    fractions = list
  }

  static var defaultValueDescription: String { "50,90" }
}

/// `--team payments=checkout-api,billing`: a team and the services it owns.
struct TeamArgument: ExpressibleByArgument {
  var name: String
  var services: [String]

  init?(argument: String) {
    let parts = argument.split(separator: "=", maxSplits: 1)
    guard parts.count == 2 else { return nil }
    name = parts[0].trimmingCharacters(in: .whitespaces)
    services = parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    guard !name.isEmpty, !services.isEmpty else { return nil }
  }

  static var defaultValueDescription: String { "TEAM=service,service" }
}
