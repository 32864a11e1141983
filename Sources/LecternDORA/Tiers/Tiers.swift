import LecternCore

/// A performance tier: its name (`High`, `Elite`, …) and the bound a value must meet to get it.
public struct Tier: Sendable, Hashable {
  public var name: String
  /// In the metric's unit (per day, hours, percent). `nil`: the last tier, met by any value.
  public var bound: Double?
  /// `true`: the value may equal the bound (`at most 30%`); `false`: it must be strictly better.
  public var inclusive: Bool

  public init(name: String, bound: Double?, inclusive: Bool) {
    self.name = name
    self.bound = bound
    self.inclusive = inclusive
  }
}

/// Ordered tiers, best first, for each metric.
public struct TierTable: Sendable, Hashable {
  public var tiers: [DORAMetric: [Tier]]
  /// Where the thresholds came from (`contract defaults`, a file and its table).
  public var source: String

  public init(tiers: [DORAMetric: [Tier]], source: String) {
    self.tiers = tiers
    self.source = source
  }

  /// The thresholds of the metrics contract.
  public static let defaults = TierTable(
    tiers: [
      .deploymentFrequency: [
        Tier(name: "High", bound: 1, inclusive: false), Tier(name: "Mid", bound: 1.0 / 30, inclusive: true),
        Tier(name: "Low", bound: nil, inclusive: true),
      ],
      .leadTime: [
        Tier(name: "High", bound: 24, inclusive: false), Tier(name: "Mid", bound: 7 * 24, inclusive: false),
        Tier(name: "Low", bound: nil, inclusive: true),
      ],
      .changeFailureRate: [
        Tier(name: "High", bound: 15, inclusive: false), Tier(name: "Mid", bound: 30, inclusive: true),
        Tier(name: "Low", bound: nil, inclusive: true),
      ],
      .timeToRestore: [
        Tier(name: "High", bound: 1, inclusive: false), Tier(name: "Mid", bound: 24, inclusive: false),
        Tier(name: "Low", bound: nil, inclusive: true),
      ],
    ], source: "contract defaults")

  /// The first tier, best first, whose bound the value meets.
  public func tier(of value: Double, for metric: DORAMetric) -> Tier? {
    guard let list = tiers[metric] else { return nil }
    return list.first { Self.meets(value, $0, higherIsBetter: metric.higherIsBetter) } ?? list.last
  }

  /// The tier just above the value's tier, with its bound: what it takes to move up; `nil` at the top.
  public func nextTierUp(from value: Double, for metric: DORAMetric) -> Tier? {
    guard let list = tiers[metric], let current = tier(of: value, for: metric),
      let index = list.firstIndex(of: current), index > 0
    else { return nil }
    return list[index - 1]
  }

  static func meets(_ value: Double, _ tier: Tier, higherIsBetter: Bool) -> Bool {
    guard let bound = tier.bound else { return true }
    if higherIsBetter { return tier.inclusive ? value >= bound : value > bound }
    return tier.inclusive ? value <= bound : value < bound
  }
}
