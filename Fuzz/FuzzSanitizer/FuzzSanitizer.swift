// libFuzzer target: raw HTML through the `html: true` sanitizer.
//
// Oracles (independent of the sanitizer's own tokenizer): sanitizing the output again changes nothing; every
// tag left in the output is a plain `<name attr="value">` of an allowed element, no attribute is an `on…`
// handler, and no URL attribute, decoded as a browser decodes it, starts with a script scheme.
import LecternMarkdown

let sanitizer = HTMLSanitizer()
let forbiddenElements: Set<String> = [
  "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "noscript", "template",
  "form", "input", "button", "textarea", "select", "title", "xmp", "plaintext", "noembed", "noframes", "base", "meta",
  "link", "animate", "set", "animatetransform", "animatemotion", "use", "iframe", "portal",
]
let urlAttributes: Set<String> = ["href", "src", "poster", "cite", "action", "formaction", "xlink:href", "data", "background"]

/// The value a browser sees: the few references `HTMLEscaping` writes decoded, tabs and newlines removed,
/// leading spaces and control characters dropped.
func browserValue(_ escaped: String) -> String {
  var value = escaped.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    .replacingOccurrences(of: "&amp;", with: "&")
  value.unicodeScalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
  while let first = value.unicodeScalars.first, first.value <= 0x20 { value.unicodeScalars.removeFirst() }
  return value.lowercased()
}

/// Every tag in sanitized output, as (name, [(attribute, escaped value)]); `nil` when a `<` does not start a
/// well-formed tag (the sanitizer escapes every `<` it does not write itself). Read by Unicode scalar, as a
/// browser reads: a combining mark after a quote is still a quote.
func tags(in html: String) -> [(name: String, attributes: [(String, String)])]? {
  let s = Array(html.unicodeScalars)
  var result: [(String, [(String, String)])] = []
  var i = 0
  func isNameScalar(_ c: Unicode.Scalar) -> Bool { c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)) }
  func word(while ok: (Unicode.Scalar) -> Bool) -> String {
    var w = String.UnicodeScalarView()
    while i < s.count, ok(s[i]) {
      w.append(s[i])
      i += 1
    }
    return String(w)
  }
  while i < s.count {
    guard s[i] == "<" else {
      i += 1
      continue
    }
    i += 1
    let closing = i < s.count && s[i] == "/"
    if closing { i += 1 }
    let name = word(while: isNameScalar)
    guard !name.isEmpty else { return nil }
    var attributes: [(String, String)] = []
    while i < s.count, s[i] == " ", !closing {
      i += 1
      if i + 1 < s.count, s[i] == "/", s[i + 1] == ">" { break }
      let attribute = word(while: { $0 != "=" && $0 != " " && $0 != ">" && $0 != "\"" })
      guard !attribute.isEmpty, i + 1 < s.count, s[i] == "=", s[i + 1] == "\"" else { return nil }
      i += 2
      let value = word(while: { $0 != "\"" })
      guard i < s.count else { return nil }
      i += 1
      attributes.append((attribute, value))
    }
    if !closing, i + 1 < s.count, s[i] == "/", s[i + 1] == ">" { i += 1 }
    guard i < s.count, s[i] == ">" else { return nil }
    i += 1
    result.append((name, attributes))
  }
  return result
}

func check(_ input: String) {
  let once = sanitizer.sanitize(input)
  let twice = sanitizer.sanitize(once)
  precondition(once == twice, "sanitizing twice changed the output:\n\(once.debugDescription)\n\(twice.debugDescription)")
  guard let found = tags(in: once) else { fatalError("malformed tag in sanitized output: \(once.debugDescription)") }
  for (name, attributes) in found {
    precondition(!forbiddenElements.contains(name.lowercased()), "element <\(name)> survived: \(once.debugDescription)")
    for (attribute, value) in attributes {
      let lowered = attribute.lowercased()
      precondition(!lowered.hasPrefix("on"), "handler \(attribute) survived: \(once.debugDescription)")
      guard urlAttributes.contains(lowered) else { continue }
      let url = browserValue(value)
      for scheme in ["javascript:", "vbscript:", "data:text/html", "livescript:"] {
        precondition(!url.hasPrefix(scheme), "\(scheme) URL survived in \(attribute): \(once.debugDescription)")
      }
    }
  }
}

/// One input from libFuzzer (`data` is nil when `size` is 0).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  check(String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self))
  return 0
}
