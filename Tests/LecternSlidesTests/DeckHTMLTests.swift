import Foundation
import LecternCore
import LecternDeck
import LecternMarkdown
import LecternTemplates
import LecternTestSupport
import Testing

@testable import LecternSlides

private func build(_ markdown: String, _ options: DeckBuildOptions = DeckBuildOptions(), path: String = "test.md") -> BuiltDeck {
  DeckHTMLRenderer.render(Deck(source: .inline(markdown, path: path)), options: options)
}

/// The markup of slide `n` (its `<svg>` element).
private func slide(_ html: String, _ n: Int) -> String {
  let marker = "aria-label=\"Slide \(n)\">"
  guard let start = html.range(of: marker) else { return "" }
  let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex)!
  return String(html[start.upperBound..<end.lowerBound])
}

private func count(_ needle: String, in haystack: String) -> Int {
  haystack.components(separatedBy: needle).count - 1
}

@Suite struct DeckMarkupTests {
  @Test func everySlideIsAnSVGWithMarpSectionAttributes() {
    let built = build(
      """
      ---
      marp: true
      paginate: true
      class: invert
      header: "**Q3** review"
      ---

      # One

      ---

      <!-- _class: lead -->
      <!-- _paginate: false -->
      # Two
      """)
    #expect(built.slideCount == 2)
    #expect(count("<svg data-marpit-svg=\"\" viewBox=\"0 0 1280 720\"", in: built.html) == 2)
    let one = slide(built.html, 1)
    #expect(one.contains("<section id=\"1\" class=\"invert\" data-theme=\"lectern\""))
    #expect(one.contains("data-marpit-pagination=\"1\" data-marpit-pagination-total=\"2\""))
    #expect(one.contains("data-paginate=\"true\""))
    #expect(one.contains("--class:invert;"))
    #expect(one.contains("<header><strong>Q3</strong> review</header>"))
    let two = slide(built.html, 2)
    #expect(two.contains("class=\"lead\""))
    #expect(!two.contains("data-marpit-pagination="), "a _paginate: false slide shows no number")
  }

  @Test func paginationSkipAndHoldFollowMarp() {
    let built = build(
      """
      ---
      marp: true
      paginate: true
      ---
      <!-- _paginate: skip -->
      # Title
      ---
      # A
      ---
      <!-- _paginate: hold -->
      # A, continued
      ---
      # B
      """)
    #expect(!slide(built.html, 1).contains("data-marpit-pagination="))
    #expect(slide(built.html, 2).contains("data-marpit-pagination=\"1\" data-marpit-pagination-total=\"2\""))
    #expect(slide(built.html, 3).contains("data-marpit-pagination=\"1\""))
    #expect(slide(built.html, 4).contains("data-marpit-pagination=\"2\" data-marpit-pagination-total=\"2\""))
  }

  /// A background URL is a CSS string in the page: its quotes and backslashes are escaped byte by byte (a quote
  /// stays a quote to a CSS tokenizer even with a combining mark after it), and filter values keep their words.
  @Test func backgroundURLsAreEscapedAsCSSStrings() {
    let built = build("---\nmarp: true\n---\n![bg blur:4px](<a\"\u{301}b\\\\c.png>)\n\n# T\n")
    let markup = slide(built.html, 1)
    #expect(markup.contains("background-image:url(&quot;a\\&quot;\u{301}b\\\\c.png&quot;);"), "\(markup)")
    #expect(markup.contains("filter:blur(4px)"))
  }

  @Test func splitBackgroundNarrowsTheContentToTheOtherSide() {
    let built = build("---\nmarp: true\n---\n![bg left:60% sepia](office.png)\n\n# Right side\n")
    let markup = slide(built.html, 1)
    #expect(markup.contains("data-marpit-advanced-background=\"background\" data-marpit-advanced-background-split=\"left\""))
    #expect(markup.contains("--marpit-advanced-background-split:60%"))
    #expect(markup.contains("<foreignObject x=\"768\" width=\"512\" height=\"720\">"))
    #expect(markup.contains("background-image:url(&quot;office.png&quot;);"))
    #expect(markup.contains("filter:sepia(1);"))
    #expect(markup.contains("data-marpit-advanced-background=\"pseudo\""))
    #expect(!markup.contains("<img"), "a background image never shows inline")
    #expect(!markup.contains("<p></p>"))

    let right = slide(build("---\nmarp: true\n---\n![bg right](a.png)\n![bg](b.png)\n\n# Left\n").html, 1)
    #expect(right.contains("<foreignObject width=\"640\" height=\"720\"><section id=\"1\""))
    #expect(count("<figure", in: right) == 2)
  }

