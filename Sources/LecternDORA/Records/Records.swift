/// A deployment of a service (`deployments` in the metrics contract).
public struct Deployment: Sendable, Hashable {
  public enum Status: String, Sendable, Hashable { case success, failure }

  public var id: String
  public var service: String
  /// Only `production` counts in any metric.
  public var environment: String
  public var finishedAt: Timestamp
  public var status: Status
  /// The change SHAs this deployment shipped.
  public var commits: [String]

  public init(
    id: String, service: String, environment: String = "production", finishedAt: Timestamp, status: Status = .success,
    commits: [String] = []
  ) {
    self.id = id
    self.service = service
    self.environment = environment
    self.finishedAt = finishedAt
    self.status = status
    self.commits = commits
  }
}

/// A commit (`changes`).
public struct Change: Sendable, Hashable {
  public var sha: String
  /// `nil`: the service of the deployment that first shipped it.
  public var service: String?
  public var committedAt: Timestamp

  public init(sha: String, service: String? = nil, committedAt: Timestamp) {
    self.sha = sha
    self.service = service
    self.committedAt = committedAt
  }
}

/// An incident (`incidents`).
public struct Incident: Sendable, Hashable {
  public var id: String
  public var service: String?
  /// 1 (critical) to 4; `nil` when not given.
  public var severity: Int?
  public var openedAt: Timestamp
  /// `nil`: still open.
  public var resolvedAt: Timestamp?
  /// The deployment that caused it, when known.
  public var causedBy: String?
  public var title: String?
  /// When someone first acknowledged it (responded), when known.
  public var acknowledgedAt: Timestamp?
  /// When its impact was stopped (before the fix was complete), when known.
  public var mitigatedAt: Timestamp?

  public init(
    id: String, service: String? = nil, severity: Int? = nil, openedAt: Timestamp, resolvedAt: Timestamp? = nil,
    causedBy: String? = nil, title: String? = nil, acknowledgedAt: Timestamp? = nil, mitigatedAt: Timestamp? = nil
  ) {
    self.id = id
    self.service = service
    self.severity = severity
    self.openedAt = openedAt
    self.resolvedAt = resolvedAt
    self.causedBy = causedBy
    self.title = title
    self.acknowledgedAt = acknowledgedAt
    self.mitigatedAt = mitigatedAt
  }
}

/// The three record kinds.
public enum RecordKind: String, Sendable, CaseIterable {
  case deployments, changes, incidents

  /// The kind a file name implies (`deployments.csv`, `prod-incidents.jsonl`), if any.
  public static func from(fileName: String) -> RecordKind? {
    let name = fileName.lowercased()
    let matches = allCases.filter { name.contains($0.rawValue) || name.contains(String($0.rawValue.dropLast())) }
    return matches.count == 1 ? matches[0] : nil
  }
}

/// One batch of records, in the order read.
public struct RecordBatch: Sendable {
  public var deployments: [Deployment] = []
  public var changes: [Change] = []
  public var incidents: [Incident] = []

  public init() {}

  public var count: Int { deployments.count + changes.count + incidents.count }
}
