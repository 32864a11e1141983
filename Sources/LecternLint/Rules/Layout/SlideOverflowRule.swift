import LecternCore

/// Content that runs past the slide's content area, measured in the real rendering.
struct SlideOverflowRule: LintRule {
  static let description = RuleDescription(
    id: .slideOverflow,
    summary: "A block runs past the slide's content area (over the header or footer, or cut off), measured in Chromium.",
    rationale: "Marp does not shrink a slide that is too full: the last lines run over the footer or off the slide, "
      + "and nobody sees it before the talk. Split the slide, cut text, or shrink it with `<!-- _fit: true -->`.",
    severity: .warning,
    scope: .decks,
    examples: [
      .passes("---\nmarp: true\n---\n\n# Short\n\n- one\n- two\n"),
      .failsWhenMeasured(
        "---\nmarp: true\n---\n\n# Long\n\n↓- 1\n- 2\n- 3\n- 4\n- 5\n- 6\n- 7\n- 8\n- 9\n- 10\n- 11\n- 12\n- 13\n- 14\n- 15\n- 16\n"
      ),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    findings += target.measured(.slideOverflow)
  }
}
