import Foundation
import LecternTestSupport
import Testing

/// `-o`'s extension picks what `lectern build` writes; nothing is ever HTML under another name.
@Suite struct BuildFormatTests {
  private func deckFolder() throws -> URL {
    let dir = TestPaths.temporaryDirectory()
    let deck = "---\nmarp: true\n---\n# A\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n<!-- say hello -->\n\n---\n\n# B\n"
    try deck.write(to: dir.appendingPathComponent("talk.md"), atomically: true, encoding: .utf8)
    return dir
  }

  private func head(_ url: URL, _ count: Int = 4) throws -> [UInt8] { Array(try Data(contentsOf: url).prefix(count)) }

  @Test func pptxExtensionWritesAPowerPointPackageOnly() throws {
    let dir = try deckFolder()
    let result = try LecternBinary.run(["build", "talk.md", "-o", "out/talk.pptx"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("talk.md → out/talk.pptx (2 slides"))
    #expect(try head(dir.appendingPathComponent("out/talk.pptx")) == [0x50, 0x4B, 0x03, 0x04], "a zip package")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path) == ["talk.pptx"])
  }

  @Test func pptxFlagAddsAPowerPointFileBesideThePage() throws {
    let dir = try deckFolder()
    let result = try LecternBinary.run(["build", "talk.md", "--pptx"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("talk.md → talk.html, talk.pptx"))
    #expect(try head(dir.appendingPathComponent("talk.pptx")) == [0x50, 0x4B, 0x03, 0x04])
    #expect(
      try String(contentsOf: dir.appendingPathComponent("talk.html"), encoding: .utf8).lowercased().hasPrefix("<!doctype html>"))
  }

  @Test(arguments: ["talk.txt", "talk.gif", "talk.docx"])
  func anExtensionLecternCannotWriteIsAnError(_ name: String) throws {
    let dir = try deckFolder()
    let result = try LecternBinary.run(["build", "talk.md", "-o", name], in: dir)
    #expect(result.status == 2)
    #expect(result.stderr.contains("\(name): error: lectern cannot write"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path))
  }

  @Test func outputNamingAnInputIsRefusedAndTheDeckIsUntouched() throws {
    let dir = try deckFolder()
    let before = try Data(contentsOf: dir.appendingPathComponent("talk.md"))
    let result = try LecternBinary.run(["build", "talk.md", "-o", "./talk.md"], in: dir)
    #expect(result.status == 2)
    #expect(result.stderr.contains("-o names an input file"))
    #expect(try Data(contentsOf: dir.appendingPathComponent("talk.md")) == before)
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "needs Debian's chromium"))
  func pdfExtensionWritesAPDFAndNoPage() throws {
    let dir = try deckFolder()
    let result = try LecternBinary.run(["build", "talk.md", "-o", "talk.pdf"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try head(dir.appendingPathComponent("talk.pdf")) == Array("%PDF".utf8))
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(names == ["talk.md", "talk.pdf"], "no page or temporary file left beside the PDF")
  }

  static let hasPythonPPTX: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import pptx"]
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }()

  @Test(.enabled(if: hasPythonPPTX, "needs python3 with python-pptx"))
  func benchmarkTableInThePowerPointFileIsAnnotatedWithLiveNumbers() throws {
    let root = TestPaths.repositoryRoot()
    let out = TestPaths.temporaryDirectory().appendingPathComponent("friday.pptx")
    let result = try LecternBinary.run([
      "build", root.appendingPathComponent("decks/friday-deploys.md").path, "--data",
      root.appendingPathComponent("decks/data").path,
      "--as-of", "2026-11-29T00:00:00Z", "--window", "90d", "-o", out.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", root.appendingPathComponent("Tests/LecternExportTests/read_pptx.py").path, out.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let slides = try #require(json["slides"] as? [[String: Any]])
    let table = try #require((slides[2]["tables"] as? [[[String]]])?.first)
    #expect(table[0] == ["Metric", "Elite", "High", "Medium", "Low", "Now"])
    #expect(
      table[1].prefix(5) == ["Deployment Frequency", "On demand", "Daily to weekly", "Weekly to monthly", "Less than monthly"])
    #expect(table[1][5].hasSuffix("/day"), "the live deployment frequency: \(table[1][5])")
    let texts = try #require(slides[3]["texts"] as? [String])
    #expect(!texts.joined().contains("{{dora."), "placeholders are filled")
  }
}
