import LecternCore
import LecternDeck
import LecternLive

extension DeckHTMLRenderer {
  /// highlight.js with the languages the deck's fences name; `nil` when none does, when highlighting is off,
  /// or when highlight.js is not installed (then `warn` hears why, once).
  static func highlightScript(_ deck: Deck, _ highlighter: CodeHighlighter?, warn: (String) -> Void) -> String? {
    guard let highlighter else { return nil }
    // Slide by slide: the deck's blocks are not copied into one array for this.
    var languages: Set<String> = []
    for slide in deck.slides { languages.formUnion(slide.blocks.fenceLanguages()) }
    switch highlighter.script(for: languages) {
    case .notNeeded: return nil
    case .script(let js, _): return js
    case .unavailable(let message):
      warn(message)
      return nil
    }
  }

  /// KaTeX's stylesheet and script when the slides hold math; `nil` otherwise, or when KaTeX is not installed
  /// (then `warn` hears why, once).
  static func katexAssets(_ slidesHTML: String, _ katex: KaTeXAssets?, warn: (String) -> Void) -> (css: String, js: String)? {
    guard let katex, slidesHTML.containsBytes("lectern-tex\" data-display=")
    else { return nil }
    switch katex.load() {
    case .assets(let css, let js): return (css, js)
    case .unavailable(let message):
      warn(message)
      return nil
    }
  }

  /// Without a metrics store, how many placeholders the slides and the page's title and description show as
  /// "no data" (`nil` when none).
  static func noStoreMessage(_ slidesHTML: String, page texts: [String?] = []) -> String? {
    var shown = 0
    if slidesHTML.containsBytes("class=\"lectern-metric\"") {
      shown = slidesHTML.components(separatedBy: "<span class=\"lectern-metric\" data-placeholder=").count - 1
    }
    for text in texts.compactMap({ $0 }) where Placeholders.mayContain(text) {
      shown += Placeholders.segments(text).filter { if case .placeholder = $0 { true } else { false } }.count
    }
    guard shown > 0 else { return nil }
    return "no metrics store: \(shown) placeholder\(shown == 1 ? "" : "s") show 'no data'; pass --data DIR or --db FILE"
  }
}