  @Test func inlineImagesGetMarpSizesAndFilters() {
    let markup = slide(build("---\nmarp: true\n---\n![w:200 h:30cm grayscale Logo](logo.png \"The logo\")\n").html, 1)
    #expect(
      markup.contains(#"<img src="logo.png" alt="Logo" title="The logo" style="width:200px;height:30cm;filter:grayscale(1);" />"#)
    )
  }

  @Test func fitHeadingsAreMarkedForTheViewerToScale() {
    let markup = slide(build("---\nmarp: true\n---\n# <!--fit--> Big *idea*\n").html, 1)
    #expect(markup.contains(#"<h1 data-lectern-fit=""><span data-lectern-fit-content="">Big <em>idea</em></span></h1>"#))
    #expect(!markup.contains("&lt;!--"))
    // The marker's spaces go on both sides; spaces inside the text and a combining mark after one stay.
    let trailing = slide(build("---\nmarp: true\n---\n# Big  idea \u{301}  <!--fit-->\n").html, 1)
    #expect(trailing.contains("<span data-lectern-fit-content=\"\">Big  idea \u{301}</span>"), "\(trailing)")
  }

  @Test func directivesAndNotesNeverShowOnTheSlide() {
    let built = build("---\nmarp: true\n---\n<!-- _class: lead -->\n\n# Hello\n\n<!-- Say <b>hi</b> & smile -->\n")
    let markup = slide(built.html, 1)
    #expect(!markup.contains("Say"))
    #expect(!markup.contains("_class"))
    #expect(built.html.contains(#"<div data-slide="1"><p>Say &lt;b&gt;hi&lt;/b&gt; &amp; smile</p></div>"#))
  }

  @Test func sizeDirectivePicksTheThemePreset() {
    let built = build("---\nmarp: true\nsize: 4:3\n---\n# Square-ish\n")
    #expect(built.size == SlideSize(name: "4:3", width: 960, height: 720))
    #expect(built.html.contains("viewBox=\"0 0 960 720\""))
    #expect(built.html.contains("@page { size: 960px 720px; margin: 0; }"))
    let unknown = build("---\nmarp: true\nsize: A4\n---\n# x\n")
    #expect(unknown.diagnostics.contains { $0.code == "unknown-size" && $0.message.contains("16:9") })
    #expect(unknown.size.width == 1280)
  }

  @Test func metadataGoesIntoTheHead() {
    let built = build(
      """
      ---
      marp: true
      title: Ship <small> batches
      description: Why "small" wins
      author: Platform Guild
      lang: de
      url: https://example.com/talk
      image: https://example.com/og.png
      ---
      # Hallo
      """)
    #expect(built.html.contains("<html lang=\"de\">"))
    #expect(built.html.contains("<title>Ship &lt;small&gt; batches</title>"))
    #expect(built.html.contains("<meta name=\"description\" content=\"Why &quot;small&quot; wins\">"))
    #expect(built.html.contains("<meta name=\"author\" content=\"Platform Guild\">"))
    #expect(built.html.contains("<meta property=\"og:image\" content=\"https://example.com/og.png\">"))
    #expect(build("# Only a heading\n", path: "talks/my-talk.md").html.contains("<title>Only a heading</title>"))
  }

  @Test func notesAsPlainTextSeparateSlides() {
    let deck = Deck(
      source: .inline("---\nmarp: true\n---\n# A\n<!-- first -->\n<!-- second -->\n---\n# B\n---\n# C\n<!-- third -->\n"))
    #expect(DeckHTMLRenderer.notesText(deck) == "first\n\nsecond\n\n---\n\n\n\n---\n\nthird\n")
  }
}

