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
    let jobs = try files.concurrentMap { path -> (String, LayoutRun.Job)? in
      // Standard input was read once before (its images resolve from the current folder).
      let loaded = path == "-" ? stdin : try? SourceFile.load(path: path)
      guard let source = loaded, DocumentKind.detect(source) == .deck else { return nil }
      return (path, LayoutRun.Job(deck: Deck(source: source)))
    }.compactMap { $0 }
    let results = try LayoutRun.findings(jobs.map(\.1), chromium: chromium)
    var findings: [String: [LayoutFinding]] = [:]
    var notes: [String: String] = [:]
    for ((path, _), result) in zip(jobs, results) {
      switch result {
      case .success(let found): findings[path] = found
      case .failure(let error): notes[path] = "\(path): note: layout not measured: \(error)"
      }
    }
    return (findings, notes)
  }
}
