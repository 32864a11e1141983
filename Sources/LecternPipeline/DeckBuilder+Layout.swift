import Foundation
import LecternBrowser
import LecternCore
import LecternLayout

extension DeckBuilder {
  /// Measures every built page in one browser and adds its layout warnings to each deck's messages, worded
  /// as `lectern lint` words them. Without a browser, the first outcome says once that the layout is not checked.
  func measureLayout(_ outcomes: inout [Outcome]) {
    let measured = outcomes.indices.filter { outcomes[$0].layoutJob != nil }
    guard let first = measured.first else { return }
    let results: [Result<[LayoutFinding], Error>]
    do {
      let chromium = try self.chromium ?? Chromium.locate(override: settings.browserPath)
      results = try LayoutRun.findings(measured.map { outcomes[$0].layoutJob! }, chromium: chromium)
    } catch {
      outcomes[first].messages.append(
        "note: slides not measured for overflow, small text and contrast (--no-layout skips this): \(error)")
      return
    }
    for (index, result) in zip(measured, results) {
      let path = outcomes[index].layoutJob!.input.path
      outcomes[index].layoutJob = nil
      switch result {
      case .success(let findings):
        // Before the "deck → page" line, with the build's other warnings.
        let warnings = findings.map { finding in
          Diagnostic(
            .warning, finding.message, path: path,
            range: SourceRange(line: finding.line, column: 1, endLine: finding.line, endColumn: 1),
            code: finding.code
          ).formatted
        }
        let at = outcomes[index].messages.lastIndex { $0.contains(" → ") } ?? outcomes[index].messages.endIndex
        outcomes[index].messages.insert(contentsOf: warnings, at: at)
      case .failure(let error):
        outcomes[index].messages.append("\(path): note: layout not measured: \(error)")
      }
    }
  }
}
