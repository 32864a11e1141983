// libFuzzer target: lint → --fix → lint again.
//
// Oracles (the fix must be safe to run unattended): every non-whitespace character of the input but table
// punctuation is still in the output, in order; no rule that offered a fix has more findings afterwards; a second
// --fix changes nothing (a fix refused as unsafe stays refused). Rules whose fix rewrites text on purpose (renaming a
// misspelt directive, placeholder or theme; repairing mojibake; cleaning a directive value) are left out, as in
// the test suite's FixKeepsContentTests.
import Foundation
import LecternCore
import LecternLint

let linter: Linter = {
  var configuration = LintConfiguration()
  configuration.disabled = [
    "unknown-directive", "unknown-placeholder", "unknown-theme", "unknown-size", "mojibake", "invalid-directive-value",
  ]
  return Linter(configuration: configuration)
}()
let applier = FixApplier(linter: linter)

/// Table punctuation a table repair rewrites on purpose (a delimiter row fitted to its header, `+` grid corners,
/// a pipe escaped inside a code span): the documented contract of `--fix` is that every other non-whitespace
/// character is kept.
let tablePunctuation: Set<Unicode.Scalar> = ["|", "-", ":", "+", "\\"]

/// Whether the non-whitespace characters of `old` (apart from table punctuation) appear in `new` in the same order.
func keepsEveryCharacter(_ old: String, _ new: String) -> Bool {
  func kept(_ c: Unicode.Scalar) -> Bool { !c.properties.isWhitespace && !tablePunctuation.contains(c) }
  var remaining = new.unicodeScalars.lazy.filter(kept).makeIterator()
  for c in old.unicodeScalars where kept(c) {
    var found = false
    while let n = remaining.next() {
      if n == c {
        found = true
        break
      }
    }
    if !found { return false }
  }
  return true
}

/// One input from libFuzzer (`data` is nil when `size` is 0).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  // The same door as `lectern lint --fix`: bytes with a NUL or invalid UTF-8 are refused before any rule runs
  // (a file is never rewritten from a lossy decoding).
  let bytes = Data(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
  guard let source = try? SourceFile.decode(bytes, path: "/nonexistent-fuzz/doc.md") else { return 0 }
  let text = source.text
  let before = linter.lint(source)
  let result = applier.fix(source)
  precondition(
    keepsEveryCharacter(text, result.text),
    "--fix lost a character:\n\(text.debugDescription)\n→\n\(result.text.debugDescription)")
  guard result.applied > 0 else { return 0 }
  // Never worse: no rule has more findings after --fix than before. (A finding whose fix --fix refused as unsafe
  // may stay fixable on paper; the second --fix below must then change nothing.)
  var counts: [String: Int] = [:]
  for d in before { counts[d.code.rawValue, default: 0] += 1 }
  let after = linter.lint(SourceFile(path: source.path, text: result.text))
  for d in after {
    counts[d.code.rawValue, default: 0] -= 1
    if counts[d.code.rawValue, default: 0] < 0, before.contains(where: { $0.code == d.code && $0.fix != nil }) {
      preconditionFailure(
        "--fix left more \(d.code.rawValue) findings than it found: \(d.message)\n\(text.debugDescription)\n→\n\(result.text.debugDescription)"
      )
    }
  }
  let again = applier.fix(SourceFile(path: source.path, text: result.text))
  precondition(
    again.text == result.text,
    "a second --fix changed the text:\n\(result.text.debugDescription)\n→\n\(again.text.debugDescription)")
  return 0
}
