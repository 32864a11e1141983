/// Rewrites a Marp theme's (or a `<style>` element's) selectors so they reach slides only: `section`
/// and `:root` become the slide itself, any other selector is looked for inside a slide. `@media`,
/// `@supports`, `@container` and `@layer` blocks are rewritten inside; `@font-face`, `@keyframes` and
/// `@page` are kept as they are; `@import` and `@charset` are hoisted (they must come first).
struct CSSScoper {
  /// The slide selector, e.g. `div.marpit > svg > foreignObject > section`.
  var slide: String

  struct Result {
    var css: String
    /// `@import …;` statements found anywhere, in order.
    var imports: [String]
  }

  func scope(_ css: String) -> Result {
    var reader = Reader(Array(css.utf8))
    var out: [UInt8] = []
    var imports: [String] = []
    scopeRules(&reader, into: &out, imports: &imports, untilBrace: false)
    return Result(css: String(decoding: out, as: UTF8.self), imports: imports)
  }

  private func scopeRules(_ r: inout Reader, into out: inout [UInt8], imports: inout [String], untilBrace: Bool) {
    while true {
      r.skipSpaceAndComments()
      guard let b = r.peek else { return }
      if b == UInt8(ascii: "}") {
        if untilBrace { return }
        r.advance()
        continue
      }
      let preludeStart = r.position
      let end = r.scanPrelude()  // stops at `{`, `;` or `}`/end
      let prelude = String(decoding: r.bytes[preludeStart..<r.position], as: UTF8.self).trimmed
      switch end {
      case .semicolon:
        r.advance()
        if prelude.lowercased().hasPrefix("@import") || prelude.lowercased().hasPrefix("@charset") {
          if prelude.lowercased().hasPrefix("@import") { imports.append(prelude + ";") }
        } else if !prelude.isEmpty {
          out.append(contentsOf: Array((prelude + ";\n").utf8))
        }
      case .end, .closeBrace:
        if !prelude.isEmpty { out.append(contentsOf: Array(prelude.utf8)) }
        if end == .end { return }
      case .openBrace:
        r.advance()
        let lower = prelude.lowercased()
        if lower.hasPrefix("@media") || lower.hasPrefix("@supports") || lower.hasPrefix("@container")
          || lower.hasPrefix("@layer") || lower.hasPrefix("@document")
        {
          out.append(contentsOf: Array((prelude + " {\n").utf8))
          scopeRules(&r, into: &out, imports: &imports, untilBrace: true)
          if r.peek == UInt8(ascii: "}") { r.advance() }
          out.append(contentsOf: Array("}\n".utf8))
        } else if lower.hasPrefix("@") {
          let block = r.scanBlock()
          out.append(contentsOf: Array((prelude + " {").utf8))
          out.append(contentsOf: block)
          out.append(contentsOf: Array("}\n".utf8))
        } else {
          let block = r.scanBlock()
          let selectors = splitSelectors(prelude).map(scopeSelector).joined(separator: ",\n")
          out.append(contentsOf: Array((selectors + " {").utf8))
          out.append(contentsOf: block)
          out.append(contentsOf: Array("}\n".utf8))
        }
      }
    }
  }

  /// Splits a selector list on top-level commas.
  private func splitSelectors(_ s: String) -> [String] {
    var parts: [String] = []
    var depth = 0
    var quote: Character?
    var current = ""
    for c in s {
      if let q = quote {
        current.append(c)
        if c == q { quote = nil }
        continue
      }
      switch c {
      case "\"", "'":
        quote = c
        current.append(c)
      case "(", "[":
        depth += 1
        current.append(c)
      case ")", "]":
        depth -= 1
        current.append(c)
      case "," where depth == 0:
        parts.append(current.trimmed)
        current = ""
      default:
        current.append(c)
      }
    }
    if !current.trimmed.isEmpty { parts.append(current.trimmed) }
    return parts
  }

  func scopeSelector(_ selector: String) -> String {
    for root in [":root", "section", "html", "body"] where startsWithElement(selector, root) {
      return slide + selector.dropFirst(root.count)
    }
    return slide + " " + selector
  }

  private func startsWithElement(_ selector: String, _ name: String) -> Bool {
    guard selector.lowercased().hasPrefix(name) else { return false }
    guard let next = selector.dropFirst(name.count).first else { return true }
    return !(next.isLetter || next.isNumber || next == "-" || next == "_")
  }
}

/// A byte cursor over CSS that knows comments, strings and nesting.
private struct Reader {
  let bytes: [UInt8]
  var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var peek: UInt8? { position < bytes.count ? bytes[position] : nil }
  mutating func advance() { position += 1 }

  enum PreludeEnd { case openBrace, semicolon, closeBrace, end }

  mutating func skipSpaceAndComments() {
    while position < bytes.count {
      let b = bytes[position]
      if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
        position += 1
      } else if b == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "*") {
        skipComment()
      } else {
        return
      }
    }
  }

  private mutating func skipComment() {
    position += 2
    while position + 1 < bytes.count, !(bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/")) {
      position += 1
    }
    position = min(position + 2, bytes.count)
  }

  private mutating func skipString(_ quote: UInt8) {
    position += 1
    while position < bytes.count, bytes[position] != quote {
      if bytes[position] == UInt8(ascii: "\\") { position += 1 }
      position += 1
    }
    position = min(position + 1, bytes.count)
  }

  mutating func scanPrelude() -> PreludeEnd {
    var depth = 0
    while position < bytes.count {
      let b = bytes[position]
      switch b {
      case UInt8(ascii: "\""), UInt8(ascii: "'"): skipString(b)
      case UInt8(ascii: "/") where position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "*"): skipComment()
      case UInt8(ascii: "("), UInt8(ascii: "["):
        depth += 1
        position += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"):
        depth -= 1
        position += 1
      case UInt8(ascii: "{") where depth <= 0: return .openBrace
      case UInt8(ascii: ";") where depth <= 0: return .semicolon
      case UInt8(ascii: "}") where depth <= 0: return .closeBrace
      default: position += 1
      }
    }
    return .end
  }

  /// The bytes up to the `}` that closes the block just opened (nested blocks included); consumes the `}`.
  mutating func scanBlock() -> ArraySlice<UInt8> {
    let start = position
    var depth = 1
    while position < bytes.count {
      let b = bytes[position]
      switch b {
      case UInt8(ascii: "\""), UInt8(ascii: "'"): skipString(b)
      case UInt8(ascii: "/") where position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "*"): skipComment()
      case UInt8(ascii: "{"):
        depth += 1
        position += 1
      case UInt8(ascii: "}"):
        depth -= 1
        if depth == 0 {
          let block = bytes[start..<position]
          position += 1
          return block
        }
        position += 1
      default: position += 1
      }
    }
    return bytes[start..<position]
  }
}
