import LecternDeck
import LecternTestSupport
import Testing

@testable import LecternSlides

@Suite struct SizeAndStyleTests {
  private func build(_ markdown: String) -> BuiltDeck {
    DeckHTMLRenderer.render(Deck(source: .inline(markdown, path: "t.md")))
  }

  @Test func styleGlobalDirectiveIsScopedIntoThePageAfterTheTheme() throws {
    let html = build("---\nmarp: true\nstyle: |\n  h1 { color: rgb(1, 2, 3); }\n---\n\n# Hi\n").html
    let theme = try #require(html.range(of: "<style id=\"lectern-theme\">"))
    let rule = try #require(html.range(of: "div.marpit > svg > foreignObject > section h1 { color: rgb(1, 2, 3); }"))
    #expect(theme.upperBound < rule.lowerBound)
  }

  @Test func sizeRuleOutranksThemeSectionWidth() {
    let built = build("---\nmarp: true\nsize: 4:3\n---\n\n# Hi\n")
    #expect(built.size.width == 960)
    #expect(built.html.contains("div.marpit > svg[data-marpit-svg] > foreignObject > section { width: 960px; height: 720px; }"))
    #expect(built.html.contains("viewBox=\"0 0 960 720\""))
  }
}
