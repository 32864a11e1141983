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

/// Slides render in runs that make each distinct set of directive attributes once: every slide's section must
/// still carry its own directives, whatever its neighbours and wherever a run starts.
@Suite struct DirectiveAttributeRunTests {
  @Test func everySectionCarriesItsOwnDirectivesAcrossRuns() throws {
    var markdown = "---\nmarp: true\nclass: base\n---\n"
    for i in 1...60 {
      if i > 1 { markdown += "\n---\n" }
      markdown += "\n# Slide \(i)\n\n"
      if i % 3 == 0 { markdown += "<!-- _class: lead -->\n\n" }
      if i % 5 == 0 { markdown += "<!-- _backgroundColor: \"#123456\" -->\n\n" }
      if i == 20 { markdown += "<!-- color: red -->\n\n" }
    }
    let html = DeckHTMLRenderer.render(Deck(source: .inline(markdown, path: "t.md"))).html
    let sections = html.matches(of: /<section id="(\d+)"([^>]*)>/).map { (Int($0.output.1)!, String($0.output.2)) }
    #expect(sections.map(\.0) == Array(1...60))
    for (i, attributes) in sections {
      #expect(attributes.contains("class=\"\(i % 3 == 0 ? "lead" : "base")\""), "slide \(i): \(attributes)")
      #expect(attributes.contains("data-background-color=\"#123456\"") == (i % 5 == 0), "slide \(i)")
      #expect(attributes.contains("data-color=\"red\"") == (i >= 20), "slide \(i)")
      #expect(attributes.contains("--color:red;") == (i >= 20), "slide \(i)")
    }
  }
}
