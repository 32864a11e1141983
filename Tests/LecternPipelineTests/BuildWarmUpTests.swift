import Foundation
import LecternCore
import LecternDeck
import LecternSlides
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
}
