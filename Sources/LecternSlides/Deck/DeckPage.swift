import Mustache

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

extension DeckPage: MustacheParent {
  /// Each field by its name, as the template names it: without this, every `{{name}}` in the page is found by
  /// reflecting over the whole page (`Mirror`), a sixth of a one-slide build. `DeckHTMLTests` checks that
  /// every stored property answers here with its own value.
  func child(named name: String) -> Any? {
    switch name {
    case "lang": lang
    case "title": title
    case "description": description
    case "author": author
    case "url": url
    case "image": image
    case "keywords": keywords
    case "theme": theme
    case "width": width
    case "height": height
    case "slideCount": slideCount
    case "progress": progress
    case "viewerCSS": viewerCSS
    case "viewerJS": viewerJS
    case "themeCSS": themeCSS
    case "highlightJS": highlightJS
    case "mathCSS": mathCSS
    case "mathJS": mathJS
    case "slides": slides
    case "notes": notes
    default: nil
    }
  }
}
