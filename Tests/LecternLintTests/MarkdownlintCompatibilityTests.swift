import Foundation
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternLint

/// Repositories that use markdownlint keep their settings: its comments and configuration files switch the
/// Lectern rules that stand for its rules.
@Suite struct MarkdownlintCompatibilityTests {
  private let text = "# T\n\n```\ncode\n```\n\n![](a.png)\n\n### Deep\n"

  private func codes(_ text: String, _ configuration: LintConfiguration = LintConfiguration()) -> [String] {
    Linter(configuration: configuration).lint(SourceFile(path: "/nonexistent-dir/x.md", text: text)).map(\.code.rawValue)
      .filter { !$0.hasPrefix("missing-") && $0 != "link-target" }
  }

  @Test func genericRulesFindTheirDefects() {
    #expect(codes(text) == ["code-fence-language", "image-alt-text", "heading-increment"])
  }

  @Test func markdownlintCommentsSwitchTheEquivalentRules() {
    #expect(codes("<!-- markdownlint-disable MD040 -->\n" + text) == ["image-alt-text", "heading-increment"])
    #expect(codes("<!-- markdownlint-disable no-alt-text heading-increment -->\n" + text) == ["code-fence-language"])
    #expect(codes("<!-- markdownlint-disable -->\n" + text).isEmpty)
    #expect(codes("<!-- markdownlint-disable-file MD045 -->\n" + text) == ["code-fence-language", "heading-increment"])
    let nextLine = "# T\n\n<!-- markdownlint-disable-next-line MD040 -->\n```\ncode\n```\n"
    #expect(codes(nextLine).isEmpty)
  }

  @Test func markdownlintCommentsDoNotSilenceLecternOnlyRules() {
    let broken = "<!-- markdownlint-disable -->\n| a | b |\n|---|---|\n1 | 2\n"
    #expect(codes(broken) == ["table-pipe-style"])
  }

  @Test(arguments: [
    (
      ".markdownlint.json",
      "{\n  // comment\n  \"MD040\": false,\n  \"no-alt-text\": false,\n  \"MD009\": {\"br_spaces\": 2}\n}\n"
    ),
    (".markdownlint.yaml", "MD040: false\nno-alt-text: false\nMD009:\n  br_spaces: 2\n"),
  ])
  func markdownlintConfigurationFilesAreRead(_ name: String, _ contents: String) throws {
    let dir = TestPaths.temporaryDirectory()
    let file = dir.appendingPathComponent(name)
    try contents.write(to: file, atomically: true, encoding: .utf8)
    #expect(MarkdownlintNames.find(from: dir.appendingPathComponent("sub")) == file.path)
    var config = LintConfiguration()
    try MarkdownlintNames.load(path: file.path, into: &config)
    #expect(config.disabled == ["code-fence-language", "image-alt-text"])
    #expect(config.enabled == ["trailing-spaces"])
    #expect(codes(text + "end  \n", config) == ["heading-increment", "trailing-spaces"])
  }

  @Test func lecternConfigurationOverridesMarkdownlint() throws {
    let dir = TestPaths.temporaryDirectory()
    try "{\"default\": false}".write(to: dir.appendingPathComponent(".markdownlint.json"), atomically: true, encoding: .utf8)
    try "rules:\n  image-alt-text: error\n".write(
      to: dir.appendingPathComponent(".lectern.yml"), atomically: true, encoding: .utf8)
    try text.write(to: dir.appendingPathComponent("doc.md"), atomically: true, encoding: .utf8)
    let run = LintRun(explicitConfig: nil, only: [], fix: false, diff: false, perFileFormat: nil, color: false)
    let result = try run.lint([dir.appendingPathComponent("doc.md").path])
    let found = result[0].diagnostics.filter { $0.code != .missingImage }.map { "\($0.code.rawValue):\($0.severity.rawValue)" }
    #expect(found == ["image-alt-text:error"])
  }

  @Test func trailingSpacesIsOffByDefaultAndOnWhenAsked() {
    #expect(!codes("a  \nb\n").contains("trailing-spaces"))
    var config = LintConfiguration()
    config.enabled = ["trailing-spaces"]
    #expect(codes("a  \nb\n", config) == ["trailing-spaces"])
  }
}
