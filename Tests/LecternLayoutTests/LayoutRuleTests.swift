import Foundation
import LecternBrowser
import LecternCore
import LecternDeck
import LecternLayout
import LecternTestSupport
import Testing

@testable import LecternLint

let chromium = try? Chromium.locate()

/// Decks measured by the tests below, all in one browser (launched once for the suite, closed when done).
enum MeasuredDecks {
  static let items = (1...16).map { "- item \($0)" }.joined(separator: "\n")

  /// Slide 2 (list from line 13) overflows; slide 3 is the same slide with `_fit: true`.
  static let overflowing = """
    ---
    marp: true
    ---

    # Fits

    Two lines.

    ---

    # Too long

    \(items)

    ---

    <!-- _fit: true -->

    # Too long, fitted

    \(items)

    """

  static let fitting = """
    ---
    marp: true
    ---

    # Title

    - one
    - two

    ---

    ## Code

    ```swift
    let answer = 42
    ```

    | a | b |
    |---|---|
    | 1 | 2 |

    """

  /// Slide 1: 12 px text (line 11); slide 2: pale text (line 17); slide 3: pale text over a picture (unknown).
  static let textProblems = """
    ---
    marp: true
    ---

    <style scoped>
    p { font-size: 12px; }
    </style>

    # Small print

    Fine print.

    ---

    <!-- _color: "#c8c8c8" -->

    Pale text on a light slide.

    ---

    <!-- _color: "#c8c8c8" -->
    <!-- _backgroundImage: "linear-gradient(#ffffff, #eeeeee)" -->

    Pale text over a gradient.

    """

  /// A heading and 15 body rows from line 7: too many for the lectern theme at 1280×720.
  static let longTable =
    "---\nmarp: true\n---\n\n# Fifteen rows\n\n| n | square |\n|---|---|\n"
    + (1...15).map { "| \($0) | \($0 * $0) |\n" }.joined()

  /// Every layout rule's own examples, then the decks above.
  static var sources: [SourceFile] {
    var texts: [String] = []
    for rule in LintRules.all where LintRun.layoutRuleIDs.contains(rule.description.id.rawValue) {
      for example in rule.description.examples {
        switch example {
        case .passes(let text): texts.append(text)
        case .failsWhenMeasured(let marked): texts.append(MarkedText(marked).text)
        default: break
        }
      }
    }
    texts += [overflowing, fitting, textProblems, longTable]
    return texts.enumerated().map { SourceFile(path: "/nonexistent-dir/deck\($0.offset).md", text: $0.element) }
  }

  /// Text → what the measurement found in it.
  static let findings = Task<[String: [LayoutFinding]], Error> {
    let sources = Self.sources
    let jobs = sources.map { LayoutRun.Job(deck: Deck(source: $0)) }
    let results = try await Browser.with(chromium!) { browser in
      await LayoutProbe(browser: browser).measure(jobs.map(\.input))
    }
    var found: [String: [LayoutFinding]] = [:]
    for ((source, job), result) in zip(zip(sources, jobs), results) {
      found[source.text] = LayoutFinding.all(try result.get(), slideLines: job.slideLines)
    }
    return found
  }

  static func lint(_ text: String, only: String? = nil) async throws -> [Diagnostic] {
    let layout = try #require(try await findings.value[text])
    let linter = Linter(only: only.map { [$0] } ?? LintRun.layoutRuleIDs)
    return linter.lint(SourceFile(path: "/nonexistent-dir/deck.md", text: text), layout: layout)
  }
}

@Suite(.enabled(if: chromium != nil, "needs Debian's chromium"))
struct LayoutRuleTests {
  @Test(arguments: LintRules.all.filter { LintRun.layoutRuleIDs.contains($0.description.id.rawValue) }.map(RuleCase.init))
  func measuredExamplesFindExactlyTheMarkedPlaces(_ c: RuleCase) async throws {
    let id = c.rule.description.id.rawValue
    for example in c.rule.description.examples {
      switch example {
      case .passes(let text):
        #expect(try await MeasuredDecks.lint(text, only: id).isEmpty, "\(id) passes \(text.debugDescription)")
      case .failsWhenMeasured(let marked):
        let text = MarkedText(marked)
        let found = try await MeasuredDecks.lint(text.text, only: id)
        #expect(found.compactMap { $0.range?.start } == text.markers, "\(id): \(found.map(\.formatted))")
      default: break
      }
    }
  }

  @Test func anOverflowingSlideIsReportedWithItsSlideLineAndAmount() async throws {
    let found = try await MeasuredDecks.lint(MeasuredDecks.overflowing)
    #expect(found.count == 1, "\(found.map(\.formatted))")
    let overflow = try #require(found.first)
    #expect(overflow.code == .slideOverflow)
    #expect(overflow.range?.start == SourceLocation(line: 13, column: 1))
    #expect(overflow.message.contains("slide 2"))
    // The list runs past the content area: a positive number of pixels and its share of the 720 px height.
    let pixels = try #require(overflow.message.firstMatch(of: /(\d+) px \((\d+)% of the slide height\)/))
    #expect(Int(pixels.1)! > 40)
    #expect(Int(pixels.2)! == Int((Double(pixels.1)! / 720 * 100).rounded()))
  }

  @Test func theFitDirectiveShrinksTheSameSlideUntilItFits() async throws {
    let found = try await MeasuredDecks.lint(MeasuredDecks.overflowing)
    #expect(!found.contains { $0.message.contains("slide 3") }, "\(found.map(\.formatted))")
  }

  @Test func aDeckThatFitsHasNoLayoutFindings() async throws {
    #expect(try await MeasuredDecks.lint(MeasuredDecks.fitting).isEmpty)
  }

  @Test func smallTextAndLowContrastAreFoundButTextOverAGradientIsNotJudged() async throws {
    let found = try await MeasuredDecks.lint(MeasuredDecks.textProblems)
    let small = found.filter { $0.code == .textTooSmall }
    #expect(small.map { $0.range?.start.line } == [11])
    #expect(small.first?.message.contains("renders at 12 px") == true)
    let contrast = found.filter { $0.code == .lowContrast }
    #expect(contrast.map { $0.range?.start.line } == [17], "\(contrast.map(\.formatted))")
    #expect(contrast.first?.message.contains("#c8c8c8") == true)
  }

  @Test func aLongTableIsMeasuredNotCountedAndSaysSo() async throws {
    let found = try await MeasuredDecks.lint(MeasuredDecks.longTable)
    #expect(found.map(\.code) == [.tableTooLarge], "\(found.map(\.formatted))")
    #expect(found.first?.range?.start.line == 7)
    #expect(found.first?.message.contains("of its 15 body rows fit (measured at 1280×720, theme lectern)") == true)
    // Without a browser the row count (15 > 14) estimates it, and the message says so.
    let estimated = Linter(only: ["table-too-large"]).lint(
      SourceFile(path: "/nonexistent-dir/t.md", text: MeasuredDecks.longTable))
    #expect(estimated.first?.message.hasSuffix("(estimated: no browser to measure)") == true)
  }
}

/// Runs every rule's own examples (the same type as the lint tests' `RuleCase`).
struct RuleCase: CustomTestStringConvertible, Sendable {
  let rule: any LintRule.Type
  var testDescription: String { rule.description.id.rawValue }
  init(_ rule: any LintRule.Type) { self.rule = rule }
}
