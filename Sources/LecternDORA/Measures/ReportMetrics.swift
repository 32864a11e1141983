import LecternCore

/// The live numbers a report is filled in with: the window's DORA report, a weekly trend, and the
/// incident (and the deployment that caused it) when the store has them.
public struct ReportMetrics: Sendable {
  public var report: DORAReport
  public var weekly: [DORAReport]
  public var incident: Incident?
  public var incidentId: String?
  public var cause: Deployment?
  /// Where the numbers come from, for the provenance line.
  public var storeDescription: String
  public var counts: (deployments: Int, changes: Int, incidents: Int)

  public init(
    report: DORAReport, weekly: [DORAReport], incident: Incident?, incidentId: String?, cause: Deployment?,
    storeDescription: String, counts: (deployments: Int, changes: Int, incidents: Int)
  ) {
    self.report = report
    self.weekly = weekly
    self.incident = incident
    self.incidentId = incidentId
    self.cause = cause
    self.storeDescription = storeDescription
    self.counts = counts
  }
}
