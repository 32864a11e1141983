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

  @Test(arguments: ["talk.txt", "talk.png", "talk.docx"])
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
}
