import LecternCore

extension MetricGate {
  /// Checks the gate against `report` (tiered by `tiers`).
  public func check(_ report: DORAReport, tiers: TierTable = .defaults) -> Outcome {
    guard let m = report.measurement(metric) else { return .noData("\(metric.rawValue) is not in the report") }
    guard let value = m.number else {
      if case .noData(let reason) = m.value { return .noData(reason) }
      return .noData("no data")
    }
    let shown = MetricFormatting.amount(value, m.unit)
    switch threshold {
    case .amount(let bound):
      let holds: Bool
      switch comparison {
      case .less: holds = value < bound
      case .lessOrEqual: holds = value <= bound
      case .greater: holds = value > bound
      case .greaterOrEqual: holds = value >= bound
      }
      return holds ? .breached("\(metric.displayName) is \(shown)") : .passed
    case .tier(let name):
      let list = tiers.tiers[metric] ?? []
      guard let current = m.tier, let have = list.firstIndex(of: current),
        let want = list.firstIndex(where: { $0.name == name })
      else { return .noData("no tier for \(metric.displayName)") }
      // Tiers are best first: a higher index is a worse tier.
      let holds: Bool
      switch comparison {
      case .less: holds = have > want
      case .lessOrEqual: holds = have >= want
      case .greater: holds = have < want
      case .greaterOrEqual: holds = have <= want
      }
      return holds ? .breached("\(metric.displayName) is \(shown) (\(current.name))") : .passed
    }
  }
}
