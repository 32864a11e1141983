import LecternMarkdown

/// A code block as one paragraph per line: coloured runs from its highlight.js tokens when it has them
/// (comments italic, as on the page), else one plain run a line.
enum CodeLines {
  static func paragraphs(_ code: CodeBlock, tokens: [String: [CodeToken]], style: SlideStyle) -> [TextParagraph] {
    let text = code.code.trimmingTrailingNewlines
    guard let language = code.language, let list = tokens[CodeToken.key(language: language, code: code.code)],
      list.map(\.text).joined() == code.code || list.map(\.text).joined() == text
    else {
      return text.split(separator: "\n", omittingEmptySubsequences: false).map {
        TextParagraph(runs: [TextRun(text: String($0))], role: .code)
      }
    }
    var lines: [[TextRun]] = [[]]
    for token in list {
      for (index, piece) in token.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if index > 0 { lines.append([]) }
        guard !piece.isEmpty else { continue }
        var run = TextRun(text: String(piece))
        if let role = token.role {
          run.color = style.codeColors[role]
          run.italic = role == "comment"
        }
        lines[lines.count - 1].append(run)
      }
    }
    // The trailing newlines the block ends with are not lines of their own (as in the uncoloured case).
    lines = Array(lines.prefix(text.split(separator: "\n", omittingEmptySubsequences: false).count))
    return lines.map { TextParagraph(runs: $0.isEmpty ? [TextRun(text: "")] : $0, role: .code) }
  }
}
