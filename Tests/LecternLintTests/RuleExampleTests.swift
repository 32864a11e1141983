import Foundation
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternLint

/// Runs every rule's own examples: passes, fails (at each `↓`), and fixes.
struct RuleCase: CustomTestStringConvertible, Sendable {
  let rule: any LintRule.Type
  var testDescription: String { rule.description.id.rawValue }
  static var all: [RuleCase] { LintRules.all.map { RuleCase(rule: $0) } }
}

@Suite struct RuleExampleTests {
  private func lint(_ text: String, _ rule: any LintRule.Type) -> [Diagnostic] {
    Linter(only: [rule.description.id.rawValue]).lint(SourceFile(path: "/nonexistent-dir/example.md", text: text))
  }

  /// The same text with letters before each marker on table-row (or mojibake) lines turned into
  /// two-byte letters: character columns must not move.
  private func multiByte(_ marked: String, rule: String) -> String {
    var out: [String] = []
    for line in marked.split(separator: "\n", omittingEmptySubsequences: false) {
      guard let marker = line.firstIndex(of: "↓"), line.contains("|") || rule == "mojibake" else {
        out.append(String(line))
        continue
      }
      let map: [Character: Character] = ["a": "ä", "e": "é", "o": "ö", "u": "ü", "i": "í"]
      let before = String(line[..<marker].map { map[$0] ?? $0 })
      out.append(before + line[marker...])
    }
    return out.joined(separator: "\n")
  }

  @Test(arguments: RuleCase.all)
  func passingExamplesHaveNoFindings(_ c: RuleCase) {
    for case .passes(let text) in c.rule.description.examples {
      let found = lint(text, c.rule)
      #expect(found.isEmpty, "\(c.rule.description.id) on \(text.debugDescription): \(found.map(\.formatted))")
    }
  }

  @Test(arguments: RuleCase.all)
  func failingExamplesFindExactlyTheMarkedPlaces(_ c: RuleCase) {
    for case .fails(let marked) in c.rule.description.examples {
      for variant in [marked, multiByte(marked, rule: c.rule.description.id.rawValue)] {
        let text = MarkedText(variant)
        #expect(!text.markers.isEmpty, "example needs a ↓ marker")
        let found = lint(text.text, c.rule).compactMap { $0.range?.start }
        #expect(found == text.markers, "\(c.rule.description.id) on \(text.text.debugDescription)")
      }
    }
  }

  @Test(arguments: RuleCase.all)
  func fixesProduceTheExpectedTextAndAreIdempotent(_ c: RuleCase) {
    for case .fixes(let before, let after) in c.rule.description.examples {
      let fixer = FixApplier(linter: Linter(only: [c.rule.description.id.rawValue]))
      let once = fixer.fix(SourceFile(path: "/nonexistent-dir/example.md", text: before))
      #expect(once.text == after, "\(c.rule.description.id): \(before.debugDescription)")
      #expect(once.applied > 0)
      let twice = fixer.fix(SourceFile(path: "/nonexistent-dir/example.md", text: once.text))
      #expect(twice.text == once.text, "a second --fix must change nothing")
      #expect(twice.applied == 0)
    }
  }

  @Test func registryIsWellFormed() {
    let ids = LintRules.all.map { $0.description.id.rawValue }
    #expect(Set(ids).count == ids.count, "rule ids are unique")
    #expect(ids == ids.sorted(), "the registry is alphabetical")
    for rule in LintRules.all {
      let d = rule.description
      #expect(d.id.rawValue.allSatisfy { $0.isLowercase || $0 == "-" }, "\(d.id) is kebab-case")
      for code in d.codes { #expect(DiagnosticCode.named(code.rawValue) != nil, "\(code) is in DiagnosticCode.registry") }
      #expect(d.examples.contains { if case .passes = $0 { true } else { false } }, "\(d.id) has a passing example")
      #expect(
        d.examples.contains {
          switch $0 {
          case .fails, .failsWhenMeasured: true
          default: false
          }
        }, "\(d.id) has a failing example")
      #expect(d.summary.hasSuffix("."), "\(d.id) summary is a sentence")
    }
    let reported = LintRules.all.flatMap { $0.description.codes }
    #expect(Set(reported).count == reported.count, "each code is reported by one rule")
  }

  /// Every code the reader or the slide builder produces is also reported by a lint rule, so CI can gate on
  /// what `build` warns about (notes such as `empty-deck` excepted, and what depends on the machine or the
  /// build's options rather than the deck: a missing highlight.js or KaTeX, no metrics store).
  @Test func everyReaderAndBuildCodeIsALintRule() {
    let reported = Set(LintRules.all.flatMap { $0.description.codes })
    let produced = DiagnosticCode.registry.filter { [.deckReader, .slides, .postmortemReader].contains($0.producer) }
    // Notes about the environment (a missing Debian package, no metrics store), not about the document.
    let notes: Set<DiagnosticCode> = [.emptyDeck, .noHighlighter, .noKaTeX, .noMetricsStore]
    let missing = produced.filter { !reported.contains($0) && !notes.contains($0) }
    #expect(missing.isEmpty, "not a lint rule: \(missing)")
    #expect(DiagnosticCode.registry.allSatisfy { $0.producer != .unregistered })
    #expect(Set(DiagnosticCode.registry).count == DiagnosticCode.registry.count, "codes are registered once")
  }
}