@Suite struct DeckSecurityTests {
  @Test func rawHTMLIsEscapedUnlessTheDeckOptsIn() {
    let source =
      "---\nmarp: true\n---\n# Hi\n\n<div class=\"x\" onclick=\"steal()\">boxed</div>\n\nLine<br>break and <sub>2</sub>\n"
    let off = slide(build(source).html, 1)
    #expect(off.contains("&lt;div class=&quot;x&quot; onclick=&quot;steal()&quot;&gt;boxed&lt;/div&gt;"))
    #expect(off.contains("Line<br>break and <sub>2</sub>"), "attribute-free formatting tags are on the safe list")
    let on = slide(build(source.replacingOccurrences(of: "marp: true", with: "marp: true\nhtml: true")).html, 1)
    #expect(on.contains("<div class=\"x\">boxed</div>"), "the sanitizer keeps class and drops onclick")
    let flag = slide(build(source, DeckBuildOptions(allowHTML: true)).html, 1)
    #expect(flag.contains("<div class=\"x\""))
  }

  @Test func scriptURLsNeverSurvive() {
    let source = """
      ---
      marp: true
      html: true
      ---
      [click](javascript:alert(1)) [vb](VBScript:msgbox) ![img](javascript:alert(2))

      <a href="jav&#x61;script:alert(3)">raw</a> <a href=' javascript:alert(4)'>raw2</a> <a href="https://ok.example">fine</a>
      """
    let markup = slide(build(source).html, 1)
    #expect(!markup.lowercased().contains("javascript:"))
    #expect(!markup.lowercased().contains("vbscript:"))
    #expect(!markup.contains("jav&#x61;script"))
    #expect(markup.contains("href=\"https://ok.example\""))
  }

  @Test func styleDirectiveValuesCannotEscapeTheStyleAttribute() {
    let markup = slide(
      build("---\nmarp: true\n---\n<!-- _backgroundColor: \"red;}</style><script>x()</script>\" -->\n# x\n").html, 1)
    #expect(!markup.contains("<script>"))
    #expect(markup.contains("background-color:red/stylescriptx()/script"))
  }
}

@Suite struct ThemeTests {
  @Test func marpThemeNamesAreThemesOfTheirOwn() throws {
    let themes = ThemeSet()
    for name in ["default", "gaia", "uncover"] {
      let theme = try #require(themes.theme(named: name))
      #expect(theme.name == name)
      #expect(theme.css.contains("@theme \(name)"))
    }
    #expect(themes.theme(named: "default")?.css != themes.theme(named: "lectern")?.css)
    #expect(build("---\nmarp: true\n---\n# x\n").themeName == "lectern", "a deck naming no theme keeps Lectern's")
    for name in ThemeSet.builtInNames {
      let theme = try #require(themes.theme(named: name))
      #expect(theme.sizes.map(\.name) == ["16:9", "4:3"])
      #expect(theme.sectionSize == SlideSize(name: "theme", width: 1280, height: 720))
      for needed in [
        "section.invert", "section.lead", "section.split", "table", "th", "pre", "blockquote", "header", "footer",
        "data-marpit-pagination",
      ] {
        #expect(themes.flattened(theme).css.contains(needed), "theme \(name) styles \(needed)")
      }
    }
  }

  @Test func theSectionSizeComesFromARuleSelectingExactlySection() {
    func size(_ css: String) -> SlideSize? { Theme(css: "/* @theme t */\n" + css, path: nil).sectionSize }
    let wide = SlideSize(name: "theme", width: 1600, height: 900)
    #expect(size("section h1 { width: 10px; height: 10px; }\nsection { width: 1600px; height: 900px; }") == wide)
    #expect(size("section, h1 { width: 10px; height: 10px; }") == nil, "a list naming section is not section")
    #expect(size("h1 {}\n/* a */ section /* b */ { width: 1600px; height: 900px }") == wide, "comments around it")
    #expect(size("/* section */ h1 { width: 1600px; height: 900px }") == nil, "section inside a comment")
    #expect(size("h1 {}\r\n\tsection\r\n{ width: 1600px; height: 900px }") == wide, "CRLF and tabs are spaces")
    #expect(size("@media print { section { width: 1600px; height: 900px } }") == nil, "only a top-level rule")
    #expect(size("sections { width: 1600px; height: 900px }") == nil)
    #expect(size("section { width: 50%; height: 900px }") == nil, "pixels only")
  }

  @Test func unknownThemeFallsBackWithAWarningWhereItIsNamed() {
    let built = build("---\nmarp: true\ntheme: academic\n---\n# x\n")
    #expect(built.themeName == "lectern")
    let warning = built.diagnostics.first { $0.code == "unknown-theme" }
    #expect(warning?.range?.start.line == 3)
    #expect(warning?.message.contains("--theme FILE.css") == true)
  }

