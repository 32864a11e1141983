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
    // Two on the slides and one in the page title.
    #expect(warnings.first?.message == "no metrics store: 3 placeholders show 'no data'; pass --data DIR or --db FILE")
    #expect(built.html.contains("<title>We deploy no data</title>"))
  }

  @Test func aDeckWithoutPlaceholdersDoesNotWarn() {
    let built = DeckHTMLRenderer.render(Deck(source: .inline("---\nmarp: true\n---\n\n# Plain\n", path: "t.md")))
    #expect(built.diagnostics.isEmpty)
  }
}

@Suite struct BackgroundToneTests {
  @Test func colourNotationsReadAsLightOrDark() {
    #expect(BackgroundTone(cssColor: "#fdf6e3") == .light)
    #expect(BackgroundTone(cssColor: "#FFF") == .light)
    #expect(BackgroundTone(cssColor: "#0f2233") == .dark)
    #expect(BackgroundTone(cssColor: "rgb(20, 20, 20)") == .dark)
    #expect(BackgroundTone(cssColor: "rgba(250 250 250 / 0.5)") == .light)
    #expect(BackgroundTone(cssColor: " white ") == .light)
    #expect(BackgroundTone(cssColor: "navy") == .dark)
    #expect(BackgroundTone(cssColor: "var(--brand)") == nil)
    #expect(BackgroundTone(cssColor: "linear-gradient(red, blue)") == nil)
    #expect(BackgroundTone(cssColor: "#12345") == nil)
  }

  @Test func aBackgroundColourWithoutATextColourMarksTheSlidesTone() {
    let html = DeckHTMLRenderer.render(
      Deck(
        source: .inline(
          "---\nmarp: true\n---\n\n<!-- _backgroundColor: \"#fdf6e3\" -->\n# A\n\n---\n\n<!-- _backgroundColor: black -->\n<!-- _color: white -->\n# B\n",
          path: "t.md"))
    ).html
    #expect(html.contains("<section id=\"1\" data-theme=\"lectern\" data-background-color=\"#fdf6e3\""))
    #expect(html.contains("data-lectern-tone=\"light\""))
    #expect(!html.contains("data-lectern-tone=\"dark\" "), "an explicit color directive wins")
  }
}
