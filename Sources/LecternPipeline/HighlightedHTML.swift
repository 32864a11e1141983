import LecternExport

/// highlight.js's output (`<span class="hljs-keyword">let</span> x`) read back as tokens: each piece of text
/// with the innermost class around it, entities decoded. Nothing else appears in that output.
enum HighlightedHTML {
  static func tokens(_ html: String) -> [CodeToken] {
    var tokens: [CodeToken] = []
    var stack: [String?] = []
    var text = ""
    func flush() {
      guard !text.isEmpty else { return }
      let kind = stack.last ?? nil
      if let last = tokens.last, last.kind == kind {
        tokens[tokens.count - 1].text += text
      } else {
        tokens.append(CodeToken(text: text, kind: kind))
      }
      text = ""
    }
    var rest = Substring(html)
    while let first = rest.first {
      if first == "<", let close = rest.firstIndex(of: ">") {
        flush()
        let tag = rest[rest.index(after: rest.startIndex)..<close]
        if tag.hasPrefix("/") {
          _ = stack.popLast()
        } else if let start = tag.range(of: "class=\"hljs-") {
          let name = tag[start.upperBound...].prefix(while: { $0 != "\"" && $0 != " " })
          stack.append(String(name))
        } else {
          stack.append(stack.last ?? nil)
        }
        rest = rest[rest.index(after: close)...]
      } else if first == "&", let semi = rest.firstIndex(of: ";"), rest.distance(from: rest.startIndex, to: semi) <= 8 {
        text += entity(String(rest[rest.index(after: rest.startIndex)..<semi]))
        rest = rest[rest.index(after: semi)...]
      } else {
        text.append(first)
        rest = rest.dropFirst()
      }
    }
    flush()
    return tokens
  }

  private static func entity(_ name: String) -> String {
    switch name {
    case "lt": "<"
    case "gt": ">"
    case "amp": "&"
    case "quot": "\""
    case "#x27", "#39", "apos": "'"
    default: "&\(name);"
    }
  }
}
