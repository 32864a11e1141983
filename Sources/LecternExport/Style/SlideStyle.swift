import Foundation
import LecternDeck

/// The colours, fonts and sizes one slide is drawn with: the theme's CSS for `section` (and its classes,
/// `section.invert`), then the slide's `backgroundColor` and `color` directives.
///
/// Sizes are CSS pixels; a font size PowerPoint needs is derived with ``EMU/fontSize(px:)``.
struct SlideStyle: Sendable {
  var background = Color(hex: "FFFFFF")
  var text = Color(hex: "1F2430")
  var accent = Color(hex: "1F5FBF")
  var headingColors: [Int: Color] = [:]
  var codeBackground = Color(hex: "EEF0F3")
  var font = "Arial"
  var headingFont: String?
  var monoFont = "Courier New"
  var fontSize: Double = 29
  /// Heading sizes as multiples of the body size, h1…h6.
  var headingScale: [Double] = [1.8, 1.5, 1.3, 1.1, 1, 0.9]
  var codeScale: Double = 0.75
  /// Highlighted code's colour for each token role (`keyword`, `string`…): the theme's `--lectern-code-*`.
  var codeColors: [String: Color] = CodeToken.defaultColors.compactMapValues(Color.init(css:))
  var tableScale: Double = 0.8
  /// Space between the slide's edge and its content: top, right, bottom, left.
  var padding: (top: Double, right: Double, bottom: Double, left: Double) = (64, 84, 64, 84)
  var centered = true

  /// The style of `slide` under a theme's rules.
  init(rules: CSSRules, slide: Slide?) {
    let classes = slide?.classes.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ";,")) } ?? []
    let sections = classes.map { "section.\($0)" } + ["section", ":root"]
    func value(_ property: String, _ selectors: [String]) -> String? {
      rules.value(property, for: selectors, scopes: sections)
    }
    if let bg = value("background-color", sections) ?? value("background", sections), let c = Color(css: bg) { background = c }
    if let fg = value("color", sections), let c = Color(css: fg) { text = c }
    if let family = value("font-family", sections) { font = Self.firstFamily(family) ?? font }
    if let family = value("font-family", ["h1", "h1, h2, h3, h4, h5, h6"]) { headingFont = Self.firstFamily(family) }
    if let family = value("font-family", ["code", "pre code", "pre"]) { monoFont = Self.firstFamily(family) ?? monoFont }
    if let size = value("font-size", sections).flatMap({ Self.pixels($0, base: 16) }) { fontSize = size }
    if let link = value("color", ["a"]), let c = Color(css: link) { accent = c }
    if let code = value("background-color", ["pre"]) ?? value("background", ["pre"]) ?? value("background", ["code"]),
      let c = Color(css: code)
    {
      codeBackground = c
    }
    for level in 1...6 {
      if let size = value("font-size", ["h\(level)"]).flatMap({ Self.ems($0, base: fontSize) }) { headingScale[level - 1] = size }
      if let color = value("color", ["h\(level)"]).flatMap(Color.init(css:)) { headingColors[level] = color }
    }
    if let size = value("font-size", ["pre"]).flatMap({ Self.ems($0, base: fontSize) }) { codeScale = size }
    for role in CodeToken.defaultColors.keys {
      if let c = value("--lectern-code-\(role)", sections).flatMap(Color.init(css:)) { codeColors[role] = c }
    }
    if let size = value("font-size", ["table"]).flatMap({ Self.ems($0, base: fontSize) }) { tableScale = size }
    if let p = value("padding", sections) { padding = Self.padding(p) ?? padding }
    if let justify = value("justify-content", sections) { centered = justify.contains("center") }
    if let slide {
      if let bg = slide.directives["backgroundColor"], let c = Color(css: bg) { background = c }
      if let fg = slide.directives["color"], let c = Color(css: fg) { text = c }
    }
  }

  static func firstFamily(_ list: String) -> String? {
    let first = list.split(separator: ",").first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }
    guard let first, !first.isEmpty, !["serif", "sans-serif", "monospace", "inherit"].contains(first) else { return nil }
    return first
  }

  /// `29px` → 29, `1.5em` / `150%` → multiples of `base`.
  static func pixels(_ text: String, base: Double) -> Double? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.hasSuffix("px") { return Double(t.dropLast(2)) }
    if t.hasSuffix("rem") { return Double(t.dropLast(3)).map { $0 * 16 } }
    if t.hasSuffix("em") { return Double(t.dropLast(2)).map { $0 * base } }
    if t.hasSuffix("%") { return Double(t.dropLast()).map { $0 / 100 * base } }
    return nil
  }

  static func ems(_ text: String, base: Double) -> Double? { pixels(text, base: base).map { $0 / base } }

  static func padding(_ text: String) -> (Double, Double, Double, Double)? {
    let values = text.split(separator: " ").compactMap { pixels(String($0), base: 16) }
    switch values.count {
    case 1: return (values[0], values[0], values[0], values[0])
    case 2: return (values[0], values[1], values[0], values[1])
    case 3: return (values[0], values[1], values[2], values[1])
    case 4: return (values[0], values[1], values[2], values[3])
    default: return nil
    }
  }
}
