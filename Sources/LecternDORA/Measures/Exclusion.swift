import LecternCore

/// Records left out of a metric, counted by reason, so that nothing is dropped without a word:
/// "12 deployments in environment 'staging' not counted".
public struct Exclusion: Sendable, Hashable, CustomStringConvertible {
  public enum Reason: Sendable, Hashable {
    /// Deployments in the window whose environment is not production.
    case environment(String)
    /// Shipped SHAs with no `changes` record (lead time).
    case unmatchedSHA
    /// Changes deployed before they were committed (lead time).
    case negativeLeadTime
    /// Incidents opened in the window and not resolved (time to restore).
    case openIncident
    /// Incidents resolved before they were opened (time to restore).
    case negativeRestoreTime
    /// Changes or incidents with no service of their own or inherited, under a service filter.
    case noService(RecordKind)
  }

  public var reason: Reason
  public var count: Int

  public init(_ reason: Reason, count: Int) {
    self.reason = reason
    self.count = count
  }

  /// The metrics these records were left out of.
  public var metrics: [DORAMetric] {
    switch reason {
    case .environment: [.deploymentFrequency, .leadTime, .changeFailureRate]
    case .unmatchedSHA, .negativeLeadTime, .noService(.changes): [.leadTime]
    case .openIncident, .negativeRestoreTime, .noService: [.timeToRestore]
    }
  }

  /// A stable key for machine-readable output (`environment`, `unmatched_sha`, …).
  public var key: String {
    switch reason {
    case .environment: "environment"
    case .unmatchedSHA: "unmatched_sha"
    case .negativeLeadTime: "negative_lead_time"
    case .openIncident: "open_incident"
    case .negativeRestoreTime: "negative_restore_time"
    case .noService: "no_service"
    }
  }

  public var description: String {
    func plural(_ word: String) -> String { count == 1 ? word : word + "s" }
    switch reason {
    case .environment(let name):
      return "\(count) \(plural("deployment")) in environment '\(name)' not counted (not production)"
    case .unmatchedSHA:
      return "\(count) shipped \(plural("SHA")) with no changes record not counted in lead time"
    case .negativeLeadTime:
      return "\(count) \(plural("change")) deployed before committed not counted in lead time"
    case .openIncident:
      return "\(count) open \(plural("incident")) not counted in time to restore"
    case .negativeRestoreTime:
      return "\(count) \(plural("incident")) resolved before opened not counted in time to restore"
    case .noService(let kind):
      let noun = kind == .changes ? plural("change") : plural("incident")
      return "\(count) \(noun) with no service not counted under the service filter"
    }
  }
}
