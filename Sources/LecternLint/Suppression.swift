import LecternCore
import LecternMarkdown

/// Inline suppressions written as HTML comments:
/// `<!-- lectern-disable-next-line rule-id other-id -->`, `<!-- lectern-disable rule-id -->` …
/// `<!-- lectern-enable rule-id -->`, and the same without ids for every rule. markdownlint's
/// `<!-- markdownlint-disable MD040 -->` (and `-enable`, `-disable-next-line`, `-disable-line`, `-disable-file`)
/// switch the Lectern rules that stand for those markdownlint rules.
struct Suppressions {
  private struct Span {
    var rules: Set<String>?  // nil = all rules
    var lines: ClosedRange<Int>
  }

  private var spans: [Span] = []

  init(source: SourceFile, isOpaqueLine: [Bool]) {
    var open: [(rules: Set<String>?, line: Int)] = []
    let markdownlint = source.text.containsBytes("markdownlint-")
    guard source.text.containsBytes("lectern-") || markdownlint else { return }
    for line in 1...max(source.lineCount, 1) {
      guard let text = source.line(line), text.containsBytes("lectern-") || (markdownlint && text.containsBytes("markdownlint-"))
      else { continue }
      var rest = Substring(text)
      while let start = rest.range(of: "<!--") {
        let after = rest[start.upperBound...]
        guard let end = after.range(of: "-->") else { break }
        let words = after[..<end.lowerBound].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        rest = after[end.upperBound...]
        guard let written = words.first else { continue }
        // Everything after ` - ` or `--` is a reason.
        let ids = words.dropFirst().prefix(while: { $0 != "-" && $0 != "--" })
        var rules: Set<String>? = ids.isEmpty ? nil : Set(ids)
        var command = written
        if command.hasPrefix("markdownlint-") {
          // markdownlint's comments switch the rules that stand for its own (all of those when no id is given).
          rules = Set(MarkdownlintNames.lecternIDs(for: ids.isEmpty ? nil : Array(ids)))
          command = "lectern-" + command.dropFirst("markdownlint-".count)
          if command == "lectern-disable-file" {
            spans.append(Span(rules: rules, lines: 1...max(source.lineCount, 1)))
            continue
          }
        }
        switch command {
        case "lectern-disable-next-line":
          spans.append(Span(rules: rules, lines: (line + 1)...(line + 1)))
        case "lectern-disable-line":
          spans.append(Span(rules: rules, lines: line...line))
        case "lectern-disable":
          open.append((rules, line))
        case "lectern-enable":
          if let index = open.lastIndex(where: { rules == nil || $0.rules == nil || !$0.rules!.isDisjoint(with: rules!) }) {
            let o = open.remove(at: index)
            spans.append(Span(rules: o.rules, lines: o.line...line))
          }
        default:
          break
        }
      }
    }
    for o in open { spans.append(Span(rules: o.rules, lines: o.line...max(o.line, source.lineCount))) }
  }

  func suppresses(_ rule: String, line: Int) -> Bool {
    spans.contains { $0.lines.contains(line) && ($0.rules?.contains(rule) ?? true) }
  }
}
