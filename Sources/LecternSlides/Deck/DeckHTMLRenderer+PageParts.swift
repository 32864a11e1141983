import Foundation
import LecternCore
import LecternDeck
import LecternLive
import LecternTemplates

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
      shown = slidesHTML.countBytes("<span class=\"lectern-metric\" data-placeholder=")
    }
    for text in texts.compactMap({ $0 }) where Placeholders.mayContain(text) {
      shown += Placeholders.segments(text).filter { if case .placeholder = $0 { true } else { false } }.count
    }
    guard shown > 0 else { return nil }
    return "no metrics store: \(shown) placeholder\(shown == 1 ? "" : "s") show 'no data'; pass --data DIR or --db FILE"
  }

  /// The page from its template. The slides, notes, stylesheets and scripts are most of a page: the template
  /// is rendered with a marker in place of each, and the page is then joined from the pieces in one string of
  /// its final size (rendered in place, the template engine copies them at every growth of its output). Should a
  /// marker not be found exactly once (text of the page holding it), the page is rendered with them in place.
  static func pageHTML(_ page: DeckPage, templates: TemplateLibrary) -> String {
    var frame = page
    var parts: [(marker: String, text: String)] = []
    func mark(_ value: inout String) {
      // `&` is escaped by the template engine: a template that escapes or transforms the value does not hold
      // the marker as written, and the page is then rendered with the values in place.
      let marker = "\u{0}lectern&part-\(parts.count)\u{0}"
      parts.append((marker, value))
      value = marker
    }
    func mark(_ value: inout String?) {
      guard var text = value else { return }
      mark(&text)
      value = text
    }
    mark(&frame.viewerCSS)
    mark(&frame.viewerJS)
    mark(&frame.themeCSS)
    mark(&frame.highlightJS)
    mark(&frame.mathCSS)
    mark(&frame.mathJS)
    mark(&frame.slides)
    mark(&frame.notes)
    var rendered = templates.render(frame, template: "deck.html")
    let once = parts.allSatisfy { rendered.countBytes($0.marker) == 1 }
    let found = rendered.withUTF8 { f -> [(offset: Int, part: Int)]? in
      var found: [(offset: Int, part: Int)] = []
      for (index, part) in parts.enumerated() {
        guard once, let at = f.firstOffset(of: part.marker) else { return nil }
        found.append((at, index))
      }
      return found.sorted { $0.offset < $1.offset }
    }
    guard let found else { return templates.render(page, template: "deck.html") }
    // Joined from strings, not bytes: appending valid strings needs no second check of the UTF-8.
    var html = ""
    html.reserveCapacity(rendered.utf8.count + parts.reduce(0) { $0 + $1.text.utf8.count })
    let utf8 = rendered.utf8
    var copied = utf8.startIndex
    for (offset, index) in found {
      let at = utf8.index(utf8.startIndex, offsetBy: offset)
      html += rendered[copied..<at]
      html += parts[index].text
      copied = utf8.index(at, offsetBy: parts[index].marker.utf8.count)
    }
    html += rendered[copied...]
    return html
  }
}

extension UnsafeBufferPointer where Element == UInt8 {
  /// The offset of the first occurrence of `needle`'s UTF-8 bytes.
  fileprivate func firstOffset(of needle: String) -> Int? {
    guard let base = baseAddress, let first = needle.utf8.first, count >= needle.utf8.count else { return nil }
    return needle.utf8.withContiguousStorageIfAvailable { n -> Int? in
      var offset = 0
      let last = count - n.count
      while offset <= last, let hit = memchr(base + offset, Int32(first), last - offset + 1) {
        let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        if memcmp(base + at, n.baseAddress!, n.count) == 0 { return at }
        offset = at + 1
      }
      return nil
    } ?? nil
  }
}
