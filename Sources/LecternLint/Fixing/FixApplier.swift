import LecternCore
import LecternMarkdown

/// Applies fixes until nothing more can be fixed, and checks the result lost no content.
public struct FixApplier: Sendable {
  public var linter: Linter

  public init(linter: Linter) { self.linter = linter }

  public struct Result: Sendable {
    public var text: String
    /// Fixes applied, over all passes.
    public var applied: Int
    /// Problems left (unfixable, or a fix that failed its check).
    public var remaining: [Diagnostic]
  }

  /// Lints, applies every non-overlapping fix, and repeats (at most five passes) until stable.
  ///
  /// A pass is kept only when the re-parsed result keeps every character of non-whitespace content
  /// and has at least as many tables as before (fixes repair tables, they never remove one).
  public func fix(_ source: SourceFile) -> Result {
    var current = source
    var applied = 0
    for _ in 0..<5 {
      let diagnostics = linter.lint(current)
      let edits = diagnostics.compactMap(\.fix).flatMap(\.edits)
      guard !edits.isEmpty else { break }
      // Group edits per fix so one fix is applied whole or not at all.
      var accepted: [TextEdit] = []
      var fixes = 0
      for fix in diagnostics.compactMap(\.fix) {
        let overlaps = fix.edits.contains { e in
          accepted.contains { a in
            e.start < a.end && a.start < e.end
              || (e.start == a.start && e.end == a.end && e.start == e.end && e.replacement == a.replacement)
          }
        }
        if overlaps { continue }
        accepted.append(contentsOf: fix.edits)
        fixes += 1
      }
      let candidate = SourceFile(path: current.path, text: current.applying(accepted).text)
      guard Self.keepsContent(from: current, to: candidate) else { break }
      let before = MarkdownDocument(parsing: current).tables.count
      let after = MarkdownDocument(parsing: candidate).tables.count
      guard after >= before else { break }
      current = candidate
      applied += fixes
    }
    return Result(text: current.text, applied: applied, remaining: linter.lint(current))
  }

  /// Every non-whitespace character of the old text is still there, in order (ignoring case),
  /// apart from characters a repair legitimately rewrites (mojibake, table punctuation).
  static func keepsContent(from old: SourceFile, to new: SourceFile) -> Bool {
    let ignorable: Set<Character> = ["|", "-", ":", "+", "\\", ";", ","]
    var newChars = new.text.lowercased().filter { !$0.isWhitespace && !ignorable.contains($0) }.makeIterator()
    for c in old.text.lowercased() where !c.isWhitespace && !ignorable.contains(c) {
      // Mojibake characters are replaced; skip anything outside ASCII on the old side.
      if !c.isASCII { continue }
      var found = false
      while let n = newChars.next() {
        if n == c {
          found = true
          break
        }
      }
      if !found { return false }
    }
    return true
  }
}
