import LecternCore
import LecternMarkdown

/// A fenced code block that is never closed: CommonMark runs it to the end of the document (or of its
/// container), so every later slide break, heading and note becomes code.
public enum UnclosedFence {
  /// Top-level fenced code blocks without a closing fence that swallow at least one line that would
  /// otherwise break a slide (`---`, `***`, `___`), as diagnostics with `code: .unclosedCodeFence`.
  public static func diagnostics(_ blocks: [Block], in source: SourceFile) -> [Diagnostic] {
    var found: [Diagnostic] = []
    for block in blocks {
      guard case .codeBlock(let code) = block.kind, code.isFenced, let r = block.range,
        let opening = source.line(r.start.line)
      else { continue }
      let fence = opening.drop(while: { $0 == " " })
      guard let mark = fence.first, mark == "`" || mark == "~" else { continue }
      let length = fence.prefix(while: { $0 == mark }).count
      if r.end.line > r.start.line, let last = source.line(r.end.line), isClosing(last, mark: mark, length: length) { continue }
      let swallowed = (r.start.line + 1...max(r.start.line + 1, r.end.line)).filter { line in
        guard let text = source.line(line) else { return false }
        return isSlideBreak(text)
      }
      guard !swallowed.isEmpty else { continue }
      let column = opening.count - fence.count + 1
      found.append(
        Diagnostic(
          .error,
          message(fence: String(repeating: mark, count: length), lines: r.end.line - r.start.line, breaks: swallowed.count),
          path: source.path,
          range: SourceRange(line: r.start.line, column: column, endLine: r.start.line, endColumn: column + length - 1),
          code: .unclosedCodeFence))
    }
    return found
  }

  public static func message(fence: String, lines: Int, breaks: Int) -> String {
    "code fence '\(fence)' is never closed and swallows the next \(lines) lines with \(breaks) slide break\(breaks == 1 ? "" : "s"); expected a closing '\(fence)'"
  }

  private static func isClosing(_ line: Substring, mark: Character, length: Int) -> Bool {
    let t = line.drop(while: { $0 == " " })
    let run = t.prefix(while: { $0 == mark }).count
    return run >= length && t.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
  }

  /// `---`, `***` or `___` (three or more, spaces allowed): a thematic break, Marp's slide separator.
  private static func isSlideBreak(_ line: Substring) -> Bool {
    let t = line.filter { $0 != " " && $0 != "\t" }
    guard let c = t.first, c == "-" || c == "*" || c == "_", t.count >= 3 else { return false }
    return t.allSatisfy { $0 == c } && line.prefix(while: { $0 == " " }).count < 4
  }
}
