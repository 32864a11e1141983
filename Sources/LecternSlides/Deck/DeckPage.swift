/// The view model of `templates/deck.html.mustache`: every value already formatted or rendered.
struct DeckPage: Sendable {
  var lang: String
  var title: String
  var description: String?
  var author: String?
  var url: String?
  var image: String?
  var keywords: String?
  var theme: String
  var width: Int
  var height: Int
  var slideCount: Int
  var progress: Bool
  var viewerCSS: String
  var viewerJS: String
  var themeCSS: String
  /// highlight.js with the deck's languages, or `nil` when no fence names one (or it is not installed).
  var highlightJS: String?
  /// KaTeX's stylesheet (fonts inlined) and script, when the deck has math and KaTeX is installed.
  var mathCSS: String?
  var mathJS: String?
  /// Every slide's markup, in order (one string: a template loop over thousands of slides costs more
  /// than the slides themselves).
  var slides: String
  /// `<div data-slide="N">` elements with each slide's speaker notes.
  var notes: String
}
