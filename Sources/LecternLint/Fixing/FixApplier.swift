import LecternCore
import LecternMarkdown

/// Applies fixes until nothing more can be fixed, and checks that every applied fix lost no content, made no
/// table worse and repaired what it was for.
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

  /// Lints, applies every non-overlapping fix, and repeats (at most 30 passes) until stable.
  ///
  /// A pass is kept when the result passes ``accepts(_:from:to:)``; when it does not, the pass's fixes
  /// are tried one at a time and only those that pass on their own are kept. The number of table findings never
  /// grows: the result is the last state that has no more of them than the input.
  public func fix(_ source: SourceFile) -> Result {
    var current = source
    var diagnostics = linter.lint(current)
    var applied = 0
    // A repair can make a table readable and so show its other defects for a pass or two; what is returned is
    // the last state with no more table findings than the input (the input itself at worst).
    let tableLimit = Self.tableFindings(diagnostics)
    var best = (text: current.text, applied: 0, diagnostics: diagnostics)
    for _ in 0..<30 {
      let fixes = Self.nonOverlapping(diagnostics)
      guard !fixes.isEmpty else { break }
      let candidate = SourceFile(path: current.path, text: current.applying(fixes.flatMap(\.fix!.edits)).text)
      let after = linter.lint(candidate)
      if accepts(fixes, from: (current, diagnostics), to: (candidate, after)) {
        current = candidate
        diagnostics = after
        applied += fixes.count
        if Self.tableFindings(diagnostics) <= tableLimit { best = (current.text, applied, diagnostics) }
        continue
      }
      // One at a time: keep each fix that is good on its own.
      var progressed = false
      for fixed in fixes {
        guard let edits = fixed.fix?.edits else { continue }
        let single = SourceFile(path: current.path, text: current.applying(edits).text)
        let singleAfter = linter.lint(single)
        if accepts([fixed], from: (current, diagnostics), to: (single, singleAfter)) {
          current = single
          diagnostics = singleAfter
          applied += 1
          progressed = true
          if Self.tableFindings(diagnostics) <= tableLimit { best = (current.text, applied, diagnostics) }
          break  // the other fixes' offsets refer to the old text: lint again
        }
      }
      if !progressed { break }
    }
    // A finding that still carries a fix here was not fixed: its fix (or one overlapping it) was refused for
    // losing content, making a table worse or not linting clean. Reported as not fixable, saying so, instead of
    // inviting another `--fix` that would do the same.
    let remaining = best.diagnostics.map { finding -> Diagnostic in
      guard finding.fix != nil else { return finding }
      var refused = finding
      refused.fix = nil
      refused.message +=
        " (not fixed: its fix, or one overlapping it, failed the check that a fix keeps every cell and lints clean)"
      return refused
    }
    return Result(text: best.text, applied: best.applied, remaining: remaining)
  }

  /// Fixes whose edits do not overlap an earlier one's (one fix is applied whole or not at all).
  static func nonOverlapping(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    var accepted: [TextEdit] = []
    var chosen: [Diagnostic] = []
    for diagnostic in diagnostics {
      guard let fix = diagnostic.fix, !fix.edits.isEmpty else { continue }
      let overlaps = fix.edits.contains { e in
        accepted.contains { a in
          e.start < a.end && a.start < e.end
            || (e.start == a.start && e.start == e.end && a.start == a.end)
        }
      }
      if overlaps { continue }
      accepted.append(contentsOf: fix.edits)
      chosen.append(diagnostic)
    }
    return chosen
  }

  /// A change is kept when it keeps every word, keeps every table, and leaves fewer findings for each code it
  /// fixed.
  func accepts(
    _ fixes: [Diagnostic], from old: (SourceFile, [Diagnostic]), to new: (SourceFile, [Diagnostic])
  ) -> Bool {
    let renames = fixes.allSatisfy { Self.renamingCodes.contains($0.code) }
    guard Self.keepsContent(from: old.0, to: new.0, words: !renames) else { return false }
    guard MarkdownDocument(parsing: new.0).tables.count >= MarkdownDocument(parsing: old.0).tables.count else { return false }
    for code in Set(fixes.map(\.code)) {
      let fixedHere = fixes.filter { $0.code == code }.count
      let before = old.1.filter { $0.code == code }.count
      let after = new.1.filter { $0.code == code }.count
      // Several findings may share one fix (a table's pipe style): fewer findings is enough.
      guard after < before || (after == 0 && fixedHere > 0) else { return false }
    }
    return true
  }

  /// Codes whose fix replaces a misspelt word by the intended one (a directive, a placeholder, a theme name).
  static let renamingCodes: Set<DiagnosticCode> = [.unknownDirective, .unknownPlaceholder, .unknownTheme, .unknownSize]

  /// Findings about tables (the rules that fix tables must never make their number grow).
  static func tableFindings(_ diagnostics: [Diagnostic]) -> Int {
    diagnostics.filter { $0.code.rawValue.hasPrefix("table-") || $0.code == .tabSeparatedTable }.count
  }

  /// Every word of the old text (runs of ASCII letters and digits) is still there as often (unless `words` is
  /// false: a rename), and every other
  /// non-whitespace character still appears in order apart from characters a repair legitimately rewrites
  /// (mojibake, table punctuation).
  static func keepsContent(from old: SourceFile, to new: SourceFile, words checkWords: Bool = true) -> Bool {
    if checkWords {
      let newWords = words(new.text)
      for (word, count) in words(old.text) where newWords[word, default: 0] < count { return false }
    }
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

  /// Runs of ASCII letters and digits, counted.
  static func words(_ text: String) -> [Substring: Int] {
    var counts: [Substring: Int] = [:]
    let isWordByte: (UInt8) -> Bool = { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
    let utf8 = text.utf8
    var i = utf8.startIndex
    while i != utf8.endIndex {
      guard isWordByte(utf8[i]) else {
        i = utf8.index(after: i)
        continue
      }
      var j = i
      while j != utf8.endIndex, isWordByte(utf8[j]) { j = utf8.index(after: j) }
      counts[Substring(text[i..<j]), default: 0] += 1
      i = j
    }
    return counts
  }
}
