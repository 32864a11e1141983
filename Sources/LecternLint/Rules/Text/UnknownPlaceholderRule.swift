import LecternCore
import LecternMarkdown

/// A `{{dora.…}}` placeholder Lectern does not know: it would show as written instead of a number.
struct UnknownPlaceholderRule: LintRule {
  static let description = RuleDescription(
    id: .unknownPlaceholder,
    summary: "A `{{dora.…}}` placeholder names no metric Lectern fills in.",
    rationale:
      "Placeholders are replaced with live DORA numbers when a deck or report is built; a misspelt one is shown as "
      + "written, marked, instead of a number.",
    severity: .warning,
    examples: [
      .passes("We deploy {{dora.deployment_frequency}} ({{ dora.deployment_frequency.tier }}).\n"),
      .passes("| Metric | Now |\n|---|---|\n| Lead time | {{dora.lead_time.p90}} |\n"),
      .passes("```\n{{dora.nonsense}} in a code block is code\n```\n"),
      .passes("Mustache {{name}} that is not a dora placeholder.\n"),
      .fails("We deploy ↓{{dora.deploy_frequency}} times.\n"),
      .fails("| Metric | Now |\n|---|---|\n| CFR | ↓{{dora.change_failure_rate.p90}} |\n"),
      .fixes("Restore: {{dora.time_to_restore.valu}}\n", "Restore: {{dora.time_to_restore.value}}\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    guard target.source.text.containsBytes("{{") else { return }
    for line in 1...max(target.source.lineCount, 1) {
      guard !target.isOpaqueLine[line - 1], let text = target.source.line(line) else { continue }
      for occurrence in DORAPlaceholder.occurrences(in: text) where !DORAPlaceholder.known.contains(occurrence.name) {
        let range = target.range(line: line, bytes: occurrence.offset..<(occurrence.offset + occurrence.length))
        let suggestion = Self.closest(to: occurrence.name)
        var message = "unknown placeholder '{{\(occurrence.name)}}'"
        var fix: Fix?
        if let suggestion {
          message += "; did you mean '{{\(suggestion)}}'?"
          let start = target.offset(line: line, byte: occurrence.offset)
          fix = Fix(
            "use {{\(suggestion)}}",
            edits: [TextEdit(start: start, end: start + occurrence.length, replacement: "{{\(suggestion)}}")])
        } else {
          message += "; expected one of dora.<metric>[.value|.tier|.p90], dora.window, dora.as_of, dora.service"
        }
        findings.append(Finding(message, at: range, fix: fix))
      }
    }
  }

  /// The known name at the smallest edit distance, when it is close enough to be a typo.
  static func closest(to name: String) -> String? {
    let candidates = DORAPlaceholder.known.map { ($0, distance(Array(name), Array($0))) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    guard let best = candidates.first, best.1 <= max(2, name.count / 5) else { return nil }
    return best.0
  }

  private static func distance(_ a: [Character], _ b: [Character]) -> Int {
    var previous = Array(0...b.count)
    for (i, ca) in a.enumerated() {
      var current = [i + 1] + Array(repeating: 0, count: b.count)
      for (j, cb) in b.enumerated() {
        current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
