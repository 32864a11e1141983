import LecternCore

/// Renders Markdown blocks (any subtree: a slide, a section, one table) as HTML with cmark-gfm.
///
/// Raw HTML follows `rawHTML` (escaped by default); `javascript:`, `vbscript:`, `file:` and non-image
/// `data:` URLs are removed from Markdown links and images, and `javascript:`/`vbscript:` attribute
/// values are neutralised in raw HTML that is let through.
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
    CMarkRenderer.html(blocks, rawHTML: rawHTML, rewriter: rewriter)
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
  /// Everything passes (URL attributes still lose `javascript:`/`vbscript:`).
  case allow

  /// Marp's default spirit: harmless attribute-free formatting tags.
  public static let safeTags: RawHTMLPolicy = .allowlist([
    "br", "sub", "sup", "kbd", "mark", "small", "s", "u", "ins", "del", "b", "i", "em", "strong", "abbr", "wbr",
  ])

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
    guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return s }
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

  /// Raw HTML with every attribute value that would run script as a URL (`javascript:`, `vbscript:`)
  /// replaced by `#`, and `on…=` event handler attributes renamed so they never fire.
  public static func neutralizingScriptURLs(_ html: String) -> String {
    let bytes = Array(html.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      guard b == UInt8(ascii: "<"), i + 1 < bytes.count, isLetter(bytes[i + 1]) else {
        out.append(b)
        i += 1
        continue
      }
      // Inside a start tag: copy the name, then attributes one by one.
      out.append(b)
      i += 1
      while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") {
        out.append(bytes[i])
        i += 1
      }
      while i < bytes.count, bytes[i] != UInt8(ascii: ">") {
        if isSpace(bytes[i]) || bytes[i] == UInt8(ascii: "/") {
          out.append(bytes[i])
          i += 1
          continue
        }
        let nameStart = i
        while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ">") { i += 1 }
        let name = String(decoding: bytes[nameStart..<i], as: UTF8.self).lowercased()
        if name.hasPrefix("on") {
          out.append(contentsOf: Array("data-blocked-".utf8))
        }
        out.append(contentsOf: bytes[nameStart..<i])
        guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { continue }
        out.append(bytes[i])
        i += 1
        var valueStart = i
        var valueEnd = i
        var quote: UInt8?
        if i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
          quote = bytes[i]
          out.append(bytes[i])
          i += 1
          valueStart = i
          while i < bytes.count, bytes[i] != quote { i += 1 }
          valueEnd = i
        } else {
          while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") { i += 1 }
          valueEnd = i
        }
        let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
        let decoded = value.replacingCharacterReferences()
        if isScriptURL(decoded) {
          out.append(UInt8(ascii: "#"))
        } else {
          out.append(contentsOf: bytes[valueStart..<valueEnd])
        }
        if let quote, i < bytes.count {
          out.append(quote)
          i += 1
        }
      }
      if i < bytes.count {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func isScriptURL(_ value: String) -> Bool {
    let compact = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 })).lowercased()
    return compact.hasPrefix("javascript:") || compact.hasPrefix("vbscript:")
  }

  private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
}

extension String {
  /// Decodes numeric character references (`&#106;`, `&#x6A;`) and a few named ones, enough to see
  /// through an obfuscated scheme.
  fileprivate func replacingCharacterReferences() -> String {
    guard contains("&") else { return self }
    var out = ""
    var rest = Substring(self)
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      let after = rest[rest.index(after: amp)...]
      if let semi = after.prefix(10).firstIndex(of: ";") {
        let body = after[..<semi]
        var scalar: Unicode.Scalar?
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
          scalar = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        } else if body.hasPrefix("#") {
          scalar = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init)
        } else {
          scalar = ["colon": ":", "tab": "\t", "newline": "\n", "amp": "&"][String(body)]
        }
        if let scalar {
          out.unicodeScalars.append(scalar)
          rest = after[after.index(after: semi)...]
          continue
        }
      }
      out += "&"
      rest = after
    }
    out += rest
    return out
  }
}
