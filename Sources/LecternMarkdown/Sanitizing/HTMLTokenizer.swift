import Foundation

/// One token of an HTML fragment, as the HTML standard's tokenizer produces it in the data state.
struct HTMLToken: Equatable {
  enum Kind: Equatable {
    /// Text as written (character references left in place).
    case text
    /// A start tag: lowercased name, attributes in order with their values decoded.
    case startTag(name: String, attributes: [Attribute], selfClosing: Bool)
    case endTag(name: String)
    /// A comment, a doctype, a processing instruction or CDATA outside foreign content: invisible.
    case comment
    /// A tag cut off by the end of the fragment (the standard drops it; a sanitizer shows it as text).
    case unfinished
  }

  struct Attribute: Equatable {
    var name: String
    var value: String
  }

  var kind: Kind
  /// The exact source text of the token.
  var source: String
}

/// Splits an HTML fragment into tokens by the HTML standard's tokenizer (§13.2.5), from the data state.
///
/// It never switches to RAWTEXT, RCDATA, script data or foreign content: a sanitizer that lets no
/// `<script>`, `<style>`, `<textarea>`, `<title>`, `<noscript>`, `<svg>` or `<math>` through (it shows
/// them as text) emits a fragment the browser tokenizes into exactly these tokens.
struct HTMLTokenizer {
  private let s: [Unicode.Scalar]
  private var i = 0

  init(_ fragment: String) { s = Array(fragment.unicodeScalars) }

  static func tokens(_ fragment: String) -> [HTMLToken] {
    var tokenizer = HTMLTokenizer(fragment)
    var tokens: [HTMLToken] = []
    while let token = tokenizer.next() { tokens.append(token) }
    return tokens
  }

  private func source(from start: Int) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: s[start..<min(i, s.count)])
    return String(view)
  }

  private func peek(_ offset: Int = 0) -> Unicode.Scalar? { i + offset < s.count ? s[i + offset] : nil }

  static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\u{C}" || c == "\r" }
  static func isAlpha(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }

  mutating func next() -> HTMLToken? {
    guard i < s.count else { return nil }
    let start = i
    guard s[i] == "<" else {
      while i < s.count, s[i] != "<" { i += 1 }
      return HTMLToken(kind: .text, source: source(from: start))
    }
    // Tag open state.
    switch peek(1) {
    case "!"?:
      i += 2
      skipMarkupDeclaration()
      return HTMLToken(kind: .comment, source: source(from: start))
    case "/"?:
      return endTag(from: start)
    case "?"?:
      i += 1
      skipBogusComment()
      return HTMLToken(kind: .comment, source: source(from: start))
    case let c? where Self.isAlpha(c):
      i += 1
      return tag(from: start, isEnd: false)
    default:
      i += 1
      return HTMLToken(kind: .text, source: "<")
    }
  }

  private mutating func endTag(from start: Int) -> HTMLToken {
    i += 2
    guard let c = peek() else { return HTMLToken(kind: .text, source: "</") }
    if c == ">" {
      i += 1
      return HTMLToken(kind: .comment, source: source(from: start))
    }
    guard Self.isAlpha(c) else {
      skipBogusComment()
      return HTMLToken(kind: .comment, source: source(from: start))
    }
    return tag(from: start, isEnd: true)
  }

  /// Tag name, attributes and the closing `>`, from the first letter of the name.
  private mutating func tag(from start: Int, isEnd: Bool) -> HTMLToken {
    var name = ""
    while let c = peek(), !Self.isSpace(c), c != "/", c != ">" {
      name.unicodeScalars.append(Self.lowered(c))
      i += 1
    }
    var attributes: [HTMLToken.Attribute] = []
    var selfClosing = false
    while let c = peek() {
      if Self.isSpace(c) {
        i += 1
      } else if c == ">" {
        i += 1
        let kind: HTMLToken.Kind =
          isEnd ? .endTag(name: name) : .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
        return HTMLToken(kind: kind, source: source(from: start))
      } else if c == "/" {
        i += 1
        selfClosing = peek() == ">"
      } else {
        selfClosing = false
        let attribute = self.attribute()
        // A repeated attribute name is dropped: the first one counts.
        if !attributes.contains(where: { $0.name == attribute.name }) { attributes.append(attribute) }
      }
    }
    return HTMLToken(kind: .unfinished, source: source(from: start))
  }

  /// One attribute, from the first character of its name (which may be `=`).
  private mutating func attribute() -> HTMLToken.Attribute {
    var name = String(Self.lowered(s[i]))
    i += 1
    while let c = peek(), !Self.isSpace(c), c != "/", c != ">", c != "=" {
      name.unicodeScalars.append(Self.lowered(c))
      i += 1
    }
    var j = i
    while j < s.count, Self.isSpace(s[j]) { j += 1 }
    guard j < s.count, s[j] == "=" else { return HTMLToken.Attribute(name: name, value: "") }
    i = j + 1
    while let c = peek(), Self.isSpace(c) { i += 1 }
    var raw = String.UnicodeScalarView()
    if let quote = peek(), quote == "\"" || quote == "'" {
      i += 1
      while let c = peek(), c != quote {
        raw.append(c)
        i += 1
      }
      if i < s.count { i += 1 }
    } else {
      while let c = peek(), !Self.isSpace(c), c != ">" {
        raw.append(c)
        i += 1
      }
    }
    let value = String(raw).replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
    return HTMLToken.Attribute(name: name, value: CharacterReferences.decodeAttribute(value))
  }

  /// After `<!`: a comment, or a doctype, CDATA or bogus comment up to the next `>`.
  private mutating func skipMarkupDeclaration() {
    guard peek() == "-", peek(1) == "-" else {
      skipBogusComment()
      return
    }
    i += 2
    // `<!-->` and `<!--->` end at once; otherwise the first `-->` or `--!>` ends the comment.
    if peek() == ">" {
      i += 1
      return
    }
    if peek() == "-", peek(1) == ">" {
      i += 2
      return
    }
    while i < s.count {
      if s[i] == "-", peek(1) == "-" {
        if peek(2) == ">" {
          i += 3
          return
        }
        if peek(2) == "!", peek(3) == ">" {
          i += 4
          return
        }
      }
      i += 1
    }
  }

  private mutating func skipBogusComment() {
    while let c = peek(), c != ">" { i += 1 }
    if i < s.count { i += 1 }
  }

  private static func lowered(_ c: Unicode.Scalar) -> Unicode.Scalar {
    if ("A"..."Z").contains(c) { return Unicode.Scalar(c.value + 32)! }
    if c == "\u{0}" { return "\u{FFFD}" }
    return c
  }
}
