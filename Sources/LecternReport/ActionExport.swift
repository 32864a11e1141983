import Foundation
import LecternCore
import LecternPostmortem

/// Action items of one or many postmortems as CSV, JSON or GitHub-issue-ready Markdown, and an overview
/// of what is still open and overdue, by team.
public enum ActionExport {
  /// One action item and the postmortem it came from.
  public struct Record: Sendable {
    public var path: String
    public var title: String?
    public var item: ActionItem

    public init(path: String, title: String?, item: ActionItem) {
      self.path = path
      self.title = title
      self.item = item
    }

    /// Not done and not dropped (an item with no status counts as open).
    public var isOpen: Bool { item.status != .done && item.status != .notDoing }

    /// Open with a due date (`YYYY-MM-DD…`) before `day` (`YYYY-MM-DD`).
    public func isOverdue(asOf day: String) -> Bool {
      guard isOpen, let due = item.due, due.count >= 10 else { return false }
      let prefix = String(due.prefix(10))
      guard PartialTimestamp(parsing: prefix).day != nil else { return false }
      return prefix < day
    }

    /// The team, else the owner, else `no owner`: the group the overview counts the item in.
    public var group: String { item.team ?? item.owner ?? "no owner" }
  }

  public static let csvHeader = [
    "file", "line", "team", "owner", "what", "why", "horizon", "type", "priority", "due", "status", "tracking", "dora_metric",
  ]

  /// RFC 4180 CSV: a header row, one row per item, fields quoted when they hold a comma, quote or line break.
  public static func csv(_ records: [Record]) -> String {
    var out = csvHeader.joined(separator: ",") + "\r\n"
    for r in records {
      let i = r.item
      let fields = [
        r.path, String(i.origin.line), i.team ?? "", i.owner ?? "", i.what, i.why ?? "", horizon(i.horizon), i.type ?? "",
        i.priority ?? "", i.due ?? "", i.statusRaw ?? i.status?.rawValue ?? "", i.tracking.joined(separator: " "),
        i.doraMetric?.displayName ?? i.doraMetricRaw ?? "",
      ]
      out += fields.map(csvField).joined(separator: ",") + "\r\n"
    }
    return out
  }

  static func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func horizon(_ h: Horizon) -> String { h == .unspecified ? "" : h.rawValue }

  /// A JSON array of items; absent values are `null`, never invented.
  public static func json(_ records: [Record]) -> String {
    var w = JSONWriter(pretty: true)
    w.beginArray()
    for r in records { object(r, &w) }
    w.endArray()
    return String(decoding: w.finish(), as: UTF8.self) + "\n"
  }

  static func object(_ r: Record, _ w: inout JSONWriter) {
    let i = r.item
    w.beginObject()
    w.field("file", r.path)
    w.field("line", i.origin.line)
    w.field("postmortem", r.title)
    w.field("what", i.what)
    w.field("why", i.why)
    w.field("team", i.team)
    w.field("owner", i.owner)
    w.field("horizon", i.horizon.rawValue)
    w.field("type", i.type)
    w.field("priority", i.priority)
    w.field("due", i.due)
    w.field("status", i.status?.rawValue)
    w.field("statusRaw", i.statusRaw)
    w.field("tracking", strings: i.tracking)
    w.field("doraMetric", i.doraMetric?.rawValue)
    w.endObject()
  }

  /// One Markdown issue per item, separated by `---`: a `### title` line and a body with the item's
  /// fields, its source and the postmortem's words, ready for `gh issue create`.
  public static func github(_ records: [Record]) -> String {
    records.map { r in
      let i = r.item
      var body = "### \(i.what)\n\n"
      if let why = i.why { body += "\(why)\n\n" }
      var fields: [(String, String?)] = [
        ("Team", i.team), ("Owner", i.owner), ("Horizon", horizon(i.horizon).replacingOccurrences(of: "_", with: " ")),
        ("Type", i.type), ("Priority", i.priority), ("Due", i.due), ("Status", i.statusRaw ?? i.status?.rawValue),
        ("DORA metric", i.doraMetric?.displayName ?? i.doraMetricRaw),
      ]
      fields.append(("Tracking", i.tracking.isEmpty ? nil : i.tracking.joined(separator: ", ")))
      for (label, value) in fields {
        if let value, !value.isEmpty { body += "- **\(label)**: \(value)\n" }
      }
      body += "- **From**: \(r.title.map { "\($0), " } ?? "")`\(r.path)` line \(i.origin.line)\n"
      return body
    }.joined(separator: "\n---\n\n")
  }

  /// Open and overdue items per group (team, else owner), groups in first-seen order.
  public static func overview(_ records: [Record], asOf day: String) -> [(group: String, open: Int, overdue: Int)] {
    var order: [String] = []
    var counts: [String: (Int, Int)] = [:]
    for r in records where r.isOpen {
      if counts[r.group] == nil { order.append(r.group) }
      counts[r.group, default: (0, 0)].0 += 1
      if r.isOverdue(asOf: day) { counts[r.group, default: (0, 0)].1 += 1 }
    }
    return order.map { ($0, counts[$0]!.0, counts[$0]!.1) }
  }

  /// The overview as Markdown: a table by team, then every open item with its due date and source.
  public static func overviewMarkdown(_ records: [Record], asOf day: String) -> String {
    let rows = overview(records, asOf: day)
    var out = "# Open action items as of \(day)\n\n| Team | Open | Overdue |\n|---|---|---|\n"
    for row in rows { out += "| \(cell(row.group)) | \(row.open) | \(row.overdue) |\n" }
    out += "\n| Team | What | Due | Status | Overdue | Source |\n|---|---|---|---|---|---|\n"
    for r in records where r.isOpen {
      let i = r.item
      out +=
        "| \(cell(r.group)) | \(cell(i.what)) | \(cell(i.due ?? "")) | \(cell(i.statusRaw ?? "")) | "
        + "\(r.isOverdue(asOf: day) ? "yes" : "") | \(cell(r.path)):\(i.origin.line) |\n"
    }
    return out
  }

  static func cell(_ s: String) -> String {
    s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}

/// How `lectern report actions` writes action items.
public enum ActionExportFormat: String, Sendable, CaseIterable {
  case csv, json, github
}
