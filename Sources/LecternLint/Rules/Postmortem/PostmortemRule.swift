import LecternCore
import LecternDeck
import LecternPostmortem

/// What the postmortem reader finds in a postmortem (action items without an owner or a due date, a duration
/// the timeline contradicts, a timeline out of order, severities outside the table…), re-reported so CI can gate
/// on them with `lectern lint` and its SARIF/GitHub output.
struct PostmortemRule: LintRule {
  static let description = RuleDescription(
    id: .postmortem,
    alsoReports: DiagnosticCode.registry.filter { $0.producer == .postmortemReader },
    summary: "A postmortem has an action item without owner or due date, contradicting facts or an unreadable timeline.",
    rationale: "A postmortem is circulated and acted on: an item nobody owns is not done, and two severities confuse.",
    severity: .warning,
    examples: [
      .passes(
        "# Outage\n\n## Root cause\n\nA bad deploy.\n\n## Action items\n\n| Owner | What | Due | Status |\n|---|---|---|---|\n"
          + "| SRE | Alert on disk | 2026-12-01 | open |\n"
      ),
      .fails(
        "# Outage\n\n## Root cause\n\nA bad deploy.\n\n## Action items\n\n↓| Owner | What | Due | Status |\n|---|---|---|---|\n"
          + "|  | Alert on disk | 2026-12-01 | open |\n"
      ),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    guard let document = target.prose, Postmortem.looksLikePostmortem(document) else { return }
    for d in Postmortem(document: document).findings {
      findings.append(Finding(reporting: d, at: target.range(line: 1, column: 1)))
    }
  }
}
