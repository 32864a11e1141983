/// A run of text with one formatting, or a line break (`<a:br/>`).
struct TextRun: Sendable, Hashable {
  var text: String
  var bold = false
  var italic = false
  var strike = false
  var code = false
  /// A link's destination, already checked safe (`http`, `https`, `mailto` or a relative path).
  var link: String?
  var isBreak = false
  /// A colour that replaces the paragraph's (a highlighted code token).
  var color: Color?

  static let lineBreak = TextRun(text: "", isBreak: true)
}

/// One paragraph of a text box: a heading, a paragraph, a list item, a quote line or a code line.
struct TextParagraph: Sendable, Hashable {
  enum Bullet: Sendable, Hashable {
    case none
    case character(String)
    /// An ordered list item: PowerPoint numbers from `start`.
    case number(start: Int)
  }

  enum Role: Sendable, Hashable {
    case body
    case heading(Int)
    case quote
    case code
    case footnote
  }

  var runs: [TextRun]
  var role: Role = .body
  /// List nesting: 0 outside lists, 1 for a top-level item.
  var level = 0
  var bullet: Bullet = .none
  var alignment: Alignment = .left
  /// `<!--fit-->`: the heading is sized to fill the width.
  var fit = false
  /// A size in CSS pixels that replaces the role's (a fitted heading).
  var sizeOverride: Double?

  enum Alignment: Sendable, Hashable { case left, center, right }

  /// The visible text (breaks as newlines), for measuring.
  var plainText: String { runs.map { $0.isBreak ? "\n" : $0.text }.joined() }
}
