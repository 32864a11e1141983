import Foundation
import LecternDeck
import LecternTestSupport
import Testing

@testable import LecternSlides

@Suite struct RawMathTests {
  private func build(_ markdown: String, katex: KaTeXAssets? = .system) -> BuiltDeck {
    var options = DeckBuildOptions()
    options.katex = katex
    return DeckHTMLRenderer.render(Deck(source: .inline(markdown, path: "t.md")), options: options)
  }

  @Test func markdownEscapesNeverReachInlineTeX() {
    let html = build(#"Spacing $a\,b\;c$, sets $\{x\}$, rows $a \\ b$, code `$\,$` and $\mathbb{R}$."#).html
    #expect(html.contains(#"data-tex="a\,b\;c""#))
    #expect(html.contains(#"data-tex="\{x\}""#))
    #expect(html.contains(#"data-tex="a \\ b""#))
    #expect(html.contains(#"data-tex="\mathbb{R}""#))
    #expect(html.contains(#"<code>$\,$</code>"#), "code spans stay as written")
  }

  @Test func displayMathKeepsMatrixRowsAndSpacing() {
    let html = build("$$\n\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}\\,x\n$$\n").html
    #expect(html.contains("data-tex=\"\n\\begin{pmatrix} a &amp; b \\\\ c &amp; d \\end{pmatrix}\\,x\n\""))
  }

  /// Display math in a file with CRLF or CR line ends is read on the lines `SourceFile` counts (the masked
  /// copy once split CRLF files into fewer lines than the math blocks were found on, and crashed).
  @Test func displayMathReadsTheSameWithEveryLineEnd() {
    let lf = "# Title\n\n$$\nx^2\n$$\n\nAfter $$y$$\n\n$$ z $$\n"
    let expected = build(lf).html
    #expect(expected.contains("data-tex=\"\nx^2\n\""))
    for end in ["\r\n", "\r"] {
      let html = build(lf.replacingOccurrences(of: "\n", with: end)).html
      #expect(html.contains("data-tex="), "line end \(end.debugDescription)")
      #expect(html.contains("After"), "line end \(end.debugDescription)")
    }
    // Found by review: front matter closed on a CR line, then an unclosed block.
    let mixed = build("---\nmath:x\r---\n$$")
    #expect(mixed.slideCount >= 1)
  }

  @Test func dollarsThatAreNotMathStayText() {
    let html = build("Price is $5 and $10, escaped \\$x\\$.").html
    #expect(html.contains("Price is $5 and $10, escaped $x$."))
    #expect(!html.contains("data-tex="))
  }

  @Test func escapedDollarsInsideAFormulaStayTeX() {
    let html = build(#"Cost $\$5 \times 3 = \$15$ and 99.9$\%$, then \$7 of text."#).html
    #expect(html.contains(#"data-tex="\$5 \times 3 = \$15""#))
    #expect(html.contains(#"data-tex="\%""#))
    #expect(html.contains("then $7 of text."))
  }

  @Test func emphasisMarkersInsideAFormulaStayTeX() {
    let html = build("Chains $f*g*h$ and **bold** $a*b$ text *stays* emphasis.").html
    #expect(html.contains(#"data-tex="f*g*h""#))
    #expect(html.contains(#"data-tex="a*b""#))
    #expect(html.contains("<strong>bold</strong>"))
    #expect(html.contains("<em>stays</em>"))
  }

  @Test func doubleDollarsWithinALineAreADisplayFormula() {
    let html = build("- roots $$x = \\frac{1}{2}$$ here, inline $y$\n").html
    #expect(html.contains(#"class="lectern-tex lectern-math-display" data-display="true" data-tex="x = \frac{1}{2}""#))
    #expect(html.contains(#"data-display="false" data-tex="y""#))
    #expect(html.contains("<li>roots <span class=\"lectern-tex lectern-math-display\""), "no dollar is left as text")
    #expect(html.contains("</span> here, inline <span"))
  }

  @Test func unescapingFollowsCommonMark() {
    #expect(RawMath.unescaped(#"\,\{\}\\\alpha"#) == #",{}\\alpha"#)
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: KaTeXAssets.debianDirectory + "/katex.js"), "needs libjs-katex"))
  func katexIsEmbeddedWithItsFontsOnlyWhenTheDeckHasMath() {
    let withMath = build("Euler: $e^{i\\pi} + 1 = 0$")
    #expect(withMath.html.contains("<style id=\"lectern-katex\">"))
    #expect(withMath.html.contains("data:font/woff2;base64,"))
    #expect(!withMath.html.contains("url(fonts/"), "no font is left to fetch")
    #expect(withMath.html.contains("<script id=\"lectern-katex-script\">"))
    #expect(withMath.diagnostics.isEmpty)
    let without = build("No math, just $5.")
    #expect(!without.html.contains("lectern-katex"))
  }

  @Test func missingKaTeXKeepsMathMLAndSaysSoOnce() {
    let built = build("$a$ and $b$\n\n---\n\n$c$", katex: KaTeXAssets(directory: "/nonexistent/katex"))
    #expect(built.diagnostics.filter { $0.code == "no-katex" }.count == 1)
    #expect(built.html.contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\">"))
  }
}
