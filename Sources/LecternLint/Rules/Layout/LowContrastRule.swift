import LecternCore

/// Text whose contrast with its background is below WCAG AA, measured in the real rendering.
struct LowContrastRule: LintRule {
  static let description = RuleDescription(
    id: .lowContrast,
    summary: "Text contrast with its background is below WCAG AA (4.5:1, or 3:1 for large text), measured in Chromium.",
    rationale: "Projectors wash colours out: text that is hard to read on a screen is unreadable in a room. Text "
      + "over a background image or gradient is not judged (its background is not one colour).",
    severity: .warning,
    scope: .decks,
    examples: [
      .passes("---\nmarp: true\n---\n\n# Readable\n\nDark on light.\n"),
      .failsWhenMeasured(
        "---\nmarp: true\n---\n\n<!-- _color: \"#c8c8c8\" -->\n\n↓Pale text on a light slide.\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    findings += target.measured(.lowContrast)
  }
}
