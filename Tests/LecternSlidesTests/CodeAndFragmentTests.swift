import Foundation
import LecternCore
import LecternDeck
import LecternMarkdown
import LecternTestSupport
import Testing

@testable import LecternSlides

private func build(_ markdown: String, _ options: DeckBuildOptions = DeckBuildOptions()) -> BuiltDeck {
  DeckHTMLRenderer.render(Deck(source: .inline(markdown, path: "test.md")), options: options)
}

private let highlightInstalled = FileManager.default.fileExists(
  atPath: CodeHighlighter.debianDirectory + "/highlight.js")

@Suite struct CodeHighlightingTests {
  @Test func fenceNamesMapToHighlightJSFilesWithWhatTheyEmbed() {
    let files = CodeHighlighter.languageFiles(
      for: ["sh", "C", "csharp", "terraform", "html", "ts", "yml", "Dockerfile", "no-such-language"],
      directory: "/nonexistent", extra: CodeHighlighter.extraLanguages)
    #expect(files == ["bash", "cpp", "cs", "css", "dockerfile", "hcl", "javascript", "typescript", "xml", "yaml"])
  }

  @Test func fenceLanguagesAreFoundInsideListsAndQuotes() {
    let deck = Deck(
      source: .inline(
        "---\nmarp: true\n---\n\n- item\n\n  ```rust\n  fn main() {}\n  ```\n\n> ```python title=x\n> pass\n> ```\n\n```\nplain\n```\n",
        path: "t.md"))
    #expect(deck.slides.flatMap(\.blocks).fenceLanguages() == ["rust", "python"])
  }

  @Test(.enabled(if: highlightInstalled, "needs Debian's node-highlight.js"))
  func thePageCarriesOnlyTheLanguagesTheDeckUses() {
    let built = build("---\nmarp: true\n---\n\n```go\nfunc main() {}\n```\n\n---\n\n```hcl\nresource \"x\" \"y\" {}\n```\n")
    #expect(built.html.contains("<script id=\"lectern-highlight\">"))
    #expect(built.html.contains("hljs.registerLanguage('go'"))
    #expect(built.html.contains("hljs.registerLanguage('hcl'"))
    #expect(!built.html.contains("hljs.registerLanguage('python'"))
    #expect(built.diagnostics.isEmpty)
    #expect(built.html.contains("<pre><code class=\"language-go\">func main() {}"), "the code itself stays in the page")
  }

  @Test func aDeckWithoutFencedLanguagesCarriesNoHighlighter() {
    let built = build("---\nmarp: true\n---\n\n```\nplain\n```\n")
    #expect(!built.html.contains("lectern-highlight\""))
    #expect(built.diagnostics.isEmpty)
  }

  @Test func missingHighlightJSBuildsUncolouredAndSaysSoOnce() {
    var options = DeckBuildOptions()
    options.highlighter = CodeHighlighter(directory: "/nonexistent/highlight")
    let built = build("---\nmarp: true\n---\n\n```go\na\n```\n\n---\n\n```swift\nb\n```\n", options)
    let warnings = built.diagnostics.filter { $0.code == "no-highlighter" }
    #expect(warnings.count == 1)
    #expect(warnings.first?.message.contains("node-highlight.js") == true)
    #expect(!built.html.contains("lectern-highlight\""))
    #expect(built.html.contains("<code class=\"language-swift\">b"))
  }

  @Test func everyBuiltInThemeGivesTokenColoursLightAndInverted() throws {
    for theme in ThemeSet.builtInNames {
      let css = try #require(TemplateCatalogText.theme(theme))
      let parts = css.components(separatedBy: "section.invert,")
      #expect(parts.count == 2, "\(theme): one inverted palette")
      for part in parts {
        #expect(part.contains("--lectern-code-keyword:"), "\(theme)")
        #expect(part.contains("--lectern-code-comment:"), "\(theme)")
      }
      #expect(css.components(separatedBy: "--lectern-code-string:").count - 1 >= 2, "\(theme): light and invert")
    }
  }
}

