import LecternCore

/// Finds front matter the way Marp does: only when the very first line is `---`.
enum FrontMatterSplitter {
  enum Result {
    case none
    /// The YAML lines are `yamlLines` (1-based, inclusive); the closing rule is on `closingLine`.
    case found(yamlLines: ClosedRange<Int>?, closingLine: Int)
    /// `---` opens front matter on line 1 and nothing closes it.
    case unterminated
  }

  static func split(_ source: SourceFile) -> Result {
    guard let first = source.line(1), isRule(first) else { return .none }
    var line = 2
    while line <= source.lineCount {
      if let text = source.line(line), isRule(text) {
        return .found(yamlLines: line > 2 ? 2...(line - 1) : nil, closingLine: line)
      }
      line += 1
    }
    return .unterminated
  }

  /// `---` with optional trailing spaces.
  private static func isRule(_ line: Substring) -> Bool {
    var s = line
    while s.last == " " || s.last == "\t" { s.removeLast() }
    return s == "---"
  }
}