  @Test func aMarpThemeFileWorksUnchanged() throws {
    var themes = ThemeSet()
    let css = """
      /* @theme corporate */
      /* @size 4K 3840px 2160px */
      @import 'default';
      @import url('https://fonts.example/inter.css');
      section { background: #003; color: white; }
      h1 { color: gold; }
      """
    themes.add(Theme(css: css, path: "/themes/corporate.css"))
    let built = build("---\nmarp: true\ntheme: corporate\nsize: 4K\n---\n# x\n", DeckBuildOptions(themes: themes))
    #expect(built.themeName == "corporate")
    #expect(built.size == SlideSize(name: "4K", width: 3840, height: 2160))
    #expect(built.html.contains("div.marpit > svg > foreignObject > section h1 {"))
    #expect(built.html.contains("--df-bg"), "the imported built-in theme (Marp's default) is inlined")
    let themeCSS = try #require(built.html.components(separatedBy: "<style id=\"lectern-theme\">").last)
    #expect(themeCSS.hasPrefix("@import url('https://fonts.example/inter.css');\n"), "URL imports are hoisted")
  }

  @Test func scoperRewritesSelectorsButNotAtRuleBodies() {
    let scoper = CSSScoper(slide: "S")
    let result = scoper.scope(
      """
      /* c { } */
      section.lead h1, :root > p, h2:not(.x) { color: red; }
      @media (max-width: 10px) { section { margin: 0 } a { b: c } }
      @keyframes spin { from { opacity: 0 } to { opacity: 1 } }
      @font-face { font-family: "X"; src: url("x{y}.woff"); }
      sectionx, html { a: "}" }
      @import "late.css";
      """)
    #expect(result.css.contains("S.lead h1,\nS > p,\nS h2:not(.x) { color: red; }"))
    #expect(result.css.contains("@media (max-width: 10px) {\nS { margin: 0 }\nS a { b: c }\n}"))
    #expect(result.css.contains("@keyframes spin { from { opacity: 0 } to { opacity: 1 } }"))
    #expect(result.css.contains("src: url(\"x{y}.woff\");"))
    #expect(result.css.contains("S sectionx,\nS { a: \"}\" }"))
    #expect(result.imports == ["@import \"late.css\";"])
  }

  @Test func scopedStylesReachOnlyTheirSlide() {
    let built = build(
      "---\nmarp: true\n---\n# A\n---\n<style scoped>\nh1 { color: red }\n</style>\n\n# B\n---\n<style>\np { margin: 0 }\n</style>\n# C\n"
    )
    #expect(built.html.contains("div.marpit > svg > foreignObject > section[data-lectern-scope=\"s2\"] h1 { color: red }"))
    #expect(slide(built.html, 2).contains("data-lectern-scope=\"s2\""))
    #expect(!slide(built.html, 1).contains("data-lectern-scope"))
    #expect(built.html.contains("div.marpit > svg > foreignObject > section p { margin: 0 }"))
    #expect(!slide(built.html, 3).contains("margin: 0"), "a global <style> is CSS, not slide content")
  }

  /// The page is joined around markers in place of the slides and notes; a custom template that escapes a
  /// value (`{{notes}}`) gets it escaped, as when the values are rendered in place, not the raw HTML.
  @Test func aTemplateThatEscapesTheNotesGetsThemEscaped() throws {
    let folder = TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    // The built-in page with the notes escaped: every other marked value is still there once.
    let builtIn = try #require(TemplateCatalog.text("deck.html"))
    #expect(builtIn.contains("{{{notes}}}"))
    try builtIn.replacingOccurrences(of: "{{{notes}}}", with: "<textarea>{{notes}}</textarea>").write(
      to: folder.appendingPathComponent("deck.html.mustache"), atomically: true, encoding: .utf8)
    var options = DeckBuildOptions()
    options.templates = try TemplateLibrary(overlaying: folder.path)
    let deck = Deck(source: SourceFile(path: "t.md", text: "# One\n\n<!-- say <b>hello</b> -->\n"))
    let html = DeckHTMLRenderer.render(deck, options: options).html
    let textarea = try #require(html.range(of: "<textarea>").map { html[$0.upperBound...] })
    #expect(textarea.hasPrefix("&lt;"), "\(textarea.prefix(80))")
    #expect(!textarea.contains("<div"))
    #expect(!html.contains("lectern&part") && !html.contains("lectern&amp;part"))
    #expect(html.contains("One</h1>"))
  }

