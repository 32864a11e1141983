import Foundation
import LecternBrowser
import LecternCore
import LecternDeck
import LecternLayout

extension LintRun {
  /// The rules that read the layout measurement.
  static let layoutRuleIDs: Set<String> = ["slide-overflow", "text-too-small", "low-contrast", "table-too-large"]

  /// Whether a run limited to `only` (empty: every rule) has a rule that reads the measurement.
  public static func wantsLayout(only: Set<String>) -> Bool {
    only.isEmpty
      || only.contains { id in LintRules.rule(id: id).map { layoutRuleIDs.contains($0.description.id.rawValue) } ?? false }
  }

  /// Builds every deck among `files` in memory and measures them in one browser: path → findings. Decks that
  /// could not be measured are listed with the reason (they are linted without the measurement).
  func measureLayouts(_ files: [String], stdin: SourceFile? = nil, chromium: Chromium) throws -> (
    findings: [String: [LayoutFinding]], notes: [String: String]
  ) {
    let sources = try files.concurrentMap { path -> (String, SourceFile)? in
      // Standard input was read once before (its images resolve from the current folder).
      let loaded = path == "-" ? stdin : try? SourceFile.load(path: path)
      return loaded.map { (path, $0) }
    }.compactMap { $0 }
    return try measure(sources, chromium: chromium)
  }

  /// Measures the decks among `sources` (key, text) in one browser: key → findings, and key → why a deck could
  /// not be measured.
  func measure(_ sources: [(String, SourceFile)], chromium: Chromium) throws -> (
    findings: [String: [LayoutFinding]], notes: [String: String]
  ) {
    let jobs = try sources.concurrentMap { key, source -> (String, LayoutRun.Job)? in
      DocumentKind.detect(source) == .deck ? (key, LayoutRun.Job(deck: Deck(source: source))) : nil
    }.compactMap { $0 }
    let results = try LayoutRun.findings(jobs.map(\.1), chromium: chromium)
    var findings: [String: [LayoutFinding]] = [:]
    var notes: [String: String] = [:]
    let paths = Dictionary(sources.map { ($0.0, $0.1.path) }) { a, _ in a }
    for ((key, _), result) in zip(jobs, results) {
      switch result {
      case .success(let found): findings[key] = found
      case .failure(let error): notes[key] = "\(paths[key] ?? key): note: layout not measured: \(error)"
      }
    }
    return (findings, notes)
  }
}
