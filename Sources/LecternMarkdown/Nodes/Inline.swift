import LecternCore

/// An inline Markdown element.
///
/// `range` is `nil` where cmark-gfm reports none (soft and hard breaks, some synthesised text).
public struct Inline: Sendable, Hashable {
  public var kind: Kind
  public var range: SourceRange?

  public init(_ kind: Kind, range: SourceRange?) {
    self.kind = kind
    self.range = range
  }

  public enum Kind: Sendable, Hashable {
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    /// Raw inline HTML exactly as written, comments included.
    case html(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    /// Links and images are boxed: their payload is the largest, and text (far more common) would otherwise be as
    /// large as a link in every copy.
    indirect case link(destination: String, title: String, children: [Inline])
    indirect case image(source: String, title: String, children: [Inline])
    case footnoteReference(String)
  }

  /// The children of a container inline; empty for leaves.
  public var children: [Inline] {
    switch kind {
    case .emphasis(let c), .strong(let c), .strikethrough(let c): c
    case .link(_, _, let c), .image(_, _, let c): c
    default: []
    }
  }
}

extension Array where Element == Inline {
  /// The text a reader sees: markup removed, raw HTML dropped, breaks as spaces, image alt text kept.
  public var plainText: String {
    var out = ""
    appendPlainText(to: &out)
    return out
  }

  func appendPlainText(to out: inout String) {
    for inline in self {
      switch inline.kind {
      case .text(let s), .code(let s): out += s
      case .softBreak, .lineBreak: out += " "
      case .html: break
      case .footnoteReference(let label): out += "[^\(label)]"
      default: inline.children.appendPlainText(to: &out)
      }
    }
  }
}