  @Test func everyTemplateFileIsInTheCatalogAndParses() throws {
    let folder = TestPaths.repositoryRoot().appendingPathComponent("templates")
    let files = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") })
    let catalog = Set(TemplateCatalog.files.keys.map { TemplateCatalog.templateNames.contains($0) ? $0 + ".mustache" : $0 })
    #expect(files == catalog)
    for name in TemplateCatalog.templateNames {
      let text = try #require(TemplateCatalog.text(name))
      for partial in text.components(separatedBy: "{{>").dropFirst() {
        let partialName = partial.prefix { $0 != "}" }.trimmingCharacters(in: .whitespaces)
        #expect(TemplateCatalog.templateNames.contains(partialName), "partial \(partialName) in \(name)")
      }
    }
  }
}

@Suite struct MathTests {
  @Test func inlineAndDisplayMathBecomeMathML() {
    let markup = slide(
      build(
        "---\nmarp: true\n---\nEnergy $E = mc^2$ costs $5 and $10.\n\n$$\n\\frac{a_1}{\\sqrt{b}} \\leq \\sum_{i=0}^{n} x_i\n$$\n"
      ).html, 1)
    #expect(markup.contains("<msup><mi>c</mi><mrow><mn>2</mn></mrow></msup>"))
    #expect(markup.contains(" costs $5 and $10."), "prices are not math")
    #expect(markup.contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">"))
    #expect(
      markup.contains(
        "<mfrac><mrow><msub><mi>a</mi><mrow><mn>1</mn></mrow></msub></mrow><mrow><msqrt><mi>b</mi></msqrt></mrow></mfrac>"))
    #expect(markup.contains("<munderover><mo>∑</mo>"))
    #expect(markup.contains("<mo>≤</mo>"))
  }

  @Test func unknownCommandsStayVisibleAndMathCanBeTurnedOff() {
    #expect(TeXMath.mathML("\\weird{x}", display: false).contains("\\weird"))
    let off = slide(build("---\nmarp: true\nmath: false\n---\n$x^2$\n").html, 1)
    #expect(off.contains("$x^2$"))
    #expect(!off.contains("<math"))
  }
}

@Suite struct AssetTests {
  @Test func imagesAreLinkedFromTheOutputOrEmbeddedWithinTheDeckFolder() throws {
    let root = TestPaths.temporaryDirectory()
    let deckDir = root.appendingPathComponent("talk")
    try FileManager.default.createDirectory(at: deckDir.appendingPathComponent("img"), withIntermediateDirectories: true)
    let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    try png.write(to: deckDir.appendingPathComponent("img/inside.png"))
    try png.write(to: root.appendingPathComponent("outside.png"))
    let markdown =
      "---\nmarp: true\n---\n![bg](img/inside.png)\n\n![](../outside.png)\n\n![](img/missing.png)\n\n![](https://example.com/remote.png)\n"
    let path = deckDir.appendingPathComponent("deck.md").path
    let deck = Deck(source: .inline(markdown, path: path))

    let linked = DeckHTMLRenderer.render(
      deck,
      options: DeckBuildOptions(
        assets: AssetResolver(
          deckDirectory: deckDir, outputDirectory: root.appendingPathComponent("out"), embed: false, allowLocalFiles: false)))
    #expect(linked.html.contains("url(&quot;../talk/img/inside.png&quot;)"))
    #expect(linked.html.contains("src=\"../outside.png\""))
    #expect(linked.html.contains("src=\"https://example.com/remote.png\""))
    let missing = linked.diagnostics.filter { $0.code == "missing-image" }
    #expect(missing.count == 1)
    #expect(missing.first?.range?.start.line == 8)
    #expect(missing.first?.message.contains("img/missing.png") == true)

    let embedded = DeckHTMLRenderer.render(
      deck,
      options: DeckBuildOptions(
        assets: AssetResolver(deckDirectory: deckDir, outputDirectory: deckDir, embed: true, allowLocalFiles: false)))
    #expect(embedded.html.contains("url(&quot;data:image/png;base64,\(png.base64EncodedString())&quot;)"))
    #expect(embedded.html.contains("src=\"../outside.png\""), "outside the deck's folder: linked, not embedded")
    #expect(embedded.diagnostics.contains { $0.message.contains("--allow-local-files") && $0.range?.start.line == 6 })

    let allowed = DeckHTMLRenderer.render(
      deck,
      options: DeckBuildOptions(
        assets: AssetResolver(deckDirectory: deckDir, outputDirectory: deckDir, embed: true, allowLocalFiles: true)))
    #expect(count("data:image/png;base64", in: allowed.html) == 2)
    #expect(!allowed.diagnostics.contains { $0.message.contains("--allow-local-files") })
  }
}

