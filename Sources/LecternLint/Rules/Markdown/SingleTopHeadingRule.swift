import LecternCore
import LecternMarkdown

/// More than one top-level heading in a document that is not a deck (markdownlint MD025).
struct SingleTopHeadingRule: LintRule {
  static let description = RuleDescription(
    id: .singleTopHeading,
    summary: "A document (not a deck) has more than one top-level `#` heading.",
    rationale: "The first `#` heading is the document's title; a second one splits the outline and the report's title.",
    severity: .note,
    scope: .documents,
    markdownlint: ["MD025", "single-title", "single-h1"],
    examples: [
      .passes("# Title\n\n## A\n\n## B\n"),
      .fails("# Title\n\ntext\n\n↓# Another title\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    let tops = target.inventory.headings.filter { $0.level == 1 }
    guard let first = tops.first else { return }
    for heading in tops.dropFirst() {
      guard let range = heading.range else { continue }
      findings.append(
        Finding(
          "second top-level heading '\(heading.text)'; the document's title is '\(first.text)' on line \(first.range?.start.line ?? 1), expected '##'",
          at: SourceRange(start: range.start, end: range.start)))
    }
  }
}
