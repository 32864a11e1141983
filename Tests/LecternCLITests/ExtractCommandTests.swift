import Foundation
import LecternCore
import LecternExtract
import LecternTestSupport
import Testing

@Suite struct ExtractCommandTests {
  private func json(_ result: CommandResult) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
  }

  @Test func helpTextIsStable() throws {
    let result = try LecternBinary.run(["extract", "--help"])
    #expect(result.status == 0)
    if let problem = snapshotMismatch(result.stdout, named: "extract-help.txt") { Issue.record(Comment(rawValue: problem)) }
  }

  @Test func deckFromStandardInput() throws {
    let deck = "---\nmarp: true\n---\n\n# One\n\n---\n\n# Two <!-- a note -->\n"
    let result = try LecternBinary.run(["extract", "-"], stdin: Data(deck.utf8))
    #expect(result.status == 0)
    let object = try json(result)
    #expect(object["schemaVersion"] as? Int == 1)
    #expect(object["kind"] as? String == "deck")
    #expect(object["path"] as? String == "<stdin>")
    let slides = try #require(object["slides"] as? [[String: Any]])
    #expect(slides.map { $0["title"] as? String } == ["One", "Two"])
    #expect((slides[1]["notes"] as? [[String: Any]])?.first?["text"] as? String == "a note")
    #expect(slides[1]["range"] as? String == "7:1-9:21")
  }

  @Test func documentKindAndTablesAsCSV() throws {
    let doc = "# Severity\n\n| Sev | Response |\n|---|---|\n| 1 | 30 minutes |\n| 2 | \"1\" hour, maybe |\n"
    let result = try LecternBinary.run(["extract", "-", "--tables", "--format", "csv"], stdin: Data(doc.utf8))
    #expect(result.status == 0)
    #expect(result.stdout == "Sev,Response\r\n1,30 minutes\r\n2,\"\"\"1\"\" hour, maybe\"\r\n")
  }

  @Test func missingFileExitsTwo() throws {
    let result = try LecternBinary.run(["extract", "/nonexistent/deck.md"])
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("/nonexistent/deck.md: error: no such file"))
    #expect(result.stdout.isEmpty)
  }

  @Test func invalidFrontMatterExitsOneNamingLineAndColumn() throws {
    let dir = TestPaths.temporaryDirectory()
    let file = dir.appendingPathComponent("bad.md")
    try "---\nmarp: true\ntheme: [oops\n---\n\n# A\n".write(to: file, atomically: true, encoding: .utf8)
    let result = try LecternBinary.run(["extract", file.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("bad.md:3:"))
    #expect(result.stderr.contains("error: invalid YAML in front matter"))
  }

  @Test func invalidUTF8AndBinaryExitTwo() throws {
    let dir = TestPaths.temporaryDirectory()
    let bad = dir.appendingPathComponent("bad.md")
    try Data([0x23, 0x20, 0x61, 0x0A, 0x62, 0xC3, 0x28]).write(to: bad)
    let r1 = try LecternBinary.run(["extract", bad.path])
    #expect(r1.status == 2)
    #expect(r1.stderr.contains("bad.md:2:2: error: invalid UTF-8"))
    let bin = dir.appendingPathComponent("bin.md")
    try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).write(to: bin)
    let r2 = try LecternBinary.run(["extract", bin.path])
    #expect(r2.status == 2)
    #expect(r2.stderr.contains("binary file"))
  }

  @Test func outputFileIsWrittenAtomically() throws {
    let dir = TestPaths.temporaryDirectory()
    let out = dir.appendingPathComponent("nested/out.json")
    let result = try LecternBinary.run(["extract", "-", "-o", out.path], stdin: Data("# A\n".utf8))
    #expect(result.status == 0)
    let written = try Data(contentsOf: out)
    #expect(try JSONSerialization.jsonObject(with: written) is [String: Any])
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
    #expect(leftovers == ["out.json"])
  }

  @Test func deeplyNestedInputIsFlattenedWithAWarningAndKeepsItsText() throws {
    let quotes = String(repeating: ">", count: 20_000) + " deep\n"
    let result = try LecternBinary.run(["extract", "-"], stdin: Data(quotes.utf8))
    #expect(result.status == 0)
    #expect(
      result.stderr.hasPrefix(
        "<stdin>:1:33: warning: nesting deeper than 32 levels is flattened; the text inside is kept without its quotes, "))
    // Foundation's JSON parser (which refuses very deep input) reads it: the depth is bounded.
    let object = try json(result)
    #expect(result.stdout.contains("deep"))
    let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.map { $0["code"] as? String } == ["nesting-too-deep"])
  }

  @Test(.enabled(if: TestPaths.seed("000") != nil, "../shared/seeds is absent"))
  func seedDeckAsPrettyJSON() throws {
    let result = try LecternBinary.run(["extract", try #require(TestPaths.seed("000")).path, "--pretty"])
    #expect(result.status == 0)
    let object = try json(result)
    #expect(object["slideCount"] as? Int == 45)
    #expect(result.stderr.contains(":153:6: warning: invalid value 'split;' for directive '_class'"))
  }
}

@Suite(.enabled(if: TestPaths.seed("004") != nil, "../shared/seeds is absent: seed 004 extract test skipped"))
struct PolicyDocumentExtractTests {
  /// Seed 004 is an engineering strategy, not a postmortem: auto-detect reads it as a document and still gives
  /// its severity / response-time table as typed SLAs (the postmortem reader's SLA rule).
  @Test func seed004GivesTypedSLAsInAutoMode() throws {
    let seed = try #require(TestPaths.seed("004"))
    let result = try LecternBinary.run(["extract", seed.path])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
    #expect(json["kind"] as? String == "document")
    let slas = try #require(json["responseSLAs"] as? [[String: Any]])
    #expect(slas.count == 3)
    #expect(slas.first?["responseSeconds"] as? Int == 1800)
  }
}

/// `lectern extract` is a one-shot command: a long deck's C tree is converted on all cores and left to the OS
/// (`ProcessTeardown.declareOneShot`). The same file extracted in this test process, which frees every tree and
/// converts with one converter, must give the same bytes.
@Suite struct OneShotExtractTests {
  @Test func aLongDeckExtractsAsTheLibraryExtractsIt() throws {
    var deck = "---\nmarp: true\ntheme: gaia\n---\n\n"
    for i in 0..<400 {
      deck += "# Slide \(i) — ü\n\n<!-- _class: lead -->\n\n"
      deck += "Text with **bold**, `code` and a [link](https://example.com/\(i)).\n\n"
      deck += "| Metric | Value |\n|:--|--:|\n| Deployment frequency | \(i) per day |\n\n"
      deck += "- one\n- two\n\n<!-- a note \(i) -->\n\n---\n\n"
    }
    let dir = TestPaths.temporaryDirectory()
    let file = dir.appendingPathComponent("long.md")
    try deck.write(to: file, atomically: true, encoding: .utf8)
    let result = try LecternBinary.run(["extract", file.path], in: dir)
    #expect(result.status == 0)
    let source = try SourceFile.load(path: file.path)
    let library = try withLargeStack { () -> [UInt8] in
      let bytes = Locked<[UInt8]>([])
      _ = Extraction().run(source) { chunk in bytes.withLock { $0.append(contentsOf: chunk) } }
      return bytes.snapshot
    }
    #expect(library.count > 100_000, "a long deck: thousands of top-level blocks")
    #expect(Array(result.stdoutData) == library)
  }
}
