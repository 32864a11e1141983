import LecternCore
import LecternDeck
import LecternMarkdown

/// Slides with nothing to show.
struct EmptySlideRule: LintRule {
  static let description = RuleDescription(
    id: .emptySlide,
    summary: "A slide has no content: no text, no image, no background.",
    rationale: "Usually a doubled `---` or a trailing one at the end of the file, which Marp turns into a blank slide.",
    severity: .warning,
    scope: .decks,
    examples: [
      .passes("---\nmarp: true\n---\n\n# A\n\n---\n\n![bg](https://example.com/x.png)\n"),
      .fails("---\nmarp: true\n---\n\n# A\n\n↓---\n\n---\n\n# B\n"),
      .fails("---\nmarp: true\n---\n\n# A\n\n↓---\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    guard let deck = target.deck, deck.slides.count > 1 else { return }
    for slide in deck.slides where slide.backgrounds.isEmpty && !slide.blocks.contains(where: isVisible) {
      guard let range = slide.range else { continue }
      let isLast = slide.number == deck.slides.count
      findings.append(
        Finding(Self.message(slide.number, trailing: isLast), at: SourceRange(start: range.start, end: range.start)))
    }
  }

  private func isVisible(_ block: Block) -> Bool {
    switch block.kind {
    case .htmlBlock(let html):
      let t = html.trimmed
      return !(t.hasPrefix("<!--") || t.lowercased().hasPrefix("<style"))
    case .paragraph(let inlines):
      return !inlines.allSatisfy {
        if case .html(let h) = $0.kind { h.hasPrefix("<!--") } else if case .softBreak = $0.kind { true } else { false }
      }
    default:
      return true
    }
  }
}

extension EmptySlideRule {
  fileprivate static func message(_ number: Int, trailing: Bool) -> String {
    trailing ? "slide \(number) is empty: a trailing '---' makes a blank last slide" : "slide \(number) is empty"
  }
}
