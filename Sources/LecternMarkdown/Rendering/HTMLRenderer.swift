import LecternCore

/// Renders Markdown blocks (any subtree: a slide, a section, one table) as the HTML cmark-gfm's renderer writes
/// for them (``HTMLWriter``).
///
/// Raw HTML follows `rawHTML` (escaped by default; under `.allow` through ``HTMLSanitizer``);
/// `javascript:`, `vbscript:`, `file:` and non-image `data:` URLs are removed from Markdown links and
/// images.
public struct HTMLRenderer: Sendable {
  public var rawHTML: RawHTMLPolicy
  /// Lets a caller render some nodes itself (a deck's background images, fitted headings, math).
  public var rewriter: (any HTMLRewriting)?

  public init(rawHTML: RawHTMLPolicy = .escape, rewriter: (any HTMLRewriting)? = nil) {
    self.rawHTML = rawHTML
    self.rewriter = rewriter
  }

  public init(allowRawHTML: Bool) {
    self.init(rawHTML: allowRawHTML ? .allow : .escape)
  }

  public var allowRawHTML: Bool {
    if case .allow = rawHTML { return true }
    return false
  }

  public func render(_ blocks: [Block]) -> String {
    HTMLWriter.html(blocks, rawHTML: rawHTML, rewriter: rewriter)
  }

  /// Renders inline content, without a wrapping paragraph.
  public func render(inlines: [Inline]) -> String {
    var html = render([Block(.paragraph(inlines), range: nil)])
    if html.hasPrefix("<p>") { html.removeFirst(3) }
    if html.hasSuffix("</p>\n") { html.removeLast(5) }
    return html
  }
}

/// What a renderer does with raw HTML written in Markdown.
public enum RawHTMLPolicy: Sendable, Hashable {
  /// Shown as text.
  case escape
  /// Tags named here, without attributes (`<br>`, `<sub>…</sub>`), pass; the rest is shown as text.
  case allowlist(Set<String>)
  /// Raw HTML passes through ``HTMLSanitizer`` with Marp's allowlist (`html: true`): allowed elements
  /// and attributes stay, URLs keep only allowed schemes, every other tag is shown as text.
  case allow

  /// Marp's default spirit: harmless attribute-free formatting tags.
  public static let safeTags: RawHTMLPolicy = .allowlist([
    "br", "sub", "sup", "kbd", "mark", "small", "s", "u", "ins", "del", "b", "i", "em", "strong", "abbr", "wbr",
  ])

  /// What to put in the page for raw HTML `html`; `nil` to show it as text.
  func passing(_ html: String) -> String? {
    switch self {
    case .escape: return nil
    case .allow: return HTMLSanitizer().sanitize(html)
    case .allowlist: return allows(html) ? html : nil
    }
  }

  func allows(_ html: String) -> Bool {
    switch self {
    case .escape: return false
    case .allow: return true
    case .allowlist(let names):
      // Every tag in the fragment must be an allowed, attribute-free tag; comments pass (renderers drop them).
      var rest = Substring(html)
      var sawTag = false
      while let open = rest.firstIndex(of: "<") {
        guard let close = rest[open...].firstIndex(of: ">") else { return false }
        var tag = rest[rest.index(after: open)..<close]
        if tag.hasPrefix("!--") { return false }
        if tag.hasPrefix("/") { tag = tag.dropFirst() }
        if tag.hasSuffix("/") { tag = tag.dropLast() }
        let name = tag.trimmingSpaces.lowercased()
        guard names.contains(name) else { return false }
        sawTag = true
        rest = rest[rest.index(after: close)...]
      }
      return sawTag && rest.allSatisfy { $0 != "<" }
    }
  }
}

extension Substring {
  fileprivate var trimmingSpaces: Substring {
    var s = self
    while let f = s.first, f == " " || f == "\t" || f == "\n" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\n" { s.removeLast() }
    return s
  }
}

/// How a rewriter renders one node.
public enum HTMLRewrite<Node: Sendable>: Sendable {
  /// Leave the node out.
  case drop
  /// Put this HTML in its place, verbatim (the rewriter escapes what it must).
  case html(String)
  /// Render these nodes instead, without asking the rewriter again.
  case replace([Node])
}

/// Hooks for renderers that give some nodes their own markup; `nil` keeps the default rendering.
public protocol HTMLRewriting: Sendable {
  func rewrite(_ block: Block) -> HTMLRewrite<Block>?
  func rewrite(_ inline: Inline) -> HTMLRewrite<Inline>?
}

/// HTML escaping in one place.
public enum HTMLEscaping {
  /// Escapes `&`, `<`, `>` and `"` (safe in text and double-quoted attributes).
  public static func escape(_ s: String) -> String {
    // Most text has nothing to escape: answer without copying.
    guard needsEscaping(s) else { return s }
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 16)
    for b in s.utf8 {
      switch b {
      case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
      case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
      case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
      case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
      case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
      default: out.append(b)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether `s` holds `&`, `<`, `>`, `"` or `'`: a loop over the stored bytes the compiler vectorizes (a
  /// walk of the UTF-8 view fetches byte by byte).
  static func needsEscaping(_ s: String) -> Bool {
    func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      var found = false
      for b in bytes { found = found || b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 }
      return found
    }
    return s.utf8.withContiguousStorageIfAvailable(scan) ?? Array(s.utf8).withUnsafeBufferPointer(scan)
  }
}
