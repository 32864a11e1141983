/// A piece of highlighted code: its text and highlight.js's class for it (`keyword`, `string`, `comment`…;
/// `nil` for plain text). The PowerPoint file colours each piece with the theme's colour for that class.
public struct CodeToken: Sendable, Hashable {
  public var text: String
  public var kind: String?

  public init(text: String, kind: String?) {
    self.text = text
    self.kind = kind
  }

  /// The key a block's tokens are found under: its language and its code.
  public static func key(language: String, code: String) -> String { language + "\u{0}" + code }

  /// highlight.js classes → the colour role each takes (the same grouping as the page's viewer CSS).
  static let roles: [String: String] = [
    "keyword": "keyword", "selector-tag": "keyword", "doctag": "keyword", "meta-keyword": "keyword",
    "template-tag": "keyword", "string": "string", "regexp": "string", "symbol": "string",
    "template-variable": "string", "meta-string": "string", "comment": "comment", "quote": "comment",
    "number": "number", "literal": "number", "bullet": "number", "link": "number", "title": "title",
    "section": "title", "selector-id": "title", "selector-class": "title", "type": "type", "built_in": "type",
    "builtin-name": "type", "attr": "attr", "attribute": "attr", "variable": "attr", "name": "attr",
    "selector-attr": "attr", "selector-pseudo": "attr", "meta": "meta", "addition": "addition", "deletion": "deletion",
  ]

  /// The page's defaults for a theme that sets no `--lectern-code-*` colour.
  static let defaultColors: [String: String] = [
    "keyword": "#cf222e", "string": "#0a3069", "comment": "#6e7781", "number": "#0550ae", "title": "#8250df",
    "type": "#953800", "attr": "#116329", "meta": "#6639ba", "addition": "#116329", "deletion": "#82071e",
  ]

  /// The colour role of this token, if it has one.
  var role: String? { kind.flatMap { Self.roles[$0] } }
}
