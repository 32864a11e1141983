import Foundation
import LecternTestSupport
import Testing

@Suite struct BuildDirectoryTests {
  private func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
  }

  @Test func aDirectoryBuildsItsDecksAndNamesTheMarkdownItSkipped() throws {
    let dir = TestPaths.temporaryDirectory()
    try write("---\nmarp: true\n---\n# Deck\n", to: dir.appendingPathComponent("talks/deck.md"))
    try write("# Sources\n\nWhere the decks came from.\n", to: dir.appendingPathComponent("talks/SOURCES.md"))
    let out = dir.appendingPathComponent("out").path + "/"
    let result = try LecternBinary.run(["build", dir.appendingPathComponent("talks").path, "-o", out])
    #expect(result.status == 0)
    #expect(FileManager.default.fileExists(atPath: out + "deck.html"))
    #expect(!FileManager.default.fileExists(atPath: out + "SOURCES.html"))
    #expect(result.stderr.contains("skipped 1 Markdown file that is not a deck"))
    #expect(result.stderr.contains("talks/SOURCES.md"))
  }

  @Test func aDirectoryWithoutDecksIsAnError() throws {
    let dir = TestPaths.temporaryDirectory()
    try write("# Notes\n", to: dir.appendingPathComponent("notes/a.md"))
    let result = try LecternBinary.run(["build", dir.appendingPathComponent("notes").path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("error: no deck found"))
  }

  @Test func aNamedFileIsBuiltEvenWithoutMarpFrontMatter() throws {
    let dir = TestPaths.temporaryDirectory()
    let file = dir.appendingPathComponent("plain.md")
    try write("# Just a heading\n", to: file)
    let result = try LecternBinary.run(["build", file.path, "-o", "-"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("data-marpit-svg"))
  }
}
