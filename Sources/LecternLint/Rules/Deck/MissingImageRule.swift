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

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    guard let directory = target.directory ?? URL(string: "file://" + FileManager.default.currentDirectoryPath) else { return }
    var images: [(String, SourceRange?)]
    if let deck = target.deck {
      images = deck.slides.flatMap { s in s.backgrounds.map { ($0.url, $0.range) } + s.images.map { ($0.url, $0.range) } }
      images.sort { ($0.1?.start ?? SourceLocation(line: 0, column: 0)) < ($1.1?.start ?? SourceLocation(line: 0, column: 0)) }
    } else {
      var collector = ImageWalker()
      collector.walk(target.blocks)
      images = collector.images
    }
    // The same resolver `build` uses: one producer of `missing-image`, one wording.
    let resolver = AssetResolver(deckDirectory: directory, outputDirectory: nil, embed: false, allowLocalFiles: true)
    // A deck shows the same picture on many slides: each distinct URL is resolved (and its file looked up) once.
    var outcomes: [String: AssetResolver.Outcome] = [:]
    for (url, range) in images {
      guard let range else { continue }
      let outcome = outcomes[url] ?? resolver.resolve(url)
      outcomes[url] = outcome
      guard case .problem(_, let message) = outcome else { continue }
      findings.append(Finding(message, at: range))
    }
  }
}

private struct ImageWalker: MarkdownWalker {
  var images: [(String, SourceRange?)] = []
  mutating func visit(_ inline: Inline) -> Bool {
    if case .image(let source, _, _) = inline.kind { images.append((source, inline.range)) }
    return true
  }
}
