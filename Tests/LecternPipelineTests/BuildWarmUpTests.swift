import Foundation
import LecternCore
import LecternDeck
import LecternSlides
import LecternTestSupport
import Testing

@testable import LecternPipeline

@Suite struct BuildWarmUpTests {
  /// The warm-up must go through the parts a real build uses, or it warms nothing: its sample deck has to
  /// come out as a page with the heading, the list, the aligned table and the note.
  @Test func theSampleDeckRendersThroughThePageTemplate() {
    let built = BuildWarmUp.render()
    #expect(built.slideCount == 1)
    #expect(built.diagnostics.isEmpty, "\(built.diagnostics)")
    #expect(built.html.contains("<!DOCTYPE html>"))
    #expect(built.html.contains("Warm-up</h1>"))
    #expect(built.html.contains("<li>two</li>"))
    #expect(built.html.contains(#"<th align="right">Value</th>"#))
    #expect(built.html.contains("a note"))
  }

  /// A build that starts while the warm-up is still filling the shared caches (themes, parsed templates)
  /// gets the page it gets without a warm-up; waiting is idempotent and returns once the warm-up ended.
  @Test func aBuildDuringTheWarmUpGetsTheSamePage() throws {
    let text = "---\nmarp: true\ntheme: gaia\n---\n\n# One\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n---\n\n## Two <!-- fit -->\n"
    let render: @Sendable () -> String = {
      DeckHTMLRenderer.render(Deck(source: SourceFile(path: "d.md", text: text)), options: DeckBuildOptions()).html
    }
    BuildWarmUp.start()
    let during = try (0..<4).concurrentMap { _ in render() }
    BuildWarmUp.start()
    BuildWarmUp.wait()
    BuildWarmUp.wait()
    let after = render()
    #expect(during.allSatisfy { $0 == after })
    #expect(after.contains("One</h1>"))
  }

  /// The deck read early is the one file the command line names: a second Markdown argument (such as an
  /// option's value), a folder, a missing file or an option makes the build read the deck itself.
  @Test func theEarlyDeckIsTheOneMarkdownFileNamed() throws {
    let folder = TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let deck = folder.appendingPathComponent("talk.md").path
    let other = folder.appendingPathComponent("notes.markdown").path
    try "# Talk\n".write(toFile: deck, atomically: true, encoding: .utf8)
    try "# Notes\n".write(toFile: other, atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(
      atPath: folder.appendingPathComponent("dir.md").path, withIntermediateDirectories: true)

    #expect(BuildWarmUp.deckPath(in: [deck]) == deck)
    #expect(BuildWarmUp.deckPath(in: ["--title", "T", deck, "-o", "out.html"]) == deck)
    #expect(BuildWarmUp.deckPath(in: [deck, deck]) == deck)
    #expect(BuildWarmUp.deckPath(in: [other]) == other)
    #expect(BuildWarmUp.deckPath(in: [deck, "-o", other]) == nil)
    #expect(BuildWarmUp.deckPath(in: [folder.appendingPathComponent("dir.md").path]) == nil)
    #expect(BuildWarmUp.deckPath(in: [folder.appendingPathComponent("missing.md").path]) == nil)
    #expect(BuildWarmUp.deckPath(in: ["--input=" + deck]) == nil)
    #expect(BuildWarmUp.deckPath(in: []) == nil)
    for flag in ["--help", "-h", "--watch", "-w", "--serve", "-s"] {
      #expect(BuildWarmUp.deckPath(in: [deck, flag]) == nil, "\(flag)")
    }
  }

  /// The deck read early is the deck the build would read, handed out once and only for its own path; a
  /// file that cannot be read gives `nil`, so the build reads it and reports the error itself.
  @Test func anEarlyDeckIsTakenOnceForItsPath() throws {
    let folder = TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("talk.md").path
    try "---\nmarp: true\n---\n\n# One\n\n---\n\n# Two\n".write(toFile: path, atomically: true, encoding: .utf8)

    let early = EarlyDeck(path: path)
    #expect(early.take(path: path + "x") == nil)
    let taker = Thread { _ = early.read() }
    taker.start()
    let taken = try #require(early.take(path: path))
    let page = { (deck: Deck) in DeckHTMLRenderer.render(deck, options: DeckBuildOptions()).html }
    #expect(page(taken) == page(Deck(source: try SourceFile.load(path: path))))
    #expect(taken.slides.count == 2)
    #expect(early.take(path: path) == nil)

    let missing = EarlyDeck(path: folder.appendingPathComponent("gone.md").path)
    #expect(missing.read() == 0)
    #expect(missing.take(path: missing.path) == nil)
  }
}
