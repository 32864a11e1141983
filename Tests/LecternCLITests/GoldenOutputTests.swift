import Foundation
import LecternTestSupport
import Testing

/// Golden files for one rendered deck and one rendered report (reviewed once; `RECORD_SNAPSHOTS=1` re-records
/// and fails so the new file is read before it is committed). Both use the bundled sample data at a fixed time,
/// so every number in them is reproducible.
@Suite struct GoldenOutputTests {
  private var root: URL { TestPaths.repositoryRoot() }
  private var window: [String] {
    // Paths relative to the checkout, so the files do not depend on where it is cloned.
    ["--data", "decks/data", "--as-of", "2026-11-29T00:00:00Z", "--window", "90d"]
  }

  @Test func demoDeckSlidesMatchTheirGoldenFile() throws {
    let result = try LecternBinary.run(["build", "decks/friday-deploys.md", "-o", "-"] + window, in: root)
    #expect(result.status == 0, "\(result.stderr)")
    // The slides and the page around them; inlined CSS and scripts (theme, viewer, highlight.js and KaTeX read
    // from Debian's packages) are left out, so the file reviews as markup and does not follow package updates.
    let markup = Self.removingElements(["style", "script"], from: result.stdout)
    if let problem = snapshotMismatch(markup, named: "friday-deploys.slides.html") { Issue.record("\(problem.prefix(3000))") }
  }

  @Test func demoReportMatchesItsGoldenFile() throws {
    let result = try LecternBinary.run(
      ["report", "decks/checkout-outage-postmortem.md", "--format", "md", "-o", "-"] + window, in: root)
    #expect(result.status == 0, "\(result.stderr)")
    if let problem = snapshotMismatch(result.stdout, named: "checkout-outage.report.md") {
      Issue.record("\(problem.prefix(3000))")
    }
  }

  /// `html` with the contents of every `<tag …>…</tag>` of the given names replaced by `…`.
  static func removingElements(_ tags: [String], from html: String) -> String {
    var out = html
    for tag in tags {
      var result = ""
      var rest = Substring(out)
      while let open = rest.range(of: "<\(tag)") {
        guard let close = rest[open.upperBound...].range(of: "</\(tag)>") else { break }
        let startTagEnd = rest[open.upperBound...].firstIndex(of: ">") ?? open.upperBound
        result += rest[..<rest.index(after: startTagEnd)] + "…"
        rest = rest[close.lowerBound...]
      }
      out = result + rest
    }
    return out
  }
}
