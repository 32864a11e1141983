/// A severity's response-time target compared with the time to acknowledge (never the time to restore).
public struct ResponseCheck: Sendable, Hashable {
  public enum Outcome: String, Sendable, Hashable {
    case met, missed
    /// The target is not a duration, or the timeline marks no acknowledgement.
    case notChecked = "not_checked"
  }

  public var severity: Int
  public var sla: ResponseSLA
  /// Detected → acknowledged, from the timeline; `nil` when it marks no acknowledgement.
  public var acknowledgedMinutes: Int?
  public var outcome: Outcome
}

extension Postmortem {
  /// The check for the document's severity (else `fallbackSeverity`, an incident record's), when the
  /// document has a response-time table with that severity.
  public func responseCheck(fallbackSeverity: Int? = nil) -> ResponseCheck? {
    guard let level = meta.severity?.level ?? fallbackSeverity,
      let sla = responseSLAs.first(where: { $0.severity.level == level })
    else { return nil }
    let ack = timings.timeToAcknowledge
    var outcome = ResponseCheck.Outcome.notChecked
    if let limit = sla.responseSeconds, let ack { outcome = ack * 60 <= limit ? .met : .missed }
    return ResponseCheck(severity: level, sla: sla, acknowledgedMinutes: ack, outcome: outcome)
  }
}
