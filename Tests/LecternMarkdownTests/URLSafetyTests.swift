import LecternMarkdown
import Testing

/// Links and images that never survive, whether their start is ASCII (read over bytes) or not.
struct URLSafetyTests {
  @Test(arguments: [
    ("javascript:alert(1)", false, false), ("JaVaScRiPt:alert(1)", false, false), (" \tjava\nscript:x", false, false),
    ("java\u{7F}script:x", false, false), ("vbscript:msgbox", false, false), ("FILE:///etc/passwd", false, false),
    ("data:text/html,<b>", true, false), ("data:image/png;base64,AAAA", true, true), ("DATA:IMAGE/SVG+XML,<svg/>", true, true),
    ("data:image/png;base64,AAAA", false, false), ("https://example.com/ü", false, true), ("img/ß.png", true, true),
    ("ü:javascript:", false, true), ("javascript\u{00A0}:x", false, true), ("mailto:a@b.c", false, true), ("", false, true),
    ("d a t a : i m a g e / g i f ,x", true, true), ("\u{1F600}javascript:x", false, true),
  ])
  func schemes(_ url: String, isImage: Bool, safe: Bool) {
    #expect(URLSafety.isSafe(url, isImage: isImage) == safe, "\(url)")
  }
}
