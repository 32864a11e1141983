import Foundation

/// Makes raw HTML written in Markdown safe to put in a page (`html: true`).
///
/// The fragment is tokenized as the HTML standard says (``HTMLTokenizer``) and written out again from
/// its tokens: allowed elements with their allowed attributes, values decoded and re-escaped, URLs
/// checked by scheme after decoding them as a browser does; comments dropped; every other tag shown
/// as text, exactly as written (`<script>` appears as `&lt;script&gt;`). Text keeps its character
/// references, with `<` and `>` escaped. The output holds no element that changes how a browser
/// tokenizes what follows (no script, style, textarea, title, noscript, template, svg or math), so the
/// browser sees the tokens this sanitizer checked, whatever the input tried.
public struct HTMLSanitizer: Sendable {
  public var allowlist: HTMLAllowlist

  public init(allowlist: HTMLAllowlist = .marp) { self.allowlist = allowlist }

  public func sanitize(_ fragment: String) -> String {
    var out = ""
    out.reserveCapacity(fragment.utf8.count)
    var tokenizer = HTMLTokenizer(fragment)
    while let token = tokenizer.next() {
      switch token.kind {
      case .text:
        out += Self.escapeText(token.source)
      case .comment:
        break
      case .unfinished:
        out += HTMLEscaping.escape(token.source)
      case .startTag(let name, let attributes, let selfClosing):
        guard allowlist.elements[name] != nil else {
          out += HTMLEscaping.escape(token.source)
          continue
        }
        out += "<" + name
        for a in attributes where allowlist.allows(a.name, value: a.value, on: name) {
          out += " \(a.name)=\"\(HTMLEscaping.escape(a.value))\""
        }
        out += selfClosing ? " />" : ">"
      case .endTag(let name):
        out += allowlist.elements[name] != nil ? "</\(name)>" : HTMLEscaping.escape(token.source)
      }
    }
    return out
  }

  /// Text as written, with `<` and `>` escaped (a lone `<` the tokenizer kept as text).
  private static func escapeText(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E }) else { return text }
    return text.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
  }
}
