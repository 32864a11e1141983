import Foundation
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternLint

@Suite struct FormatterTests {
  private let source = SourceFile(path: "deck.md", text: "| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n")
  private var diagnostics: [Diagnostic] { Linter().lint(source) }

  @Test func textHasPositionSourceLineAndCaret() {
    let text = DiagnosticFormat.text.format(diagnostics, sources: ["deck.md": source], color: false)
    #expect(
      text == """
        deck.md:3:6: warning: row has 1 cell; the header has 2, so 1 empty cell is added [table-missing-cells]
          | 1 |
               ^
        deck.md:4:10: error: row has 3 cells; the header has 2, so '3' is dropped [table-extra-cells]
          | 1 | 2 | 3 |
                   ^~~

        """)
    #expect(!text.contains("\u{1B}["))
    #expect(DiagnosticFormat.text.format(diagnostics, sources: [:], color: true).contains("\u{1B}[1;31merror"))
  }

  @Test func githubAnnotations() {
    let text = DiagnosticFormat.github.format(diagnostics, sources: [:], color: false)
    #expect(
      text.hasPrefix(
        "::warning file=deck.md,line=3,col=6,endLine=3,endColumn=6,title=lectern table-missing-cells::row has 1 cell"))
    #expect(text.contains("::error file=deck.md,line=4,col=10"))
  }

  @Test func sarifIsValidJSONWithRulesAndRegions() throws {
    let text = DiagnosticFormat.sarif.format(diagnostics, sources: [:], color: false)
    let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect((driver["rules"] as? [[String: Any]])?.count == LintRules.all.count)
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.map { $0["ruleId"] as? String } == ["table-missing-cells", "table-extra-cells"])
    let location = try #require((results[1]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
    let region = try #require(location["region"] as? [String: Any])
    #expect(region["startLine"] as? Int == 4)
    #expect(region["startColumn"] as? Int == 10)
    #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "deck.md")
  }

  @Test func jsonListsEveryFinding() throws {
    let text = DiagnosticFormat.json.format(diagnostics, sources: [:], color: false)
    let items = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    #expect(items.map { $0["rule"] as? String } == ["table-missing-cells", "table-extra-cells"])
    #expect(items[0]["fixable"] as? Bool == true)
    #expect(items[1]["fixable"] as? Bool == false)
  }

  @Test func sarifCarriesFixesInvocationsColumnKindAndEscapedURIs() throws {
    let source = SourceFile(path: "my decks/ä#1.md", text: "| a | b |\n|---|---|\nü | 2\n")
    let found = Linter(only: ["table-pipe-style"]).lint(source)
    let text = SARIFFormatter.format(found, sources: [source.path: source], workingDirectory: "/work/my repo")
    let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    #expect(run["columnKind"] as? String == "unicodeCodePoints")
    let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
    #expect(invocation["executionSuccessful"] as? Bool == true)
    #expect((invocation["workingDirectory"] as? [String: Any])?["uri"] as? String == "file:///work/my%20repo/")
    let result = try #require((run["results"] as? [[String: Any]])?.first)
    let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
    let artifact = try #require(location["artifactLocation"] as? [String: Any])
    #expect(artifact["uri"] as? String == "my%20decks/%C3%A4%231.md")
    #expect(artifact["uriBaseId"] as? String == "SRCROOT")
    let fix = try #require((result["fixes"] as? [[String: Any]])?.first)
    #expect((fix["description"] as? [String: Any])?["text"] as? String == "add the missing outer pipes to this row")
    let replacements = try #require(
      ((fix["artifactChanges"] as? [[String: Any]])?.first?["replacements"]) as? [[String: Any]])
    #expect(replacements.count == 2)
    let trailing = try #require(replacements.last?["deletedRegion"] as? [String: Any])
    // "ü | 2": the trailing pipe goes after column 5 (code points), not after byte 6.
    #expect(trailing["startLine"] as? Int == 3)
    #expect(trailing["startColumn"] as? Int == 6)
    #expect((replacements.last?["insertedContent"] as? [String: Any])?["text"] as? String == " |")
  }

  @Test func sarifNamesTheToolAndWhereItsRulesAreDocumented() throws {
    let text = SARIFFormatter.format([], workingDirectory: "/work")
    let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["version"] as? String == LecternInfo.version)
    let home = try #require((driver["informationUri"] as? String).flatMap(URL.init(string:)))
    #expect(home.scheme == "https" && home.host != nil && home.absoluteString == LecternInfo.homepage)
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(rules.count == LintRules.all.count)
    // Every rule links to the rule reference, and that section exists in the docs this repository publishes.
    #expect(rules.allSatisfy { $0["helpUri"] as? String == LecternInfo.lintRulesDocumentation })
    let anchor = try #require(LecternInfo.lintRulesDocumentation.split(separator: "#").last)
    let docs = try String(
      contentsOf: TestPaths.repositoryRoot().appendingPathComponent("docs/lint.md"), encoding: .utf8)
    #expect(docs.split(separator: "\n").contains { $0.lowercased() == "## \(anchor)" })
    // …and every rule id is named there.
    for rule in LintRules.all { #expect(docs.contains("`\(rule.description.id.rawValue)`"), "docs/lint.md omits a rule") }
  }
}
