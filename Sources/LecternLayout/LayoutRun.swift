import Foundation
import LecternBrowser
import LecternCore
import LecternDeck

/// Measures many deck files at once in one browser and words what it found: what `lectern lint` and
/// `lectern build` call.
public enum LayoutRun {
  /// A deck to measure and where its slides start.
  public struct Job: Sendable {
    public var input: LayoutInput
    /// Slide number → the slide's first source line (where a finding without a block line is placed).
    public var slideLines: [Int: Int]

    public init(input: LayoutInput, slideLines: [Int: Int]) {
      self.input = input
      self.slideLines = slideLines
    }

    /// A deck built in memory with the built-in themes.
    public init(deck: Deck) {
      self.init(input: LayoutInput(deck: deck), slideLines: Self.slideLines(deck))
    }

    public static func slideLines(_ deck: Deck) -> [Int: Int] {
      Dictionary(deck.slides.compactMap { slide in slide.range.map { (slide.number, $0.start.line) } }) { a, _ in a }
    }
  }

  /// Per job, in order: the findings, or why the deck could not be measured. Throws when the browser cannot
  /// be started at all.
  public static func findings(_ jobs: [Job], chromium: Chromium) throws -> [Result<[LayoutFinding], Error>] {
    guard !jobs.isEmpty else { return [] }
    let measured = try LayoutProbe.measureBlocking(jobs.map(\.input), chromium: chromium)
    return zip(jobs, measured).map { job, result in
      result.map { LayoutFinding.all($0, slideLines: job.slideLines) }
    }
  }

  /// The one line said when no browser is found: which rules are skipped and what `table-too-large` does.
  public static func skippedNote(_ reason: String) -> String {
    "note: layout rules (slide-overflow, text-too-small, low-contrast) skipped and table-too-large estimated "
      + "from the table's size: \(reason)"
  }
}
