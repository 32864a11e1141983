import Foundation
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternLint

@Suite struct ConfigurationAndSuppressionTests {
  private let shortRow = "| a | b |\n|---|---|\n| 1 |\n"

  @Test func disableNextLineCoversOnlyThatLineAndThoseRules() {
    let text = "<!-- lectern-disable-next-line mojibake - a quoted example -->\ncafÃ©\n\ncafÃ©\n"
    let found = Linter().lint(SourceFile(path: "x.md", text: text))
    #expect(found.map { $0.range!.start.line } == [4])
    let other = "<!-- lectern-disable-next-line table-pipe-style -->\ncafÃ©\n"
    #expect(Linter().lint(SourceFile(path: "x.md", text: other)).map(\.code) == ["mojibake"])
  }

  @Test func disableAndEnableRange() {
    let text =
      "<!-- lectern-disable table-missing-cells -->\n\n" + shortRow + "\n<!-- lectern-enable table-missing-cells -->\n\n"
      + shortRow
    let found = Linter().lint(SourceFile(path: "x.md", text: text)).filter { $0.code == "table-missing-cells" }
    // Lines: 1 disable, 3-5 first table (short row on 5), 7 enable, 9-11 second table (short row on 11).
    #expect(found.map { $0.range!.start.line } == [11])
  }

  @Test func disableAllWithoutIds() {
    let text = "<!-- lectern-disable -->\n\n" + shortRow
    #expect(Linter().lint(SourceFile(path: "x.md", text: text)).isEmpty)
  }

  @Test func configurationTurnsRulesOffAndChangesSeverity() throws {
    let dir = TestPaths.temporaryDirectory()
    let file = dir.appendingPathComponent(".lectern.yml")
    try "rules:\n  table-missing-cells: error\n  table-pipe-style: off\n  table-too-large:\n    max-columns: 2\n".write(
      to: file, atomically: true, encoding: .utf8)
    let config = try LintConfiguration.load(path: file.path)
    #expect(config.disabled == ["table-pipe-style"])
    #expect(config.severities["table-missing-cells"] == .error)
    #expect(config.options["table-too-large"]?.int("max-columns", default: 8) == 2)
    let found = Linter(configuration: config).lint(SourceFile(path: "x.md", text: shortRow))
    #expect(found.first { $0.code == "table-missing-cells" }?.severity == .error)
    let deck = "---\nmarp: true\n---\n\n| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n"
    #expect(Linter(configuration: config).lint(SourceFile(path: "d.md", text: deck)).contains { $0.code == "table-too-large" })
    #expect(LintConfiguration.find(from: dir.appendingPathComponent("sub/dir")) == file.path)
  }

  @Test func badConfigurationNamesFileAndLine() throws {
    let dir = TestPaths.temporaryDirectory()
    let file = dir.appendingPathComponent(".lectern.yml")
    try "rules:\n  table-missing-cells: loud\n".write(to: file, atomically: true, encoding: .utf8)
    do {
      _ = try LintConfiguration.load(path: file.path)
      Issue.record("expected an error")
    } catch let error as ConfigurationError {
      #expect(error.line == 2)
      #expect(error.message.contains("'loud'"))
    }
    try "rules:\n  no-such-rule: off\n".write(to: file, atomically: true, encoding: .utf8)
    #expect(throws: ConfigurationError.self) { try LintConfiguration.load(path: file.path) }
  }

  @Test func fixNeverLosesContentAndIsIdempotent() {
    let text =
      "# T\n\nMetric\tHigh\tLow\nDeploys\tDaily\tMonthly\n\n| a | b | c |\n|---|---|\n| `x|y` | 2 | 3 |\n| 1 |\nCaption after\n"
    let fixer = FixApplier(linter: Linter())
    let once = fixer.fix(SourceFile(path: "x.md", text: text))
    #expect(FixApplier.keepsContent(from: SourceFile(path: "x.md", text: text), to: SourceFile(path: "x.md", text: once.text)))
    for word in ["Metric", "Deploys", "Monthly", "`x", "Caption after"] { #expect(once.text.contains(word)) }
    let twice = fixer.fix(SourceFile(path: "x.md", text: once.text))
    #expect(twice.text == once.text)
    #expect(!once.remaining.contains { $0.code.rawValue.hasPrefix("table-") && $0.fix != nil })
  }
}
