import Foundation
import LecternTestSupport
import Testing

/// PDF options, checked with poppler-utils: bookmarks (`--pdf-outlines`), document properties, the handout.
@Suite(.enabled(if: PDFTools.areInstalled, "needs Debian's chromium and poppler-utils (pdfinfo, pdftotext)"))
struct BuildPDFTests {

  private func deckFolder() throws -> URL {
    let dir = TestPaths.temporaryDirectory()
    let deck = """
      ---
      marp: true
      title: Friday deploys
      author: Ana Lima
      description: Why we ship on Fridays
      keywords: dora, deploys
      ---
      # Opening slide

      Welcome

      <!-- Say hello to the room. -->

      ---

      # Middle without notes

      ---

      # Closing slide

      Thanks

      <!-- Ask for questions. -->
      <!-- Mention the survey. -->
      """
    try deck.write(to: dir.appendingPathComponent("talk.md"), atomically: true, encoding: .utf8)
    return dir
  }

  private func tool(_ name: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/\(name)")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  /// `/Title (…)` strings of the outline items (Chromium writes them uncompressed).
  private func outlineTitles(_ url: URL) throws -> [String] {
    let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
    let regex = try NSRegularExpression(pattern: #"/Title \(([^)]*)\)\s*/Dest"#)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
      Range($0.range(at: 1), in: text).map { String(text[$0]) }
    }
  }

  @Test func documentPropertiesComeFromTheDirectivesAndFlags() throws {
    let dir = try deckFolder()
    let result = try LecternBinary.run(["build", "talk.md", "-o", "talk.pdf", "--author", "Flag Author"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let info = try tool("pdfinfo", [dir.appendingPathComponent("talk.pdf").path])
    #expect(info.contains("Title:           Friday deploys"), "\(info)")
    #expect(info.contains("Author:          Flag Author"))
    #expect(info.contains("Subject:         Why we ship on Fridays"))
    #expect(info.contains("Keywords:        dora, deploys"))
    #expect(info.contains("Pages:           3"))
    #expect(info.contains("Producer:        Skia/PDF"), "Chromium's entries are kept")
  }

  @Test func outlinesAreBookmarksFromTheSlideTitles() throws {
    let dir = try deckFolder()
    let result = try LecternBinary.run(["build", "talk.md", "-o", "talk.pdf", "--pdf-outlines"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let titles = try outlineTitles(dir.appendingPathComponent("talk.pdf"))
    #expect(titles == ["Opening slide", "Middle without notes", "Closing slide"], "\(titles)")
    let plain = try LecternBinary.run(["build", "talk.md", "-o", "plain.pdf"], in: dir)
    #expect(plain.status == 0)
    #expect(try outlineTitles(dir.appendingPathComponent("plain.pdf")).isEmpty, "no bookmarks unless asked for")
  }

  @Test func notesMakeAHandoutOfTheSlidesThatHaveNotes() throws {
    let dir = try deckFolder()
    let result = try LecternBinary.run(["build", "talk.md", "-o", "talk.pdf", "--pdf-notes"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let pdf = dir.appendingPathComponent("talk.pdf").path
    #expect(try tool("pdfinfo", [pdf]).contains("Pages:           2"), "the slide without notes gets no page")
    let first = try tool("pdftotext", ["-f", "1", "-l", "1", "-layout", pdf, "-"])
    #expect(first.contains("Opening slide") && first.contains("Say hello to the room."), "\(first)")
    let line = try #require(first.split(separator: "\n").first { $0.contains("Say hello") })
    #expect(line.firstRange(of: "Say hello")!.lowerBound > line.startIndex, "the notes are beside the slide, not below it")
    let second = try tool("pdftotext", ["-f", "2", "-l", "2", pdf, "-"])
    #expect(second.contains("Closing slide") && second.contains("Ask for questions.") && second.contains("Mention the survey."))
    #expect(second.range(of: "Ask for questions.")!.lowerBound < second.range(of: "Mention the survey.")!.lowerBound)
  }
}

/// Whether Debian's chromium and poppler-utils are installed.
enum PDFTools {
  static let areInstalled: Bool = ["/usr/bin/chromium", "/usr/bin/pdfinfo", "/usr/bin/pdftotext"].allSatisfy {
    FileManager.default.isExecutableFile(atPath: $0)
  }
}
