/// The elements, attributes and URL schemes raw HTML may keep under `html: true`, after Marp's
/// allowlist (marp-core `html` option): formatting, structure, tables, images and media; never script,
/// styles sheets, frames, forms, `svg`/`math` foreign content, `noscript` or `template`.
public struct HTMLAllowlist: Sendable {
  /// Element name → attributes it may carry besides the global ones.
  public var elements: [String: Set<String>]
  /// Attributes every allowed element may carry.
  public var globalAttributes: Set<String>
  /// Attributes holding a URL, checked by scheme.
  public var urlAttributes: Set<String>
  /// Schemes a link (`href`, `cite`) may use; a URL without a scheme (relative) is always allowed.
  public var linkSchemes: Set<String>
  /// Schemes a loaded resource (`src`, `poster`) may use.
  public var resourceSchemes: Set<String>
  /// `data:` media types an image may embed.
  public var imageDataTypes: Set<String>

  /// Marp's list, without `name` (DOM clobbering) and with URL schemes allowed by name.
  public static let marp = HTMLAllowlist(
    elements: [
      "a": ["href", "target", "rel", "hreflang"], "abbr": [], "address": [], "article": [], "aside": [],
      "audio": ["src", "controls", "autoplay", "loop", "muted", "preload"], "b": [], "bdi": [], "bdo": [], "big": [],
      "blockquote": ["cite"], "br": [], "caption": [], "center": [], "cite": [], "code": [], "col": ["span", "width"],
      "colgroup": ["span", "width"], "dd": [], "del": ["cite", "datetime"], "details": ["open"], "dfn": [], "div": ["align"],
      "dl": [], "dt": [], "em": [], "figcaption": [], "figure": [], "font": ["color", "size", "face"], "footer": [],
      "h1": ["align"], "h2": ["align"], "h3": ["align"], "h4": ["align"], "h5": ["align"], "h6": ["align"], "header": [],
      "hr": [], "i": [], "img": ["src", "alt", "width", "height", "align", "loading"], "ins": ["cite", "datetime"],
      "kbd": [], "li": ["value"], "mark": [], "nav": [], "ol": ["start", "type", "reversed"], "p": ["align"],
      "pre": [], "q": ["cite"], "rp": [], "rt": [], "ruby": [], "s": [], "samp": [], "section": [], "small": [],
      "source": ["src", "type"], "span": [], "strike": [], "strong": [], "sub": [], "summary": [], "sup": [],
      "table": ["align", "width", "border"], "tbody": [], "td": ["colspan", "rowspan", "align", "valign", "width"],
      "tfoot": [], "th": ["colspan", "rowspan", "align", "valign", "width", "scope"], "thead": [], "time": ["datetime"],
      "tr": [], "tt": [], "u": [], "ul": [], "var": [],
      "video": ["src", "controls", "autoplay", "loop", "muted", "preload", "poster", "width", "height", "playsinline"],
      "wbr": [],
    ],
    globalAttributes: ["class", "id", "title", "lang", "dir", "style"],
    urlAttributes: ["href", "src", "poster", "cite"],
    linkSchemes: ["http", "https", "mailto", "tel"],
    resourceSchemes: ["http", "https"],
    imageDataTypes: ["image/png", "image/gif", "image/jpeg", "image/webp", "image/avif", "image/svg+xml"])

  /// Whether `element` may carry `attribute` with `value` (a decoded value; URLs checked by scheme).
  func allows(_ attribute: String, value: String, on element: String) -> Bool {
    guard globalAttributes.contains(attribute) || elements[element]?.contains(attribute) == true else { return false }
    guard urlAttributes.contains(attribute) else { return true }
    let url = Self.browserURL(value)
    guard let scheme = Self.scheme(of: url) else { return true }
    switch attribute {
    case "href", "cite": return linkSchemes.contains(scheme)
    default:
      if scheme == "data" && (element == "img" || attribute == "poster") {
        let type = url.dropFirst(5).prefix { $0 != ";" && $0 != "," }.lowercased()
        return imageDataTypes.contains(type)
      }
      return resourceSchemes.contains(scheme)
    }
  }

  /// A URL as the URL standard's parser starts on it: leading and trailing C0 controls and spaces
  /// removed, and every tab, line feed and carriage return removed wherever it is.
  static func browserURL(_ value: String) -> String {
    var scalars = Substring(value).unicodeScalars.drop { $0.value <= 0x20 }
    while let last = scalars.last, last.value <= 0x20 { scalars = scalars.dropLast() }
    return String(String.UnicodeScalarView(scalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }))
  }

  /// The URL's scheme, lowercased, when it has one (an ASCII letter, then letters, digits, `+`, `-`,
  /// `.`, then `:`); `nil` for a relative URL.
  static func scheme(of url: String) -> String? {
    var scheme = ""
    for c in url.unicodeScalars {
      if c == ":" { return scheme.isEmpty ? nil : scheme }
      let letter = ("a"..."z").contains(c) || ("A"..."Z").contains(c)
      let other = ("0"..."9").contains(c) || c == "+" || c == "-" || c == "."
      guard letter || (!scheme.isEmpty && other) else { return nil }
      scheme.unicodeScalars.append(letter ? Unicode.Scalar(c.value | 0x20)! : c)
    }
    return nil
  }
}
