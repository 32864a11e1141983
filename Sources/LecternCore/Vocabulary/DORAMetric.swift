/// The four DORA metrics, with the names people write for them.
public enum DORAMetric: String, Sendable, Hashable, CaseIterable {
  case deploymentFrequency = "deployment_frequency"
  case leadTime = "lead_time"
  case changeFailureRate = "change_failure_rate"
  case timeToRestore = "time_to_restore"

  public var displayName: String {
    switch self {
    case .deploymentFrequency: "Deployment Frequency"
    case .leadTime: "Lead Time for Changes"
    case .changeFailureRate: "Change Failure Rate"
    case .timeToRestore: "Time to Restore Service"
    }
  }

  /// Whether a larger value is better (only deployment frequency).
  public var higherIsBetter: Bool { self == .deploymentFrequency }

  /// Reads a metric name as people write it: `Deployment Frequency`, `MTTR`, `Mean time to restore`,
  /// `Change fail percentage`, `lead time`, with any case, markup stars and a trailing period.
  public init?(name: String) {
    let s = DORAMetric.normalizedName(name)
    // Every first cell of every table is tried as a metric name: one hash lookup, not a case-by-case compare.
    if let metric = DORAMetric.exactNames[s] {
      self = metric
      return
    }
    for (prefix, metric) in DORAMetric.prefixNames where s.hasPrefix(prefix) {
      self = metric
      return
    }
    return nil
  }

  /// Longer names read by how they start (normalised), tried in this order.
  static let prefixNames: [(String, DORAMetric)] = [
    ("mean time to restore", .timeToRestore), ("time to restore", .timeToRestore),
    ("deployment frequency", .deploymentFrequency), ("lead time", .leadTime), ("change lead time", .leadTime),
    ("change fail", .changeFailureRate),
  ]

  /// The first byte of every name ``init(name:)`` reads (lowercase ASCII letters): a text whose first byte
  /// that ``normalizedName(_:)`` keeps is another ASCII byte names no metric.
  public static let nameInitials: Set<UInt8> = Set(
    exactNames.keys.compactMap(\.utf8.first) + prefixNames.compactMap(\.0.utf8.first))

  /// The names read as a metric when written in full (normalised by ``normalizedName(_:)``); longer names
  /// starting with a metric's name are read by prefix.
  static let exactNames: [String: DORAMetric] = {
    var names: [String: DORAMetric] = [:]
    let lists: [(DORAMetric, [String])] = [
      (
        .deploymentFrequency, ["deployment frequency", "deploy frequency", "deployments frequency", "df", "deployment_frequency"]
      ),
      (
        .leadTime,
        [
          "lead time for changes", "lead time", "change lead time", "lead time for change", "lt", "lead_time",
          "lead time to change",
        ]
      ),
      (
        .changeFailureRate,
        [
          "change failure rate", "change fail percentage", "change failure percentage", "change fail rate", "cfr",
          "change_failure_rate", "failed deployment rate",
        ]
      ),
      (
        .timeToRestore,
        [
          "time to restore service", "time to restore", "mean time to restore", "mttr", "mean time to recovery",
          "time to recovery", "mean time to restore mttr", "mean time to restore service", "failed deployment recovery time",
          "time_to_restore",
        ]
      ),
    ]
    for (metric, list) in lists { for name in list { names[name] = metric } }
    return names
  }()

  /// A name lowercased, without `*_`.:()`, its words (split at spaces, tabs and hyphens) joined by one space.
  /// ASCII names (nearly all: every cell of every table is tried as a metric name) are done over bytes; the
  /// rest through `lowercased()` and character filters, which the bytes agree with on ASCII.
  static func normalizedName(_ name: String) -> String {
    var name = name
    let ascii = name.withUTF8 { bytes -> String? in
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      var space = false
      for b in bytes {
        switch b {
        case 0x80...: return nil
        case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "."), UInt8(ascii: ":"),
          UInt8(ascii: "("), UInt8(ascii: ")"):
          continue
        case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "\t"):
          space = !out.isEmpty
        default:
          if space { out.append(UInt8(ascii: " ")) }
          space = false
          out.append(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b)
        }
      }
      return String(decoding: out, as: UTF8.self)
    }
    return ascii ?? normalizedByCharacters(name)
  }

  static func normalizedByCharacters(_ name: String) -> String {
    var s = name.lowercased()
    s = String(s.filter { !"*_`.:()".contains($0) })
    return s.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\t" }).joined(separator: " ")
  }
}
