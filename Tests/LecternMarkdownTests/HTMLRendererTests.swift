import LecternCore
import LecternTestSupport
import Testing

@testable import LecternMarkdown

@Suite struct HTMLRendererTests {
  private func html(_ markdown: String, raw: Bool = false) -> String {
    HTMLRenderer(allowRawHTML: raw).render(MarkdownDocument(parsing: .inline(markdown)).blocks)
  }

  @Test func sameOutputAsCmarkForOrdinaryMarkdown() {
    #expect(
      html("# T\n\n*a* **b** `c` ~~d~~\n\n- x\n- [x] done\n")
        == "<h1>T</h1>\n<p><em>a</em> <strong>b</strong> <code>c</code> <del>d</del></p>\n<ul>\n<li>x</li>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done</li>\n</ul>\n"
    )
  }

  @Test func tablesRenderWithAlignment() {
    #expect(
      html("| a | b |\n|:-:|--:|\n| 1 | 2 |\n")
        == "<table>\n<thead>\n<tr>\n<th align=\"center\">a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"center\">1</td>\n<td align=\"right\">2</td>\n</tr>\n</tbody>\n</table>\n"
    )
  }

  /// Found by FuzzDeck (issue 17): a footnote reference inside a table cell was dropped from the page (cmark
  /// refuses custom inlines in a cell) and its node leaked. It renders in the cell as it does in a paragraph.
  @Test func footnoteReferenceInATableCellIsKept() {
    let out = html(
      "| When | What |\n|---|---|\n| 14:33 | diagnosis (USE method)[^1] |\n\n[^1]: Utilization, Saturation, Errors.\n")
    #expect(out.contains("<td>diagnosis (USE method)<sup class=\"footnote-ref\"><a href=\"#fn-1\">1</a></sup></td>"), "\(out)")
    #expect(out.contains("Utilization, Saturation, Errors."))
  }

  @Test func rawHTMLIsEscapedUnlessAllowed() {
    #expect(html("a <b onclick=\"x()\">b</b>\n") == "<p>a &lt;b onclick=&quot;x()&quot;&gt;b&lt;/b&gt;</p>\n")
    #expect(html("a <b>b</b>\n", raw: true) == "<p>a <b>b</b></p>\n")
    #expect(html("<div>\nx\n</div>\n") == "<p>&lt;div&gt;\nx\n&lt;/div&gt;</p>\n")
  }

  @Test(arguments: ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "vbscript:x", "data:text/html,x"])
  func dangerousLinksNeverSurvive(_ url: String) {
    for raw in [false, true] {
      let out = HTMLRenderer(allowRawHTML: raw).render([
        Block(
          .paragraph([Inline(.link(destination: url, title: "", children: [Inline(.text("x"), range: nil)]), range: nil)]),
          range: nil)
      ])
      #expect(out == "<p><a href=\"\">x</a></p>\n")
    }
  }

  @Test func tagFilterStillAppliesWhenRawHTMLIsAllowed() {
    #expect(html("<script>alert(1)</script>\n", raw: true).hasPrefix("&lt;script&gt;alert(1)"))
  }
}