/// The built-in theme files as compiled into the binary.
private enum TemplateCatalogText {
  static func theme(_ name: String) -> String? {
    ThemeSet().theme(named: name)?.css
  }
}

@Suite struct FragmentTests {
  @Test func starBulletsAndParenNumbersAreFragmentsOtherListsAreNot() {
    let built = build(
      """
      ---
      marp: true
      ---

      * one
      * two **bold**
        - nested dash
        * nested star

      1) first
      2) second

      - dash
      + plus

      1. dot
      """)
    let html = built.html
    #expect(
      html.contains("<ul>\n<li data-marpit-fragment=\"\">one</li>\n<li data-marpit-fragment=\"\">two <strong>bold</strong>"))
    #expect(html.contains("<li>nested dash</li>"))
    #expect(html.contains("<li data-marpit-fragment=\"\">nested star</li>"))
    #expect(html.contains("<ol>\n<li data-marpit-fragment=\"\">first</li>"))
    #expect(html.contains("<li>dash</li>"))
    #expect(html.contains("<li>plus</li>"))
    #expect(html.contains("<li>dot</li>"))
    #expect(html.components(separatedBy: "data-marpit-fragment=\"\"").count - 1 == 5)
  }

  @Test func fragmentListsKeepStartNumbersLooseParagraphsTasksAndMath() {
    let built = build(
      """
      ---
      marp: true
      ---

      3) third

      4) fourth with $x^2$

      * [x] done
      """)
    #expect(built.html.contains("<ol start=\"3\">"))
    #expect(built.html.contains("<li data-marpit-fragment=\"\">\n<p>third</p>"))
    #expect(built.html.contains("<math"), "math inside a fragment still renders")
    #expect(built.html.contains("<input type=\"checkbox\" disabled=\"\" checked=\"\" /> done"))
  }

  @Test func indentedStarListIsAFragmentList() {
    let built = build("---\nmarp: true\n---\n\nText\n\n   * indented\n")
    #expect(built.html.contains("<li data-marpit-fragment=\"\">indented</li>"))
  }
}

@Suite struct TransitionTests {
  @Test func transitionDirectiveReachesTheSectionLocalAndSpot() {
    let built = build(
      """
      ---
      marp: true
      transition: fade 500ms
      ---

      # One

      ---

      <!-- _transition: cover -->
      # Two

      ---

      # Three
      """)
    #expect(built.html.contains("<section id=\"1\" data-theme=\"lectern\" data-transition=\"fade 500ms\""))
    #expect(built.html.contains("<section id=\"2\" data-theme=\"lectern\" data-transition=\"cover\""))
    #expect(built.html.contains("<section id=\"3\" data-theme=\"lectern\" data-transition=\"fade 500ms\""))
  }
}

@Suite struct FitDirectiveTests {
  @Test func lintKnowsTransitionAndFitLocalAndSpot() {
    #expect(DirectiveCatalog.scope(ofKey: "transition") == .local)
    #expect(DirectiveCatalog.scope(ofKey: "_transition") == .spot)
    #expect(DirectiveCatalog.scope(ofKey: "fit") == .local)
    #expect(DirectiveCatalog.scope(ofKey: "_fit") == .spot)
    #expect(DirectiveCatalog.problem(with: .scalar("true"), for: "fit") == nil)
    #expect(DirectiveCatalog.problem(with: .scalar("maybe"), for: "fit") == "expected one of 'true', 'false'")
  }

  @Test func fitReachesTheSectionOfItsSlideOnly() {
    let built = build("---\nmarp: true\n---\n\n<!-- _fit: true -->\n# A\n\n---\n\n# B\n")
    #expect(built.html.contains("<section id=\"1\" data-theme=\"lectern\" data-fit=\"true\""))
    #expect(!built.html.contains("<section id=\"2\" data-theme=\"lectern\" data-fit"))
  }
}
