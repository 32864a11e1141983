import Foundation
import LecternCore
import LecternMarkdown
import LecternSlides

/// Local images and backgrounds whose file does not exist.
struct MissingImageRule: LintRule {
  static let description = RuleDescription(
    id: .missingImage,
    summary: "A local image or background points to a file that does not exist.",
    rationale: "A missing file is an empty rectangle on the projector; the path is relative to the deck's folder.",
    severity: .warning,
    examples: [
      .passes("![logo](https://example.com/logo.png)\n![bg](data:image/png;base64,AAAA)\n"),
      .fails("Text\n\n↓![bg left](no/such/picture.png)\n"),
    ])

  init(options: RuleOptions) {}

  private func shared(_ url: String, in folder: String, target: LintTarget) -> AssetResolver.Outcome? {
    target.shared?.imageOutcomes.withLock { $0[folder + "\u{0}" + url] }
  }

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    guard let directory = target.directory ?? URL(string: "file://" + FileManager.default.currentDirectoryPath) else { return }
    var images: [(String, SourceRange?)]
    if let deck = target.deck {
      images = deck.slides.flatMap { s in s.backgrounds.map { ($0.url, $0.range) } + s.images.map { ($0.url, $0.range) } }
      images.sort { ($0.1?.start ?? SourceLocation(line: 0, column: 0)) < ($1.1?.start ?? SourceLocation(line: 0, column: 0)) }
    } else {
      images = target.inventory.images.map { ($0.source, $0.range) }
    }
    // The same resolver `build` uses: one producer of `missing-image`, one wording.
    let resolver = AssetResolver(deckDirectory: directory, outputDirectory: nil, embed: false, allowLocalFiles: true)
    // Slides, and the decks of one folder, show the same pictures: each distinct URL is resolved (and its file looked
    // up) once per deck, and once per folder in a run.
    var outcomes: [String: AssetResolver.Outcome] = [:]
    for (url, range) in images {
      guard let range else { continue }
      let outcome = outcomes[url] ?? shared(url, in: directory.path, target: target) ?? resolver.resolve(url)
      if outcomes[url] == nil {
        outcomes[url] = outcome
        target.shared?.imageOutcomes.withLock { $0[directory.path + "\u{0}" + url] = outcome }
      }
      guard case .problem(_, let message) = outcome else { continue }
      findings.append(Finding(message, at: range))
    }
  }
}
