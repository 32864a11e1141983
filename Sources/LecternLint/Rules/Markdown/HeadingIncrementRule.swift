import LecternCore
import LecternMarkdown

/// A heading more than one level deeper than the one before it (markdownlint MD001). In a deck, each slide
/// starts afresh.
struct HeadingIncrementRule: LintRule {
  static let description = RuleDescription(
    id: .headingIncrement,
    summary: "A heading skips a level (`#` then `###`).",
    rationale: "Screen readers and outlines navigate by heading level; a skipped level is a missing section.",
    severity: .warning,
    markdownlint: ["MD001", "heading-increment"],
    examples: [
      .passes("# A\n\n## B\n\n### C\n\n# D\n\n## E\n"),
      .passes("---\nmarp: true\n---\n\n# A\n\n---\n\n### Only a small heading on this slide\n"),
      .fails("# A\n\n↓### C\n"),
      .fails("---\nmarp: true\n---\n\n## A\n\n↓#### B\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    // In a deck each slide starts afresh; a document is one run of headings.
    let groups =
      target.deck.map { $0.slides.map { Headings.all(in: $0.blocks) } }
      ?? [target.inventory.headings.map { ($0.level, $0.range) }]
    for headings in groups {
      var previous: Int?
      for case (let level, let range?) in headings {
        if let previous, level > previous + 1 {
          findings.append(
            Finding(
              "heading level \(level) follows level \(previous); expected level \(previous + 1)",
              at: SourceRange(start: range.start, end: range.start)))
        }
        previous = level
      }
    }
  }
}

/// Headings of a block list, nested ones included, in order: level and range.
enum Headings {
  static func all(in blocks: [Block]) -> [(level: Int, range: SourceRange?)] {
    var walker = Walker()
    walker.walk(blocks)
    return walker.found
  }

  private struct Walker: MarkdownWalker {
    var found: [(level: Int, range: SourceRange?)] = []
    mutating func visit(_ block: Block) -> Bool {
      if case .heading(let h) = block.kind {
        found.append((h.level, block.range))
        return false
      }
      return true
    }
    mutating func visit(_ inline: Inline) -> Bool { false }
  }
}
