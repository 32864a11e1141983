import Foundation
import LecternConfig
import LecternTestSupport
import Testing

/// The project's configuration file: Lectern's keys, Marp's keys, discovery up the tree, errors where written.
@Suite struct ProjectConfigurationTests {
  private func write(_ text: String, _ name: String, in dir: URL) throws -> String {
    let path = dir.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func lecternKeysAreReadAndPathsResolveAgainstTheFile() throws {
    let dir = TestPaths.temporaryDirectory()
    let path = try write(
      """
      theme: harbor
      theme-set: [themes/, extra.css]
      html: true
      output: out/
      formats: [pdf, pptx]
      pdf-outlines: true
      images: png
      image-scale: 2
      title: Friday deploys
      og-image: https://example.com/card.png
      keywords: [dora, deploys]
      db: data/metrics.sqlite
      window: 12w
      rules:
        table-pipe-style: off
      """, "lectern.yml", in: dir)
    let config = try ProjectConfiguration.load(path: path)
    let root = dir.standardizedFileURL.path
    #expect(config.theme == "harbor")
    #expect(config.themeSet == ["\(root)/themes/", "\(root)/extra.css"])
    #expect(config.html == true)
    #expect(config.output == "\(root)/out/")
    #expect(config.formats == ["pdf", "pptx"])
    #expect(config.pdfOutlines == true)
    #expect(config.images == "png" && config.imageScale == 2)
    #expect(config.metadata == ["title": "Friday deploys", "image": "https://example.com/card.png", "keywords": "dora, deploys"])
    #expect(config.db == "\(root)/data/metrics.sqlite")
    #expect(config.window == "12w")
  }

  @Test func marpKeysWithAnEqualAreReadAndTheOthersOnlyWarned() throws {
    let dir = TestPaths.temporaryDirectory()
    let path = try write(
      """
      themeSet: ./themes
      allowLocalFiles: true
      html:
        span: [style]
      pdf: true
      pdfNotes: true
      pdfOutlines:
        pages: false
      imageScale: 1.5
      ogImage: card.png
      author: Ana
      inputDir: ./slides
      """, ".marprc.yml", in: dir)
    let config = try ProjectConfiguration.load(path: path)
    #expect(config.themeSet == [dir.standardizedFileURL.path + "/themes"])
    #expect(config.allowLocalFiles == true)
    #expect(config.html == true, "an allow-list means some HTML is let through")
    #expect(config.formats == ["pdf"])
    #expect(config.pdfNotes == true && config.pdfOutlines == true)
    #expect(config.imageScale == 1.5)
    #expect(config.metadata == ["image": "card.png", "author": "Ana"])
    #expect(config.warnings.count == 1)
    #expect(config.warnings[0].hasPrefix("\(path):12:1: warning: Marp option 'inputDir'"))
  }

  @Test func marpJSONIsRead() throws {
    let dir = TestPaths.temporaryDirectory()
    let path = try write(#"{"theme": "gaia", "pptx": true, "keywords": "a, b"}"#, ".marprc.json", in: dir)
    let config = try ProjectConfiguration.load(path: path)
    #expect(config.theme == "gaia")
    #expect(config.formats == ["pptx"])
    #expect(config.metadata["keywords"] == "a, b")
  }

  @Test func anUnknownKeyIsAnErrorAtItsLineAndColumn() throws {
    let dir = TestPaths.temporaryDirectory()
    let path = try write("theme: gaia\n  \nthme-set: x\n", "lectern.yml", in: dir)
    do {
      _ = try ProjectConfiguration.load(path: path)
      Issue.record("expected an error")
    } catch let error as ConfigurationFileError {
      #expect(error.line == 3 && error.column == 1)
      #expect(error.message.hasPrefix("unknown key 'thme-set'"))
    }
  }

  @Test func aCamelCaseKeyInLecternsFileIsUnknown() throws {
    let dir = TestPaths.temporaryDirectory()
    let path = try write("allowLocalFiles: true\n", ".lectern.yml", in: dir)
    #expect(throws: ConfigurationFileError.self) { try ProjectConfiguration.load(path: path) }
  }

  @Test(arguments: [
    ("html: maybe\n", 1, 7, "expected 'html' to be true or false"),
    ("images: gif\n", 1, 9, "expected 'images' to be one of png, jpeg"),
    ("formats: [pdf, docx]\n", 1, 10, "unknown format 'docx'"),
    ("image-scale: 0\n", 1, 14, "expected 'image-scale' to be a number"),
    ("theme: [a, b]\n", 1, 8, "expected 'theme' to be text"),
    ("title: x\n  y: [\n", 2, 4, "invalid YAML"),
  ])
  func aBadValueIsAnErrorWhereItIsWritten(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
    let dir = TestPaths.temporaryDirectory()
    let path = try write(text, "lectern.yml", in: dir)
    do {
      _ = try ProjectConfiguration.load(path: path)
      Issue.record("expected an error for \(text)")
    } catch let error as ConfigurationFileError {
      #expect(error.line == line, "\(error)")
      #expect(error.column == column, "\(error)")
      #expect(error.message.hasPrefix(message), "\(error)")
      #expect(error.description.hasPrefix("\(path):\(line):\(column): error: "))
    }
  }

  @Test func theNearestFileUpTheTreeIsUsedAndLecternsNameWinsInOneFolder() throws {
    let dir = TestPaths.temporaryDirectory()
    let nested = dir.appendingPathComponent("talks/2026")
    try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
    _ = try write("theme: gaia\n", ".marprc.yml", in: dir)
    _ = try write("theme: harbor\n", "lectern.yml", in: dir)
    #expect(try ProjectConfiguration.resolve(explicit: nil, from: nested).theme == "harbor")
    _ = try write("theme: plain\n", ".lectern.yml", in: nested)
    #expect(try ProjectConfiguration.resolve(explicit: nil, from: nested).theme == "plain")
    let explicit = try write("theme: uncover\n", "other.yml", in: dir)
    #expect(try ProjectConfiguration.resolve(explicit: explicit, from: nested).theme == "uncover")
  }

  @Test func aMissingExplicitFileIsAnError() {
    #expect(throws: ConfigurationFileError.self) {
      try ProjectConfiguration.resolve(explicit: "/nonexistent/lectern.yml", from: URL(fileURLWithPath: "/"))
    }
  }
}
