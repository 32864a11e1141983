import Foundation
import LecternCore
import LecternDORA
import LecternMarkdown

/// The numbers a deck shows live: one computed DORA report (its provenance included).
public struct LiveMetrics: Sendable {
  public var report: DORAReport

  public init(report: DORAReport) {
    self.report = report
  }

  /// Where the numbers came from (the report's source).
  public var storeDescription: String { report.source }

  /// "DORA metrics: 90 days to 29 Nov 2026, all services, from metrics.sqlite": the line under every slide with
  /// live numbers, the window written as `{{dora.window}}` reads (the report keeps the exact timestamps).
  public var provenance: String {
    let window = Placeholders.value("dora.window", self) ?? ""
    let scope = Placeholders.value("dora.service", self) ?? "all services"
    return "DORA metrics: \(window), \(scope), from \(report.source)"
  }
}

/// `{{dora.…}}` placeholders: names, values, and substitution into text (always escaped).
public enum Placeholders {
  /// Every placeholder name Lectern knows (without the braces).
  public static var known: Set<String> { DORAPlaceholder.known }

  public enum Segment: Sendable, Hashable {
    case text(String)
    case placeholder(String)
  }

  /// Whether `text` may hold a placeholder (a cheap byte check).
  public static func mayContain(_ text: String) -> Bool {
    text.containsBytes("{{")
  }

  /// Splits text into plain runs and `{{ name }}` placeholders whose name starts with `dora.`
  /// (other `{{…}}` text is left alone).
  public static func segments(_ text: String) -> [Segment] {
    var out: [Segment] = []
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      guard let close = rest[open.upperBound...].range(of: "}}") else { break }
      let name = rest[open.upperBound..<close.lowerBound].trimmed
      guard name.hasPrefix("dora.") || name == "dora" else {
        out.append(.text(String(rest[..<close.upperBound])))
        rest = rest[close.upperBound...]
        continue
      }
      if open.lowerBound > rest.startIndex { out.append(.text(String(rest[..<open.lowerBound]))) }
      out.append(.placeholder(name))
      rest = rest[close.upperBound...]
    }
    if !rest.isEmpty { out.append(.text(String(rest))) }
    // Join neighbouring text runs.
    var joined: [Segment] = []
    for s in out {
      if case .text(let t) = s, case .text(let previous)? = joined.last {
        joined[joined.count - 1] = .text(previous + t)
      } else {
        joined.append(s)
      }
    }
    return joined
  }

  /// The value of a known placeholder (`no data` when there are no metrics), `nil` for an unknown one.
  public static func value(_ name: String, _ metrics: LiveMetrics?) -> String? {
    guard known.contains(name) else { return nil }
    guard let metrics else { return "no data" }
    let r = metrics.report
    switch name {
    case "dora.window": return "\(Int(r.window.days.rounded())) days to \(readableDate(r.window.end))"
    case "dora.as_of": return r.window.end.description
    case "dora.service": return r.services.isEmpty ? "all services" : r.services.joined(separator: ", ")
    default: break
    }
    guard let metric = DORAPlaceholder.metric(of: name), let m = r.measurement(metric) else { return "no data" }
    var field = ""
    if let dot = name.lastIndex(of: "."), name.split(separator: ".").count == 3 {
      field = String(name[name.index(after: dot)...])
    }
    let noData = "no data"
    if field == "value" {
      guard let number = m.number else { return noData }
      return formatNumber(number)
    }
    if field == "tier" {
      guard m.number != nil else { return noData }
      return MetricFormatting.tier(m)
    }
    if field == "p90" {
      guard let p90 = m.p90 else { return noData }
      return MetricFormatting.duration(hours: p90)
    }
    return MetricFormatting.value(m)
  }

  /// A window's end as a person writes it: `29 Nov 2026` (the UTC calendar day).
  static func readableDate(_ t: Timestamp) -> String {
    let text = t.description
    let parts = text.prefix(10).split(separator: "-")
    guard parts.count == 3, let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month) else { return text }
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return "\(day) \(months[month - 1]) \(parts[0])"
  }

  static func formatNumber(_ v: Double) -> String {
    let rounded = (v * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
  }

  /// The HTML for one placeholder: the value in a span, or the placeholder itself, marked, when unknown.
  public static func html(_ name: String, _ metrics: LiveMetrics?) -> String {
    if let value = value(name, metrics) {
      return
        "<span class=\"lectern-metric\" data-placeholder=\"\(HTMLEscaping.escape(name))\">\(HTMLEscaping.escape(value))</span>"
    }
    return "<span class=\"lectern-metric-unknown\" title=\"unknown placeholder\">{{\(HTMLEscaping.escape(name))}}</span>"
  }

  /// Plain-text substitution (reports): unknown placeholders stay visible as written.
  public static func substitute(_ text: String, _ metrics: LiveMetrics?) -> String {
    guard mayContain(text) else { return text }
    return segments(text).map { segment in
      switch segment {
      case .text(let t): t
      case .placeholder(let name): value(name, metrics) ?? "{{\(name)}} (unknown placeholder)"
      }
    }.joined()
  }
}
