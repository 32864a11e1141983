// libFuzzer target: Markdown → deck model (Marp's rules) → the HTML page, raw HTML allowed (`html: true`,
// so the sanitizer runs inside the real pipeline).
//
// Oracles: no crash, no hang (libFuzzer's -timeout); a page is built with one slide per slide of the model.
// (What raw HTML may leave in the page is FuzzSanitizer's oracle.)
import LecternCore
import LecternDeck
import LecternSlides

/// Raw HTML allowed; no code colouring or KaTeX (they read files from disk on every build: the fuzzer stays in memory).
let options: DeckBuildOptions = {
  var options = DeckBuildOptions(allowHTML: true)
  options.highlighter = nil
  options.katex = nil
  return options
}()

/// One input from libFuzzer (`data` is nil when `size` is 0).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
  let deck = Deck(source: SourceFile(path: "/nonexistent-fuzz/deck.md", text: text))
  let built = DeckHTMLRenderer.render(deck, options: options)
  precondition(built.slideCount == deck.slides.count, "\(built.slideCount) slides built from \(deck.slides.count)")
  precondition(!built.html.isEmpty, "empty page")
  return 0
}
