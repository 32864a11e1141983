import Foundation
import LecternTestSupport
import Testing

/// `lectern build` with a configuration file: options from `lectern.yml` or Marp's `.marprc.yml`, flags winning.
@Suite struct BuildConfigurationTests {
  private func project(_ config: String, name: String = "lectern.yml") throws -> URL {
    let dir = TestPaths.temporaryDirectory()
    let slides = dir.appendingPathComponent("slides")
    try FileManager.default.createDirectory(at: slides, withIntermediateDirectories: true)
    let deck = "---\nmarp: true\ntitle: From the deck\n---\n# First\n\n<!-- say hello -->\n\n---\n\n# Second\n"
    try deck.write(to: slides.appendingPathComponent("talk.md"), atomically: true, encoding: .utf8)
    try config.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    return dir
  }

  private func page(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

  @Test func optionsComeFromTheNearestFileAboveTheDeck() throws {
    let dir = try project("theme: gaia\noutput: out/\nformats: [pptx]\ndescription: Deploying on Fridays\nkeywords: [dora, ci]\n")
    let result = try LecternBinary.run(["build", "slides/talk.md"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let html = try page(dir.appendingPathComponent("out/talk.html"))
    #expect(html.contains("data-theme=\"gaia\""))
    #expect(html.contains("<meta name=\"description\" content=\"Deploying on Fridays\">"))
    #expect(html.contains("<meta name=\"keywords\" content=\"dora, ci\">"))
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/talk.pptx").path))
  }

  @Test func flagsWinOverTheFileAndMetadataFlagsOverTheDeck() throws {
    let dir = try project("theme: gaia\ntitle: From the file\nauthor: File Author\n")
    let result = try LecternBinary.run(
      [
        "build", "slides/talk.md", "--theme", "harbor", "--title", "From the flag", "--url", "https://example.com/talk",
        "--og-image", "https://example.com/card.png", "-o", "talk.html",
      ], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let html = try page(dir.appendingPathComponent("talk.html"))
    #expect(html.contains("data-theme=\"harbor\""))
    #expect(html.contains("<title>From the flag</title>"))
    #expect(html.contains("<meta name=\"author\" content=\"File Author\">"))
    #expect(html.contains("<meta property=\"og:url\" content=\"https://example.com/talk\">"))
    #expect(html.contains("<meta property=\"og:image\" content=\"https://example.com/card.png\">"))
  }

  @Test func theFilesTitleWinsOverTheDecksDirectiveAsMarpsOptionDoes() throws {
    let dir = try project("title: From the file\n")
    let result = try LecternBinary.run(["build", "slides/talk.md", "-o", "talk.html"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try page(dir.appendingPathComponent("talk.html")).contains("<title>From the file</title>"))
  }

  @Test func aMarpProjectBuildsWithoutNewFlags() throws {
    let dir = try project("theme: harbor\noutput: ./dist/\nauthor: Marp User\ninputDir: ./slides\n", name: ".marprc.yml")
    let result = try LecternBinary.run(["build", "slides/talk.md"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains(".marprc.yml:4:1: warning: Marp option 'inputDir' has no equal in lectern"))
    let html = try page(dir.appendingPathComponent("dist/talk.html"))
    #expect(html.contains("data-theme=\"harbor\""))
    #expect(html.contains("<meta name=\"author\" content=\"Marp User\">"))
  }

  @Test func anUnknownKeyStopsTheBuildWithItsPosition() throws {
    let dir = try project("theme: gaia\npdf-outline: true\n")
    let result = try LecternBinary.run(["build", "slides/talk.md"], in: dir)
    #expect(result.status == 2)
    #expect(result.stderr.contains("lectern.yml:2:1: error: unknown key 'pdf-outline'"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("slides/talk.html").path))
  }

  @Test func dashCNamesTheFileAndLintStillReadsItsRules() throws {
    let dir = try project("theme: gaia\n")
    let other = dir.appendingPathComponent("other.yml")
    try "theme: harbor\nrules:\n  empty-slide: off\n".write(to: other, atomically: true, encoding: .utf8)
    let result = try LecternBinary.run(["build", "slides/talk.md", "-c", "other.yml", "-o", "talk.html"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try page(dir.appendingPathComponent("talk.html")).contains("data-theme=\"harbor\""))
    let lint = try LecternBinary.run(["lint", "-c", "other.yml", "slides/talk.md"], in: dir)
    #expect(!lint.stderr.contains("unknown key"), "build keys are not lint errors: \(lint.stderr)")
    #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
  }
}
