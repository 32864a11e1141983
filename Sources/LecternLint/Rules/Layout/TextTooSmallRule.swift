import LecternCore

/// Text rendered below a readable size for the deck's size, measured in the real rendering.
struct TextTooSmallRule: LintRule {
  static let description = RuleDescription(
    id: .textTooSmall,
    summary: "Text renders smaller than 18 px on a 720 px high slide (scaled for other sizes), measured in Chromium.",
    rationale: "Projected text under about 18 px at 1280×720 cannot be read from the back of a room; header, "
      + "footer and math are not checked.",
    severity: .warning,
    scope: .decks,
    examples: [
      .passes("---\nmarp: true\n---\n\n# Big enough\n\nBody text.\n"),
      .failsWhenMeasured(
        "---\nmarp: true\n---\n\n<style scoped>\np { font-size: 12px; }\n</style>\n\n# Small print\n\n↓Fine print.\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    findings += target.measured(.textTooSmall)
  }
}
