import LecternCore
import LecternDeck
import LecternMarkdown

/// A postmortem read from Markdown: the lossless outline plus the typed parts real postmortems contain
/// (action items, timeline, severity SLAs, benchmark tables, declared durations, narrative), and
/// findings for what the document lacks or contradicts. Values that cannot be read stay raw.
public struct Postmortem: Sendable {
  public var document: ProseDocument
  public var path: String { document.path }
  public var title: String?
  public var meta: PostmortemMeta
  /// Every heading, in order, with its kind (inherited from the nearest classified ancestor).
  public var sections: [ClassifiedSection]
  public var summary: String?
  public var actionItems: [ActionItem]
  public var timeline: [TimelineEntry]
  public var responseSLAs: [ResponseSLA]
  public var benchmarks: [BenchmarkRow]
  public var declaredDurations: [DeclaredDuration]
  public var narrative: [NarrativeSection]
  /// What the content sections say, by kind (impact, causes, trigger, detection, response, resolution,
  /// lessons, went well / wrong, got lucky, appendix, glossary), in the author's words and order.
  public var statements: [SectionKind: [Statement]] = [:]
  /// The numbers the impact statements give (shares, money, counts of users, requests, …).
  public var impactFigures: [ImpactFigure] = []
  /// What the document lacks or contradicts (never parse failures).
  public var findings: [Diagnostic]

  /// Minutes from the first `detected` (else impact start) marker to the first `restored`/`resolved`
  /// marker of the timeline, when both have a time.
  public var computedTimeToRestoreMinutes: Int? { Self.restoreSpan(in: timeline)?.minutes }

  /// Detected (else impact start) → the first `resolved` entry, and the minutes between them.
  static func resolveSpan(in timeline: [TimelineEntry]) -> (start: TimelineEntry, end: TimelineEntry, minutes: Int)? {
    let start = timeline.first { $0.markers.contains(.detected) } ?? timeline.first { $0.markers.contains(.impactStart) }
    let end = timeline.first { $0.markers.contains(.resolved) }
    guard let start, let end, let minutes = end.at.minutes(since: start.at), minutes >= 0 else { return nil }
    return (start, end, minutes)
  }

  /// The entries that bound the outage by their markers (detected, else impact start → restored, else
  /// resolved) and the minutes between them; `nil` when either is missing or the span is negative.
  static func restoreSpan(in timeline: [TimelineEntry]) -> (start: TimelineEntry, end: TimelineEntry, minutes: Int)? {
    let start = timeline.first { $0.markers.contains(.detected) } ?? timeline.first { $0.markers.contains(.impactStart) }
    let end = timeline.first { $0.markers.contains(.restored) } ?? timeline.first { $0.markers.contains(.resolved) }
    guard let start, let end, let minutes = end.at.minutes(since: start.at), minutes >= 0 else { return nil }
    return (start, end, minutes)
  }
}

public struct PostmortemMeta: Sendable, Hashable {
  /// Incident ids (join to the metrics store's `incidents.id`).
  public var incidentIds: [String] = []
  /// Deployment ids named as the cause.
  public var causedBy: [String] = []
  public var date: String?
  public var authors: [String] = []
  public var owner: String?
  public var status: String?
  public var severity: Severity?
  /// The line the severity was read from (front matter, a table row, a `Severity:` line).
  public var severityLine: Int?
  public var services: [String] = []
  /// The time zone the timeline's times are in, as the document names it (`UTC`, `PDT (UTC-7)`).
  public var timeZone: String?
}

public struct ClassifiedSection: Sendable, Hashable {
  public var kind: SectionKind
  public var level: Int
  public var heading: String
  public var line: Int?
  /// Headings from the top down to this one.
  public var path: [String]
  /// Whether the heading itself names the kind (`false` when the kind is inherited from a parent or `other`).
  public var isRecognized: Bool = false
}

public enum SectionKind: String, Sendable, Hashable, CaseIterable {
  case metadata, summary, impact, background, timeline, causes, trigger, detection, response, resolution, lessons
  case wentWell, wentWrong, gotLucky, actionItems, stats, attendees, appendix, glossary, speakerNotes, narrative, other
}

public enum Horizon: String, Sendable, Hashable {
  case shortTerm = "short_term"
  case longTerm = "long_term"
  case unspecified
}

public enum ActionStatus: String, Sendable, Hashable {
  case open, inProgress = "in_progress", done, notDoing = "not_doing"
}

public struct ActionItem: Sendable, Hashable {
  public enum Origin: Sendable, Hashable {
    case tableRow(line: Int)
    case listItem(line: Int)
    case narrative(line: Int)

    public var line: Int {
      switch self {
      case .tableRow(let l), .listItem(let l), .narrative(let l): l
      }
    }
  }

  public var what: String
  public var why: String?
  /// A team (`SRE`; a trailing " Team" removed).
  public var team: String?
  /// A person or role named in an Owner/Who/Assignee column.
  public var owner: String?
  public var horizon: Horizon
  public var type: String?
  public var priority: String?
  public var due: String?
  public var status: ActionStatus?
  public var statusRaw: String?
  public var tracking: [String]
  public var doraMetric: DORAMetric?
  /// The metric as written when it names no DORA metric.
  public var doraMetricRaw: String?
  public var origin: Origin
  /// The line of the narrative entry joined to this item (same team and horizon).
  public var narrativeLine: Int?
  /// Sentences of free-prose narrative that speak about this item (its team named, its horizon cued),
  /// in the author's words.
  public var narrative: [Statement] = []
}

public struct Severity: Sendable, Hashable {
  /// 1 is the most severe; values outside 1–4 are kept and reported.
  public var level: Int
  public var raw: String

  /// `1`, `SEV1`, `sev-1`, `Sev 1`, `P1`.
  public init?(parsing raw: String) {
    let lowered = raw.lowercased().trimmed
    var digits = Substring(lowered)
    for prefix in ["severity", "sev", "p"] where digits.hasPrefix(prefix) {
      digits = digits.dropFirst(prefix.count)
      break
    }
    digits = digits.drop(while: { $0 == " " || $0 == "-" || $0 == ":" })
    guard let level = Int(digits.prefix(while: { $0.isNumber })), !digits.isEmpty else { return nil }
    self.level = level
    self.raw = raw
  }
}

/// A severity row of a response-time table: how fast someone must respond.
public struct ResponseSLA: Sendable, Hashable {
  public var severity: Severity
  public var name: String?
  public var examples: [String]
  /// `nil` when the cell is not a duration (kept in `raw`).
  public var responseSeconds: Int?
  public var raw: String
  public var line: Int?
}

/// A DORA benchmark table row: metric names down the first column, tiers across.
public struct BenchmarkRow: Sendable, Hashable {
  public var metric: DORAMetric
  public var tiers: [String]
  public var values: [String]
  public var line: Int?
}

/// "Time to repair: 3h 8m", "Time to recovery: 279 minutes".
public struct DeclaredDuration: Sendable, Hashable {
  public var label: String
  /// `nil` for `N/A` or a placeholder: no data, never zero.
  public var minutes: Int?
  public var raw: String
  public var businessHoursOnly: Bool
  public var line: Int?
}

public struct NarrativeSection: Sendable, Hashable {
  public var heading: String
  public var level: Int
  public var line: Int?
  public var paragraphs: [String]
}