@Suite(.enabled(if: TestPaths.seed("000") != nil, "../shared/seeds is absent: seed build tests skipped"))
struct SeedDeckBuildTests {
  @Test func seedDeckBuildsWithEverySlideAndItsSplitBackground() throws {
    let url = try #require(TestPaths.seed("000"))
    let deck = Deck(source: try .at(url))
    let built = DeckHTMLRenderer.render(deck)
    #expect(built.slideCount == 45)
    #expect(count("<svg data-marpit-svg=", in: built.html) == 45)
    #expect(count("<section id=", in: built.html) == 45)
    // `<!-- _class: split -->` with `![bg left:60%]`: the content sits in the right 40%.
    let splitSlide = try #require(deck.slides.first { $0.backgrounds.contains { $0.split == .left && $0.splitSize == "60%" } })
    let markup = slide(built.html, splitSlide.number)
    #expect(
      markup.contains(
        "<foreignObject x=\"768\" width=\"512\" height=\"720\"><section id=\"\(splitSlide.number)\" class=\"split\""))
    // html: true in the seed: its coloured span survives; the fit heading is marked.
    #expect(
      slide(built.html, 1).contains("<span data-lectern-fit-content=\"\"><span style=\"color:red;\">Disclaimer</span></span>"))
    // Speaker notes of every slide reach the presenter view.
    let noted = deck.slides.filter { !$0.notes.isEmpty }.count
    #expect(count("<div data-slide=", in: built.html) == noted)
  }
}

@Suite struct DeckPageTests {
  /// The page answers the template by name (no reflection at render time); a property added to the page but
  /// not to `child(named:)` would render empty, so every stored property is checked against `Mirror`.
  @Test func everyPropertyAnswersByItsNameWithItsValue() throws {
    let page = DeckPage(
      lang: "en", title: "T", description: nil, author: "A", url: "https://example.com", image: nil, keywords: "k",
      theme: "gaia", width: 1280, height: 720, slideCount: 3, progress: true, viewerCSS: "v{}", viewerJS: "v()",
      themeCSS: "t{}", highlightJS: nil, mathCSS: "m{}", mathJS: nil, slides: "<svg/>", notes: "<div/>")
    let labels = Mirror(reflecting: page).children.compactMap(\.label)
    #expect(labels.count == 20)
    for child in Mirror(reflecting: page).children {
      let label = try #require(child.label)
      let expected = String(describing: child.value)
      let answered = page.child(named: label)
      // Mirror gives an Optional's value boxed; the page answers nil for a missing one, as the template expects.
      if expected == "nil" {
        #expect(answered == nil, "\(label)")
      } else {
        let got = try #require(answered, "\(label) has no answer")
        #expect(expected == String(describing: got) || expected == "Optional(\(String(reflecting: got)))", "\(label)")
      }
    }
    #expect(page.child(named: "nothing") == nil)
  }
}

@Suite struct SpeakerNotesHTMLTests {
  /// Notes become paragraphs at blank lines, their lines joined by `<br>`, text escaped; a one-line note (the
  /// quick path) and a blank one give what the line-by-line path gives; CRLF and CR end lines as LF does.
  @Test func notesBecomeEscapedParagraphs() {
    #expect(DeckHTMLRenderer.notesHTML(["Say <b> & go"]) == "<p>Say &lt;b&gt; &amp; go</p>")
    #expect(DeckHTMLRenderer.notesHTML(["  \t"]) == "")
    #expect(DeckHTMLRenderer.notesHTML(["one\ntwo\n\nthree"]) == "<p>one<br>two</p><p>three</p>")
    #expect(DeckHTMLRenderer.notesHTML(["one\r\ntwo\r\n\r\nthree\rfour"]) == "<p>one<br>two</p><p>three<br>four</p>")
    #expect(DeckHTMLRenderer.notesHTML(["a", "b\n"]) == "<p>a</p><p>b</p>")
  }
}
