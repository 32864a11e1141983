import LecternMarkdown
import LecternPostmortem

extension ReportBuilder {
  /// One compact row per action item, in source order; a column the source leaves empty stays empty.
  static func actionRows(_ pm: Postmortem, cells: CellText) -> [ReportPage.Action] {
    pm.actionItems.map { item in
      let owner: String
      switch (item.owner, item.team) {
      case (let o?, let t?) where o != t: owner = "\(o) (\(t))"
      case (let o?, _): owner = o
      case (nil, let t?): owner = t
      case (nil, nil): owner = ""
      }
      let horizon: String
      switch item.horizon {
      case .shortTerm: horizon = "short term"
      case .longTerm: horizon = "long term"
      case .unspecified: horizon = ""
      }
      return ReportPage.Action(
        owner: cells(owner), what: cells(item.what),
        narrative: item.narrative.isEmpty ? nil : cells(item.narrative.map { "“\($0.text)”" }.joined(separator: " ")),
        horizon: horizon, due: cells(item.due ?? ""),
        status: (item.statusRaw ?? item.status.map(statusName)).map { cells($0) }, statusClass: item.status?.rawValue ?? "none",
        linkHTML: item.tracking.map(linkHTML).joined(separator: " "),
        linkMarkdown: cells(item.tracking.map(linkMarkdown).joined(separator: " ")), line: "line \(item.origin.line)")
    }
  }

  private static func isWebURL(_ ref: String) -> Bool {
    let lowered = ref.lowercased()
    return lowered.hasPrefix("https://") || lowered.hasPrefix("http://")
  }

  static func linkHTML(_ ref: String) -> String {
    guard isWebURL(ref), URLSafety.isSafe(ref, isImage: false) else { return HTMLEscaping.escape(ref) }
    return "<a href=\"\(HTMLEscaping.escape(ref))\">\(HTMLEscaping.escape(shortLabel(ref)))</a>"
  }

  static func linkMarkdown(_ ref: String) -> String {
    guard isWebURL(ref) else { return ref }
    return "[\(shortLabel(ref))](\(ref))"
  }

  /// `https://github.com/org/repo/issues/42` → `repo/issues/42`: the end of the address, which names the item.
  static func shortLabel(_ url: String) -> String {
    let parts = url.split(separator: "/").dropFirst(2)
    guard parts.count > 3 else { return parts.joined(separator: "/").isEmpty ? url : parts.joined(separator: "/") }
    return parts.suffix(3).joined(separator: "/")
  }
}
