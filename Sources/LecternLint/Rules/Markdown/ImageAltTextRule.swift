import LecternCore
import LecternDeck
import LecternMarkdown

/// An image without alt text (markdownlint MD045). In decks, Marp's keywords (`w:200`, `sepia`) are not alt
/// text, and background images (`bg`) are decoration.
struct ImageAltTextRule: LintRule {
  static let description = RuleDescription(
    id: .imageAltText,
    summary: "An image has no alt text (Marp size and filter keywords do not count).",
    rationale: "Alt text is what a screen reader says and what shows when the file is missing.",
    severity: .warning,
    markdownlint: ["MD045", "no-alt-text"],
    examples: [
      .passes("![A chart of deploys](chart.png)\n"),
      .passes("---\nmarp: true\n---\n\n![bg left](photo.jpg)\n\n![w:200 The logo](logo.png)\n"),
      .fails("Text ↓![](chart.png)\n"),
      .fails("---\nmarp: true\n---\n\n↓![w:200 sepia](logo.png)\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    for image in target.inventory.images where !image.isNested {
      guard let range = image.range else { continue }
      let (alt, url) = (image.alt, image.source)
      var missing = alt.trimmed.isEmpty
      if target.deck != nil {
        switch MarpMarkup.Image(alt: alt, url: url) {
        case .background: missing = false
        case .image(let image): missing = image.alt.trimmed.isEmpty
        }
      }
      guard missing else { continue }
      findings.append(
        Finding(
          "image '\(url)' has no alt text; expected a description in '![…](\(url))'",
          at: SourceRange(start: range.start, end: range.start)))
    }
  }
}
