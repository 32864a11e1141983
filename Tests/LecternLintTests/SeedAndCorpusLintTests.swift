import Foundation
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternLint

/// The linter on the seeds and on every real-world document: defects found, valid tables left alone.
@Suite(.enabled(if: TestPaths.shared != nil, "../shared is absent: seed and corpus lint tests skipped"))
struct SeedAndCorpusLintTests {
  private func lint(_ url: URL) throws -> [Diagnostic] {
    Linter().lint(try SourceFile.at(url))
  }

  private func counts(_ d: [Diagnostic]) -> [String: Int] {
    Dictionary(grouping: d, by: \.code.rawValue).mapValues(\.count)
  }

  @Test func seed000MojibakeSplitClassMissingBackgroundsAndTrailingRule() throws {
    let found = try lint(try #require(TestPaths.seed("000")))
    let c = counts(found)
    // Every line of the deck with double-encoded emoji or arrows is found; most are recoverable.
    #expect(c["mojibake"] ?? 0 >= 40)
    let arrow = try #require(found.first { $0.code == "mojibake" && $0.range?.start.line == 55 })
    #expect(arrow.message.contains("'➡️'"))
    #expect(arrow.range?.start.column == 17)
    #expect(
      found.contains { $0.code == "mojibake" && $0.range?.start.line == 61 && $0.fix == nil },
      "the lost 🐞 is reported, not guessed")
    #expect(found.contains { $0.code == "invalid-directive-value" && $0.range?.start.line == 153 })
    // The deck's images live in ../assets, which is not shipped: every one is reported once per use.
    #expect(c["missing-image"] == 27)
    #expect(found.contains { $0.code == "empty-slide" && $0.message.contains("trailing") })
    // Its seven tables are valid.
    #expect(!found.contains { $0.code.rawValue.hasPrefix("table-") })
  }

  /// Five DORA tables and the two postmortem action tables, pasted with tabs.
  @Test func seed001SevenTabSeparatedTables() throws {
    let found = try lint(try #require(TestPaths.seed("001")))
    #expect(found.filter { $0.code == "tab-separated-table" }.count == 7)
  }

  @Test func seed001FixTurnsThemIntoSevenParsedTables() throws {
    let source = try SourceFile.at(try #require(TestPaths.seed("001")))
    let result = FixApplier(linter: Linter(only: ["tab-separated-table"])).fix(source)
    let fixed = LintTarget(source: SourceFile(path: "fixed.md", text: result.text))
    #expect(fixed.tables.count == 7)
    #expect(fixed.tables.map(\.columnCount) == [4, 4, 4, 4, 4, 2, 3])
    #expect(fixed.tables[6].header.cells.map(\.text) == ["Team", "Focus", "DORA Metric"])
    #expect(
      fixed.tables[0].rows.map { $0.cells[0].text } == [
        "Deployment Frequency", "Lead Time for Changes", "Change Failure Rate", "Time to Restore Service",
      ])
    #expect(result.remaining.isEmpty)
  }

  @Test(arguments: ["002", "003"])
  func postmortemSeedsAreClean(_ prefix: String) throws {
    #expect(try lint(try #require(TestPaths.seed(prefix))).isEmpty)
  }

  @Test func seed004MojibakeApostrophe() throws {
    let found = try lint(try #require(TestPaths.seed("004")))
    let m = try #require(found.first { $0.code == "mojibake" })
    #expect(m.message.contains("'’'"))
    #expect(m.range?.start.line == 44)
  }

  @Test func noTableFindingsOnAnyCorpusDocument() throws {
    let root = try #require(TestPaths.shared).appendingPathComponent("corpus")
    var files: [URL] = []
    for folder in ["decks", "postmortems"] {
      let dir = root.appendingPathComponent(folder)
      for name in try FileManager.default.contentsOfDirectory(atPath: dir.path)
      where name.hasSuffix(".md") && name != "SOURCES.md" {
        files.append(dir.appendingPathComponent(name))
      }
    }
    #expect(files.count == 22)
    for file in files {
      let found = try lint(file).filter { $0.code.rawValue.hasPrefix("table-") }
      #expect(found.isEmpty, "\(file.lastPathComponent): \(found.map(\.formatted))")
    }
  }
}
