import Foundation
import LecternCore
import LecternDeck
import LecternExport
import LecternLive
import LecternSlides

extension DeckBuilder {
  /// The deck as an editable PowerPoint file: the theme and size the page gets, the deck's global styles,
  /// and its local images embedded by the page's rule (files outside the deck's folder only with
  /// `--allow-local-files`). Images that cannot be embedded are reported and drawn as a box naming them.
  func exportPowerPoint(
    _ deck: Deck, deckDirectory: URL, metrics: LiveMetrics?
  ) throws -> (file: PowerPointFile, diagnostics: [Diagnostic]) {
    let checked = ThemeCheck.resolve(deck, requested: themeName, themes: themes)
    let css = ([checked.theme.css] + deck.styles.map(\.css)).joined(separator: "\n")
    let (images, diagnostics) = embeddableImages(deck, deckDirectory: deckDirectory)
    var options = PowerPointOptions(
      width: checked.size.width, height: checked.size.height, themeName: checked.theme.name, themeCSS: css,
      images: images, metrics: metrics)
    options.annotate = settings.annotate
    options.codeTokens = CodeColouring.tokens(for: deck)
    return (try PowerPointWriter.write(deck, options: options), diagnostics)
  }

  private func embeddableImages(_ deck: Deck, deckDirectory: URL) -> ([String: ImageFile], [Diagnostic]) {
    let resolver = AssetResolver(
      deckDirectory: deckDirectory, outputDirectory: nil, embed: true, allowLocalFiles: settings.allowLocalFiles)
    var images: [String: ImageFile] = [:]
    var diagnostics: [Diagnostic] = []
    var seen: Set<String> = []
    for slide in deck.slides {
      let written = slide.backgrounds.map { ($0.url, $0.range) } + slide.images.map { ($0.url, $0.range) }
      for (url, range) in written where seen.insert(url).inserted {
        func warn(_ message: String) {
          diagnostics.append(Diagnostic(.warning, message, path: deck.path, range: range ?? slide.range, code: .missingImage))
        }
        switch resolver.resolve(url) {
        case .rewritten(let dataURI):
          guard let comma = dataURI.firstIndex(of: ","),
            let data = Data(base64Encoded: String(dataURI[dataURI.index(after: comma)...])),
            let image = ImageFile(data: data)
          else {
            warn("image '\(url)' is not a PNG, JPEG, GIF, BMP or SVG file; the pptx shows a box naming it")
            continue
          }
          images[url] = image
        case .unchanged:
          guard resolver.localFile(for: url) == nil else { continue }
          warn("image '\(url)' is not a local file and is not embedded in the pptx; the slide shows a box naming it")
        case .problem(_, let message):
          // Missing files are already reported by the page; only what is particular to embedding is said again.
          if message.contains("outside the deck's folder") { warn(message) }
        }
      }
    }
    return (images, diagnostics)
  }
}
