/// How long each phase of the incident took, read from the document's timeline markers.
///
/// The clock starts at detection (as an incident record's `opened_at` does), or at impact start when
/// nothing is marked detected. Each value is whole minutes, `nil` when either end has no marked, timed
/// entry or the span would be negative: no data, never zero.
public struct IncidentTimings: Sendable, Hashable {
  public var impactStart: TimelineEntry?
  public var detected: TimelineEntry?
  public var acknowledged: TimelineEntry?
  public var mitigated: TimelineEntry?
  /// The first `restored` entry, else the first `resolved` one.
  public var restored: TimelineEntry?

  /// Impact start → detected.
  public var timeToDetect: Int? { Self.minutes(impactStart, detected) }
  /// Detected → acknowledged: the time to respond that response-time SLAs are about.
  public var timeToAcknowledge: Int? { Self.minutes(detected ?? impactStart, acknowledged) }
  /// Detected (else impact start) → mitigated.
  public var timeToMitigate: Int? { Self.minutes(detected ?? impactStart, mitigated) }
  /// Detected (else impact start) → restored (else resolved).
  public var timeToRestore: Int? { Self.minutes(detected ?? impactStart, restored) }
  /// Impact start (else detected) → restored: how long users were affected.
  public var impactDuration: Int? { Self.minutes(impactStart ?? detected, restored) }

  public init(timeline: [TimelineEntry]) {
    // The earliest marked entry by time (timelines are not always written in order), else the first written.
    func first(_ marker: TimelineMarker) -> TimelineEntry? {
      let marked = timeline.filter { $0.markers.contains(marker) && $0.at.hour != nil }
      guard marked.allSatisfy({ $0.at.sortKey != nil && $0.at.hasDate == marked.first?.at.hasDate }) else { return marked.first }
      return marked.min { $0.at.sortKey! < $1.at.sortKey! }
    }
    impactStart = first(.impactStart)
    detected = first(.detected)
    acknowledged = first(.acknowledged)
    mitigated = first(.mitigated)
    restored = first(.restored) ?? first(.resolved)
  }

  /// Whole minutes from one entry to a later one; `nil` when either is missing or untimed, or the span is negative.
  public static func minutes(_ from: TimelineEntry?, _ to: TimelineEntry?) -> Int? {
    guard let from, let to, let m = to.at.minutes(since: from.at), m >= 0 else { return nil }
    return m
  }
}

extension Postmortem {
  /// Phase durations from the timeline's markers.
  public var timings: IncidentTimings { IncidentTimings(timeline: timeline) }
}
