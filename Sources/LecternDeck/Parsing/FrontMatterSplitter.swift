import LecternCore

/// Finds front matter the way Marp does (markdown-it-front-matter 0.2.x): only when the very first line is `---`;
/// a line `---` or `...` closes it, and when nothing does, the end of the document closes it.
enum FrontMatterSplitter {
  enum Result {
    case none
    /// The YAML lines are `yamlLines` (1-based, inclusive); the closing rule is on `closingLine`.
    case found(yamlLines: ClosedRange<Int>?, closingLine: Int)
    /// `---` opens front matter on line 1 and nothing closes it: Marp reads the whole file as front matter.
    case unterminated

    /// What Marp reads: an unterminated block is closed at the end of the document (`closingLine` is past it).
    func closedAtEnd(of source: SourceFile) -> Result {
      guard case .unterminated = self else { return self }
      return .found(yamlLines: source.lineCount >= 2 ? 2...source.lineCount : nil, closingLine: source.lineCount + 1)
    }
  }

  static func split(_ source: SourceFile) -> Result {
    guard let first = source.line(1), isRule(first) else { return .none }
    var line = 2
    while line <= source.lineCount {
      if let text = source.line(line), isRule(text) || isEnd(text) {
        return .found(yamlLines: line > 2 ? 2...(line - 1) : nil, closingLine: line)
      }
      line += 1
    }
    return .unterminated
  }

  /// `...` (YAML's document end marker) with optional trailing spaces: closes front matter as `---` does.
  private static func isEnd(_ line: Substring) -> Bool {
    var s = line
    while s.last == " " || s.last == "\t" { s.removeLast() }
    return s == "..."
  }

  /// `---` with optional trailing spaces.
  private static func isRule(_ line: Substring) -> Bool {
    var s = line
    while s.last == " " || s.last == "\t" { s.removeLast() }
    return s == "---"
  }
}
