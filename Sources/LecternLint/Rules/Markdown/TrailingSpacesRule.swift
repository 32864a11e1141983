import LecternCore
import LecternMarkdown

/// Trailing spaces (markdownlint MD009): two or more make an invisible hard line break. Off by default.
struct TrailingSpacesRule: LintRule {
  static let description = RuleDescription(
    id: .trailingSpaces,
    summary: "A line ends with spaces; two or more make an invisible hard line break (off by default).",
    rationale: "A hard break that cannot be seen is easy to add or lose by accident; write `\\` or `<br>` instead.",
    severity: .note,
    markdownlint: ["MD009", "no-trailing-spaces"],
    isEnabledByDefault: false,
    examples: [
      .passes("clean line\nanother\n\n```\ncode   \n```\n"),
      .fails("text↓  \nnext\n"),
      .fixes("a   \nb\n", "a\nb\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    for line in 1...max(target.source.lineCount, 1) {
      guard !target.isOpaqueLine[line - 1], let text = target.source.line(line), text.last == " " || text.last == "\t" else {
        continue
      }
      let bytes = Array(text.utf8)
      var end = bytes.count
      while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      guard end > 0 else { continue }
      let count = bytes.count - end
      findings.append(
        Finding(
          count >= 2
            ? "\(count) trailing spaces make an invisible hard line break; expected '\\' or no spaces"
            : "trailing space; expected none",
          at: target.range(line: line, bytes: end..<bytes.count),
          fix: Fix(
            "remove the trailing spaces",
            edits: [
              TextEdit(
                start: target.offset(line: line, byte: end), end: target.offset(line: line, byte: bytes.count), replacement: "")
            ])))
    }
  }
}
