import Foundation
import LecternCore
import LecternPostmortem
import LecternTestSupport
import Testing

@testable import LecternReport

/// Every paragraph, list item, table cell, heading, quote and code line of a postmortem reaches both
/// the HTML and the Markdown report; every image too.
@Suite struct LosslessReportTests {
  static let written = [
    "google-sre-template.md", "atlassian-style.md", "pagerduty-style.md", "incidentio-style.md", "blog-style.md",
    "edge-cases.md",
  ]

  static var sharedFiles: [URL] {
    guard let shared = TestPaths.shared else { return [] }
    let seeds = ["002", "003", "004"].compactMap { TestPaths.seed($0) }
    let folder = shared.appendingPathComponent("corpus/postmortems")
    let corpus = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".md") && $0 != "SOURCES.md" }.sorted().map { folder.appendingPathComponent($0) }
    return seeds + corpus
  }

  static func check(_ url: URL) throws {
    let pm = Postmortem(source: try SourceFile.at(url))
    let expected = SourceTexts(pm.document.document.blocks)
    #expect(!expected.texts.isEmpty)
    let html = SourceTexts.visibleText(html: ReportBuilder.render(pm, metrics: nil, format: .html))
    let rawHTML = ReportBuilder.render(pm, metrics: nil, format: .html)
    let md = SourceTexts.visibleText(markdown: ReportBuilder.render(pm, metrics: nil, format: .md))
    let name = url.lastPathComponent
    for (text, line) in expected.texts {
      #expect(html.contains(text), "\(name):\(line): missing from the HTML report: \(text.prefix(120))")
      #expect(md.contains(text), "\(name):\(line): missing from the Markdown report: \(text.prefix(120))")
    }
    for image in expected.images {
      #expect(rawHTML.contains("src=\"\(image)"), "\(name): image \(image) missing from the HTML report")
    }
  }

  @Test(arguments: written)
  func postmortemsInEveryStyleLoseNothing(_ name: String) throws {
    try Self.check(TestPaths.fixture(name))
  }

  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared (seeds and corpus)"), arguments: sharedFiles)
  func seedsAndCorpusLoseNothing(_ url: URL) throws {
    try Self.check(url)
  }

  @Test func bodyKeepsTheAuthorsOrderWithTheSummaryFirst() {
    let pm = Postmortem(
      source: .inline(
        "# T\n\nIntro.\n\n## Impact\n\nMany users.\n\n## Summary\n\nShort story.\n\n## Odd section\n\nKept.\n"))
    let body = ReportBody.build(pm, metrics: nil)
    #expect(body.summary.map(\.markdown) == ["## Summary", "Short story."])
    #expect(body.rest.map(\.markdown) == ["Intro.", "## Impact", "Many users.", "## Odd section", "Kept."])
    #expect(body.rest[1].html.contains("class=\"pm-heading kind-impact\""))
    #expect(body.rest[3].html == "<h2 id=\"section-odd-section\">Odd section</h2>\n")
  }

  @Test func rawHTMLIsEscapedButLineBreaksInCellsStay() {
    let pm = Postmortem(
      source: .inline(
        "# T\n\n| A | B |\n|---|---|\n| one<br>two | <script>x</script> |\n\n[bad](javascript:alert(1)) <!-- hidden -->\n"))
    let html = ReportBuilder.render(pm, metrics: nil, format: .html)
    #expect(html.contains("<td>one<br>two</td>"))
    #expect(html.contains("&lt;script&gt;x&lt;/script&gt;"))
    #expect(!html.contains("javascript:"))
    #expect(!html.contains("hidden"))
  }

  @Test func relativeImagesAndLinksStillResolveFromAnotherFolder() {
    let pm = Postmortem(
      source: .inline("# T\n\n![graph](./img/a.png) [runbook](docs/run.md) [web](https://x.example/a) [top](#t)\n"))
    let html = ReportBuilder.render(pm, metrics: nil, format: .html, options: ReportOptions(assetBase: "../notes/"))
    #expect(html.contains("<img src=\"../notes/img/a.png\" alt=\"graph\" />"))
    #expect(html.contains("<a href=\"../notes/docs/run.md\">runbook</a>"))
    #expect(html.contains("<a href=\"https://x.example/a\">web</a>"))
    #expect(html.contains("<a href=\"#t\">top</a>"))
  }

  @Test func aDocumentWithNoPostmortemSectionsIsSaidSoAndStillRendered() {
    let pm = Postmortem(source: .inline("# Notes\n\nJust a paragraph.\n"))
    let html = ReportBuilder.render(pm, metrics: nil, format: .html)
    #expect(html.contains("No postmortem sections were recognised"))
    #expect(html.contains("<p>Just a paragraph.</p>"))
  }

  @Test func deeplyNestedListsAndManyActionItemsDoNotCrash() {
    let items = (1...10_000).map { "| Fix \($0) | team\($0 % 7) |" }.joined(separator: "\n")
    let pm = Postmortem(source: .inline("# T\n\n## Action items\n\n| What | Owner |\n|---|---|\n\(items)\n"))
    #expect(pm.actionItems.count == 10_000)
    let md = ReportBuilder.render(pm, metrics: nil, format: .md)
    #expect(md.contains("| team4 | Fix 10000 |"))  // 10000 % 7 == 4
  }

  @Test func htmlTrueInTheFrontMatterLetsRawHTMLThroughWithoutScript() {
    let text =
      "---\nhtml: true\nweight: 45\n---\n# T\n\n<details><summary>Logs</summary>\n\nkept\n\n</details>\n\n<a href=\"javascript:x()\">x</a>\n"
    let html = ReportBuilder.render(Postmortem(source: .inline(text)), metrics: nil, format: .html)
    #expect(html.contains("<details><summary>Logs</summary>"))
    #expect(!html.contains("javascript:"))
    #expect(html.contains("<dt>weight</dt><dd>45</dd>"), "other front matter stays visible")
    let escaped = ReportBuilder.render(Postmortem(source: .inline("# T\n\n<details>x</details>\n")), metrics: nil, format: .html)
    #expect(escaped.contains("&lt;details&gt;"))
  }
}
