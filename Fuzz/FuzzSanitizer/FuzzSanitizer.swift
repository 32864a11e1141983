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

/// Every tag in sanitized output, as (name, [(attribute, escaped value)]); `nil` names a `<` that does not
/// start a well-formed tag (the sanitizer escapes every `<` it does not write itself).
func tags(in html: String) -> [(name: String, attributes: [(String, String)])]? {
  var result: [(String, [(String, String)])] = []
  var rest = Substring(html)
  while let open = rest.firstIndex(of: "<") {
    rest = rest[rest.index(after: open)...]
    guard let close = rest.firstIndex(of: ">") else { return nil }
    var tag = rest[..<close]
    rest = rest[rest.index(after: close)...]
    if tag.hasPrefix("/") {
      let name = tag.dropFirst()
      guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
      result.append((String(name), []))
      continue
    }
    if tag.hasSuffix(" /") { tag = tag.dropLast(2) }
    let parts = tag.split(separator: " ", maxSplits: 1)
    guard let name = parts.first, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
    var attributes: [(String, String)] = []
    var text = parts.count > 1 ? parts[1] : ""
    while !text.isEmpty {
      guard let eq = text.firstIndex(of: "="), text[text.index(after: eq)...].hasPrefix("\"") else { return nil }
      let attribute = String(text[..<eq])
      let valueStart = text.index(eq, offsetBy: 2)
      guard let valueEnd = text[valueStart...].firstIndex(of: "\"") else { return nil }
      attributes.append((attribute, String(text[valueStart..<valueEnd])))
      text = text[text.index(after: valueEnd)...]
      if text.hasPrefix(" ") { text = text.dropFirst() } else if !text.isEmpty { return nil }
    }
    result.append((String(name), attributes))
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
