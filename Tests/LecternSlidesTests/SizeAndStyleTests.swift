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

@Suite struct PlaceholderPageTests {
  @Test func withoutAStorePlaceholdersWarnOnceWithTheirCountAndTheTitleIsSubstituted() {
    let built = DeckHTMLRenderer.render(
      Deck(
        source: .inline(
          "---\nmarp: true\ntitle: We deploy {{dora.deployment_frequency}}\n---\n\n# {{dora.lead_time}}\n\n---\n\n{{dora.window}}\n",
          path: "t.md")))
    let warnings = built.diagnostics.filter { $0.code == "no-metrics-store" }
    #expect(warnings.count == 1)
    #expect(warnings.first?.message == "no metrics store: 2 placeholders show 'no data'; pass --data DIR or --db FILE")
    #expect(built.html.contains("<title>We deploy no data</title>"))
  }

  @Test func aDeckWithoutPlaceholdersDoesNotWarn() {
    let built = DeckHTMLRenderer.render(Deck(source: .inline("---\nmarp: true\n---\n\n# Plain\n", path: "t.md")))
    #expect(built.diagnostics.isEmpty)
  }
}
