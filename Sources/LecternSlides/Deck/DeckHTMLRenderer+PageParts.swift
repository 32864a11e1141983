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

  /// The page from its template. The slides and notes are most of a page: the template is rendered around
  /// two markers and they are copied in once, into a string of the page's size (rendered in place, the
  /// template engine would copy them again at every growth of its output). Should a marker not be found
  /// exactly once (text of the page holding it), the page is rendered with them in place.
  static func pageHTML(_ page: DeckPage, templates: TemplateLibrary) -> String {
    let slidesMarker = "\u{0}lectern-slides\u{0}"
    let notesMarker = "\u{0}lectern-notes\u{0}"
    var frame = page
    frame.slides = slidesMarker
    frame.notes = notesMarker
    var rendered = templates.render(frame, template: "deck.html")
    guard rendered.countBytes(slidesMarker) == 1, rendered.countBytes(notesMarker) == 1 else {
      return templates.render(page, template: "deck.html")
    }
    var slides = page.slides
    var notes = page.notes
    let joined = rendered.withUTF8 { f -> String? in
      guard let s = f.firstOffset(of: slidesMarker), let n = f.firstOffset(of: notesMarker), s < n else { return nil }
      let slidesEnd = s + slidesMarker.utf8.count
      let notesEnd = n + notesMarker.utf8.count
      return slides.withUTF8 { slidesBytes in
        notes.withUTF8 { notesBytes in
          let pieces = [
            UnsafeBufferPointer(rebasing: f[..<s]), slidesBytes, UnsafeBufferPointer(rebasing: f[slidesEnd..<n]),
            notesBytes, UnsafeBufferPointer(rebasing: f[notesEnd...]),
          ]
          return String(unsafeUninitializedCapacity: pieces.reduce(0) { $0 + $1.count }) { out in
            var at = 0
            for piece in pieces where !piece.isEmpty {
              _ = UnsafeMutableBufferPointer(rebasing: out[at..<(at + piece.count)]).initialize(from: piece)
              at += piece.count
            }
            return at
          }
        }
      }
    }
    return joined ?? templates.render(page, template: "deck.html")
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
