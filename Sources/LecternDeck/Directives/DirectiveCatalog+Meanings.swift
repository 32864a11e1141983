/// What each directive does and what it accepts, in words: the text editors show on hover.
extension DirectiveCatalog {
  /// One or two sentences per directive (and per front-matter-only switch), by name.
  public static let meanings: [String: String] = [
    "theme": "The theme the deck is drawn with: a built-in theme or the `@theme` name of a CSS theme file.",
    "style": "CSS added to the theme for the whole deck.",
    "headingDivider":
      "Starts a new slide before every heading at or above this level, as if `---` were written before it.",
    "size": "The slide size: `16:9` (1280×720) or `4:3` (960×720), or a size the theme defines.",
    "math": "The math renderer for `$…$` and `$$…$$`: `mathjax` (Marp's default) or `katex`.",
    "lang": "The `lang` attribute of the HTML output (`en`, `ja`, …).",
    "title": "The title of the HTML, PDF or PowerPoint output.",
    "description": "The description written into the output's metadata.",
    "author": "The author written into the output's metadata.",
    "keywords": "Keywords written into the output's metadata.",
    "url": "The canonical URL of the published deck (metadata).",
    "image": "The Open Graph image of the published deck (metadata).",
    "paginate": "Shows the page number on this slide and the following ones.",
    "header": "Text (Markdown) shown at the top of this slide and the following ones.",
    "footer": "Text (Markdown) shown at the bottom of this slide and the following ones.",
    "class": "CSS classes added to the slide's `<section>` (themes style `lead`, `invert`, …).",
    "backgroundColor": "The slide's background color (any CSS color).",
    "backgroundImage": "The slide's CSS `background-image` (`url(…)` or a gradient).",
    "backgroundPosition": "The slide's CSS `background-position`.",
    "backgroundRepeat": "The slide's CSS `background-repeat`.",
    "backgroundSize": "The slide's CSS `background-size`.",
    "color": "The slide's text color (any CSS color).",
    "transition": "The transition into the slide in the HTML viewer (`fade`, `fade 500ms`, `none`, …).",
    "fit": "Lectern: shrinks the slide's content until it fits the slide.",
    "marp": "Marks the file as a Marp deck (`true`); without it the file is read as a document.",
    "html": "Lets raw HTML through into the slides (`true`); otherwise it is escaped.",
    "metrics": "Lectern: where `{{dora.*}}` numbers come from (`db`, `window`, `as_of`, `service`, `benchmark`).",
  ]

  /// What a directive's value may be, in words.
  public static func allowedValues(of entry: Entry) -> String {
    switch entry.value {
    case .text: "any text"
    case .words: "a CSS class name, several separated by spaces, or a list of class names"
    case .list: "a text or a list of texts"
    case .oneOf(let words): "one of " + words.map { "`\($0)`" }.joined(separator: ", ")
    case .headingLevels: "a heading level `1`–`6`, a list of levels, or `false`"
    }
  }
}
