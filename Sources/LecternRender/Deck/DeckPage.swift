/// The view model of `templates/deck.html.mustache`: every value already formatted or rendered.
struct DeckPage: Sendable {
  var lang: String
  var title: String
  var description: String?
  var author: String?
  var url: String?
  var image: String?
  var theme: String
  var width: Int
  var height: Int
  var slideCount: Int
  var progress: Bool
  var viewerCSS: String
  var viewerJS: String
  var themeCSS: String
  var slides: [SlideView]
  var notes: [NoteView]

  struct SlideView: Sendable {
    var html: String
  }

  struct NoteView: Sendable {
    var number: Int
    var html: String
  }
}
