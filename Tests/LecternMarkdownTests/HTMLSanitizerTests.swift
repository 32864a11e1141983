import LecternCore
import LecternTestSupport
import Testing

@testable import LecternMarkdown

@Suite struct HTMLSanitizerTests {
  private let sanitizer = HTMLSanitizer()

  private func html(_ markdown: String) -> String {
    HTMLRenderer(rawHTML: .allow).render(MarkdownDocument(parsing: .inline(markdown)).blocks)
  }

  @Test func allowedMarkupStaysAsWritten() {
    #expect(sanitizer.sanitize("<b>bold</b> &amp; <br/>") == "<b>bold</b> &amp; <br />")
    #expect(
      sanitizer.sanitize("<div class=\"box\" style=\"color: red\">x</div>")
        == "<div class=\"box\" style=\"color: red\">x</div>")
    #expect(
      sanitizer.sanitize("<a href=\"https://example.com/?a=1&amp;b=2\">x</a>")
        == "<a href=\"https://example.com/?a=1&amp;b=2\">x</a>")
    #expect(sanitizer.sanitize("<img src=\"pic.png\" alt=\"A &lt;pic&gt;\">") == "<img src=\"pic.png\" alt=\"A &lt;pic&gt;\">")
    #expect(sanitizer.sanitize("<IMG SRC=pic.png>") == "<img src=\"pic.png\">")
  }

  @Test func scriptAndEventHandlersNeverSurvive() {
    #expect(sanitizer.sanitize("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
    #expect(sanitizer.sanitize("<img src=x onerror=alert(1)>") == "<img src=\"x\">")
    #expect(sanitizer.sanitize("<b onclick=\"x()\">b</b>") == "<b>b</b>")
    #expect(sanitizer.sanitize("<!-- <script>alert(1)</script> -->after") == "after")
  }

  @Test func noscriptMutationIsShownAsText() {
    let payload = "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>"
    #expect(
      sanitizer.sanitize(payload)
        == "&lt;noscript&gt;<p title=\"&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;\">&lt;/noscript&gt;")
  }

  @Test(arguments: [
    "java&Tab;script:alert(1)", "&#106avascript:alert(1)", "&#x000000006A;avascript:alert(1)", "&#0000106;avascript:alert(1)",
    " \u{1}javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\nscript:alert(1)", "javascript&colon;alert(1)",
    "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", "&#x6a&#x61vascript:alert(1)",
  ])
  func scriptURLsAreDroppedHoweverTheyAreSpelled(url: String) {
    let escaped = url.replacingOccurrences(of: "\"", with: "&quot;")
    let out = sanitizer.sanitize("<a href=\"\(escaped)\">x</a>")
    #expect(out == "<a>x</a>", "\(url) → \(out)")
    #expect(sanitizer.sanitize("<img src=\"\(escaped)\">") == "<img>")
  }

  @Test func referencesDecodeAsInTheStandard() {
    #expect(CharacterReferences.decodeAttribute("&#106avascript") == "javascript")
    #expect(CharacterReferences.decodeAttribute("&#x000000006A;") == "j")
    #expect(CharacterReferences.decodeAttribute("&Tab;&NewLine;&colon;") == "\t\n:")
    #expect(CharacterReferences.decodeAttribute("&#x80;&#0;&#xD800;") == "€\u{FFFD}\u{FFFD}")
    // The attribute rule: a legacy name without `;` before `=` or a letter stays text.
    #expect(CharacterReferences.decodeAttribute("?a=1&copy=2&amp;x") == "?a=1&copy=2&x")
    #expect(CharacterReferences.decodeAttribute("&copy 2026") == "© 2026")
    #expect(CharacterReferences.decodeAttribute("&notin;&noti;") == "∉&noti;")
  }

  @Test func formsFramesForeignContentAndTemplatesAreText() {
    for payload in [
      "<form action=\"javascript:alert(1)\"><button>go</button></form>",
      "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
      "<math><a href=\"javascript:alert(1)\">x</a></math>",
      "<svg><animate attributeName=href values=javascript:alert(1) /></svg>",
      "<template><img src=x onerror=alert(1)></template>", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    ] {
      let out = sanitizer.sanitize(payload)
      #expect(!out.contains("<form") && !out.contains("<svg") && !out.contains("<math") && !out.contains("<template"))
      #expect(!out.contains("<iframe") && !out.contains("<button") && !out.contains("<animate"))
      #expect(!out.contains("href=\"javascript"), "\(payload) → \(out)")
    }
  }

  @Test func brokenTagsAreShownNotDropped() {
    #expect(sanitizer.sanitize("a < b and <div class=\"x") == "a &lt; b and &lt;div class=&quot;x")
  }

  @Test func markdownWithHTMLTrueGoesThroughTheSanitizer() {
    #expect(html("a <b onclick=\"x()\">b</b>\n") == "<p>a <b>b</b></p>\n")
    #expect(html("<div onmouseover=\"alert(1)\">\n\n*x*\n\n</div>\n") == "<div>\n<p><em>x</em></p>\n</div>\n")
    #expect(html("<script>alert(1)</script>\n") == "&lt;script&gt;alert(1)&lt;/script&gt;\n")
  }
}
