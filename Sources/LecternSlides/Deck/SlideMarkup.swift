import LecternCore
import LecternDeck
import LecternMarkdown

/// One slide as Marp marks it up: an `<svg data-marpit-svg>` with a `viewBox` of the slide size and
/// `<foreignObject>` layers: the background figures (when the slide has `![bg]` images), the content
/// `<section>` (narrowed beside a split background) and a full-size pseudo layer for the page number.
struct SlideMarkup {
  var slide: Slide
  var size: SlideSize
  var theme: String
  var lang: String?
  var scope: String?
  /// (page number, total) when the number is shown.
  var pagination: (Int, Int)?
  /// The `header`/`footer` directives, rendered.
  var header: String?
  var footer: String?
  var rewriter: DeckRewriter
  /// The slide's directive attributes when the caller already made them (most slides of a deck share one
  /// set of directives: ``DirectiveAttributes/Cache``); `nil`: made here.
  var directiveAttributes: DirectiveAttributes? = nil

  func svg(body: String) -> String {
    var copy = self
    copy.cachedShared = shared
    return copy.layers(body: body)
  }

  var cachedShared: (attributes: String, style: String)? = nil

  private func layers(body: String) -> String {
    let w = size.width
    let h = size.height
    var out = ""
    // The body is most of the slide: room for it and the layers' markup, so it is copied once.
    out.reserveCapacity(body.utf8.count + 1_024 + (header?.utf8.count ?? 0) + (footer?.utf8.count ?? 0))
    out += "<svg data-marpit-svg=\"\" viewBox=\"0 0 \(w) \(h)\" role=\"group\" aria-label=\"Slide \(slide.number)\">"
    let backgrounds = slide.backgrounds
    let split = backgrounds.first(where: { $0.split != nil })
    let splitPercent = split.map { percent($0.splitSize) } ?? 0
    let splitWidth = Int((Double(w) * splitPercent / 100).rounded())
    if !backgrounds.isEmpty {
      var extra: [(String, String)] = [("data-marpit-advanced-background", "background")]
      var style: [String] = []
      if let split {
        extra.append(("data-marpit-advanced-background-split", split.split!.rawValue))
        style.append("--marpit-advanced-background-split:\(format(splitPercent))%")
      }
      out += "<foreignObject width=\"\(w)\" height=\"\(h)\"><section\(attributes(extra: extra, extraStyle: style, id: false))>"
      let direction = backgrounds.contains { $0.direction == .vertical } ? "vertical" : "horizontal"
      out += "<div data-marpit-advanced-background-container=\"true\" data-marpit-advanced-background-direction=\"\(direction)\">"
      for bg in backgrounds { out += figure(bg) }
      out += "</div></section></foreignObject>"
    }
    // Content.
    var contentX = 0
    var contentWidth = w
    var extra: [(String, String)] = []
    var style: [String] = []
    if !backgrounds.isEmpty { extra.append(("data-marpit-advanced-background", "content")) }
    if let split {
      extra.append(("data-marpit-advanced-background-split", split.split!.rawValue))
      contentWidth = w - splitWidth
      if split.split == .left { contentX = splitWidth }
      style.append("width:\(contentWidth)px")
    }
    out += "<foreignObject\(contentX > 0 ? " x=\"\(contentX)\"" : "") width=\"\(contentWidth)\" height=\"\(h)\">"
    out += "<section\(attributes(extra: extra, extraStyle: style, id: true))>"
    if let header { out += "<header>\(header)</header>" }
    out += body
    if let footer { out += "<footer>\(footer)</footer>" }
    out += "</section></foreignObject>"
    if !backgrounds.isEmpty {
      out +=
        "<foreignObject width=\"\(w)\" height=\"\(h)\"><section\(attributes(extra: [("data-marpit-advanced-background", "pseudo")], extraStyle: [], id: false))></section></foreignObject>"
    }
    out += "</svg>"
    return out
  }

  private func figure(_ bg: Background) -> String {
    var style = "background-image:url(\"\(cssURL(rewriter.pageURL(bg.url)))\");"
    if let size = bg.size { style += "background-size:\(size);" }
    if bg.width != nil || bg.height != nil { style += "background-size:\(bg.width ?? "auto") \(bg.height ?? "auto");" }
    if !bg.filters.isEmpty {
      style +=
        "filter:" + bg.filters.map { "\($0.name)(\($0.value.replacingBytes(",", with: " ")))" }.joined(separator: " ")
        + ";"
    }
    let caption = bg.alt.isEmpty ? "" : "<figcaption>\(HTMLEscaping.escape(bg.alt))</figcaption>"
    return "<figure style=\"\(HTMLEscaping.escape(style))\">\(caption)</figure>"
  }

  /// Marp's section attributes: id, classes, every directive as `data-*` and as a `--custom-property`,
  /// the pagination attributes, and the CSS the style directives stand for. The shared part is computed
  /// once per slide; each layer adds its own.
  private func attributes(extra: [(String, String)], extraStyle: [String], id: Bool) -> String {
    var out = id ? " id=\"\(slide.number)\"" : ""
    let shared = cachedShared ?? self.shared
    out += shared.attributes
    for (name, value) in extra { out += " \(name)=\"\(HTMLEscaping.escape(value))\"" }
    var style = shared.style
    for declaration in extraStyle { style += declaration + ";" }
    if !style.isEmpty { out += " style=\"\(HTMLEscaping.escape(style))\"" }
    return out
  }

  private var shared: (attributes: String, style: String) {
    let made = directiveAttributes ?? DirectiveAttributes(slide.directives, theme: theme, lang: lang)
    var out = made.attributes
    func add(_ name: String, _ value: String) { out += " \(name)=\"\(HTMLEscaping.escape(value))\"" }
    if let scope { add("data-lectern-scope", scope) }
    if let (n, total) = pagination {
      add("data-marpit-pagination", "\(n)")
      add("data-marpit-pagination-total", "\(total)")
    }
    return (out, made.style)
  }

  /// The section attributes and CSS that follow from a slide's directives alone (with the deck's theme and
  /// language): classes, every directive as `data-*` and as a `--custom-property`, the style directives'
  /// CSS, the background tone.
  struct DirectiveAttributes: Sendable {
    var attributes: String
    var style: String

    init(_ d: ResolvedDirectives, theme: String, lang: String?) {
      var out = ""
      func add(_ name: String, _ value: String) { out += " \(name)=\"\(HTMLEscaping.escape(value))\"" }
      let classes = d.classes
      if !classes.isEmpty { add("class", classes.joined(separator: " ")) }
      add("data-theme", theme)
      if let lang { add("lang", lang) }
      var style = ""
      for name in DeckHTMLRenderer.slideAttributeDirectives {
        guard let value = d[name] else { continue }
        let kebab = DeckHTMLRenderer.kebabNames[name] ?? name
        add("data-\(kebab)", value)
        style += "--\(kebab):\(SlideMarkup.cssValue(value));"
      }
      for (directive, property) in DeckHTMLRenderer.styleDirectives {
        if let value = d[directive], !value.isEmpty { style += "\(property):\(SlideMarkup.cssValue(value));" }
      }
      // A background colour without a text colour: tell the theme which palette keeps the text readable.
      if d["color"] == nil, let background = d["backgroundColor"], let tone = BackgroundTone(cssColor: background) {
        add("data-lectern-tone", tone.rawValue)
      }
      attributes = out
      self.style = style
    }

    /// Attributes made once per distinct set of directives, for slides taken in order on one thread:
    /// building the strings costs about 30,000 instructions a slide, comparing with the previous slide's
    /// directives (the same storage when nothing changed) next to nothing.
    struct Cache {
      let theme: String
      let lang: String?
      private var last: (ResolvedDirectives, DirectiveAttributes)?
      private var made: [ResolvedDirectives: DirectiveAttributes] = [:]

      init(theme: String, lang: String?) {
        self.theme = theme
        self.lang = lang
      }

      mutating func attributes(for directives: ResolvedDirectives) -> DirectiveAttributes {
        if let last, last.0 == directives { return last.1 }
        let found: DirectiveAttributes
        if let known = made[directives] {
          found = known
        } else {
          found = DirectiveAttributes(directives, theme: theme, lang: lang)
          made[directives] = found
        }
        last = (directives, found)
        return found
      }
    }
  }

  /// Header and footer values are inline Markdown.
  static func inlineMarkdown(_ text: String, renderer: HTMLRenderer) -> String {
    let doc = MarkdownDocument(parsing: SourceFile(path: "", text: text))
    guard let first = doc.blocks.first, case .paragraph(let inlines) = first.kind, doc.blocks.count == 1 else {
      return renderer.render(doc.blocks)
    }
    return renderer.render(inlines: inlines)
  }

  private func percent(_ s: String?) -> Double {
    guard let s, s.hasSuffix("%"), let v = Double(s.dropLast()) else { return 50 }
    return min(max(v, 0), 100)
  }

  private func format(_ v: Double) -> String {
    v == v.rounded() ? String(Int(v)) : String(v)
  }

  /// A directive value inside a `style` attribute: no way out of the declaration.
  fileprivate static func cssValue(_ v: String) -> String {
    // Most values hold none of these bytes: kept as they are without a character walk.
    guard v.utf8.contains(where: { $0 == 0x3B || $0 == 0x7B || $0 == 0x7D || $0 == 0x3C || $0 == 0x3E || $0 == 0x0A }) else {
      return v
    }
    return String(v.filter { $0 != ";" && $0 != "{" && $0 != "}" && $0 != "<" && $0 != ">" && $0 != "\n" })
  }

  /// A URL inside `url("…")`: backslashes and quotes escaped, line breaks (`\n`, `\r`) dropped, over bytes (a
  /// quote is escaped even when a combining mark follows it, as a CSS tokenizer reads code points).
  private func cssURL(_ u: String) -> String {
    u.replacingBytes("\\", with: "\\\\").replacingBytes("\"", with: "\\\"").replacingBytes("\n", with: "")
      .replacingBytes("\r", with: "")
  }
}

extension DeckHTMLRenderer {
  /// Directives that Marp writes onto each `<section>` as `data-*` attributes and custom properties,
  /// in the order they are written.
  static let slideAttributeDirectives = [
    "backgroundColor", "backgroundImage", "backgroundPosition", "backgroundRepeat", "backgroundSize", "class", "color",
    "fit", "footer", "header", "paginate", "size", "transition",
  ]

  static let kebabNames: [String: String] = Dictionary(
    uniqueKeysWithValues: slideAttributeDirectives.map { name in
      (name, name.reduce(into: "") { out, c in out += c.isUppercase ? "-" + c.lowercased() : String(c) })
    })

  /// Directives that stand for a CSS property on the slide.
  static let styleDirectives = [
    ("backgroundColor", "background-color"), ("backgroundImage", "background-image"),
    ("backgroundPosition", "background-position"), ("backgroundRepeat", "background-repeat"),
    ("backgroundSize", "background-size"), ("color", "color"),
  ]
}
