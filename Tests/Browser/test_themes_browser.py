"""The built-in themes in a real headless Chromium: Marp's `default`, `gaia` and `uncover` measure like Marp's
themes of those names; `<!-- fit -->` headings with `<br>` lines fit in every theme; the live-numbers provenance
line stays inside the slide and readable in every theme."""
import unittest

from browser_support import ROOT, BrowserTestCase, script_errors
from test_build_browser import ALL_THEMES, contrast

SAMPLE = """---
marp: true
theme: {theme}
---

# Title **strong**

body text

---

<!-- _class: invert -->
# Dark

body text

---

<!-- _class: {extra} -->
# Third

body text
"""

STYLE = (
    "const s = document.querySelectorAll('div.marpit > svg')[arguments[0] - 1].querySelector('section');"
    "const cs = getComputedStyle(s), h = getComputedStyle(s.querySelector('h1'));"
    "return {bg: cs.backgroundColor, fg: cs.color, size: cs.fontSize, padding: cs.paddingLeft,"
    " spacing: cs.letterSpacing, align: cs.textAlign, h1: h.color, h1size: h.fontSize, h1align: h.textAlign,"
    " strong: s.querySelector('h1 strong') ? getComputedStyle(s.querySelector('h1 strong')).color : null,"
    " justify: cs.justifyContent, display: cs.display};")


class MarpThemeLookTests(BrowserTestCase):
    def styles(self, theme, extra):
        html, _ = self.build(f"look-{theme}", SAMPLE.format(theme=theme, extra=extra))
        self.open(html)
        return [self.js(STYLE, n) for n in (1, 2, 3)]

    def test_default_is_github_markdown_on_white_with_dark_blue_headings(self):
        light, dark, _ = self.styles("default", "lead")
        self.assertEqual(light["bg"], "rgb(255, 255, 255)")
        self.assertEqual(light["size"], "29px")
        self.assertEqual(light["padding"], "78.5px")
        self.assertEqual(light["h1"], "rgb(34, 68, 102)")
        self.assertEqual(light["h1size"], f"{29 * 1.6:g}px")
        self.assertEqual(light["strong"], "rgb(68, 136, 204)")
        self.assertEqual(light["justify"], "center", "content is centred vertically, as in Marp")
        self.assertEqual(dark["bg"], "rgb(34, 34, 34)")
        self.assertEqual(dark["fg"], "rgb(230, 234, 240)")
        self.assertEqual(dark["h1"], "rgb(163, 197, 231)")

    def test_gaia_is_slate_on_cream_with_invert_gaia_and_lead(self):
        light, dark, gaia = self.styles("gaia", "gaia lead")
        self.assertEqual(light["bg"], "rgb(255, 248, 225)")
        self.assertEqual(light["fg"], "rgb(69, 90, 100)")
        self.assertEqual(light["size"], "35px")
        self.assertEqual(light["padding"], "70px")
        self.assertEqual(light["spacing"], "1.25px")
        self.assertEqual(light["h1size"], f"{35 * 1.8:g}px")
        self.assertEqual(light["h1align"], "start", "gaia starts at the top left")
        self.assertEqual(dark["bg"], "rgb(69, 90, 100)")
        self.assertEqual(dark["fg"], "rgb(255, 248, 225)")
        self.assertEqual(gaia["bg"], "rgb(2, 136, 209)", "the gaia class is the accent colour")
        self.assertEqual(gaia["h1align"], "center", "lead centres headings")
        self.assertEqual(gaia["justify"], "center", "lead centres the content vertically")

    def test_uncover_is_centred_letter_spaced_on_near_white(self):
        light, dark, _ = self.styles("uncover", "lead")
        self.assertEqual(light["bg"], "rgb(253, 252, 255)")
        self.assertEqual(light["fg"], "rgb(32, 34, 40)")
        self.assertEqual(light["size"], "40px")
        self.assertEqual(light["spacing"], "3px")
        self.assertEqual(light["align"], "center")
        self.assertEqual(light["h1size"], "80px")
        self.assertEqual(dark["bg"], "rgb(32, 34, 40)")
        self.assertEqual(dark["fg"], "rgb(255, 255, 255)")
        self.assertEqual(script_errors(self.driver), [])


class FitHeadingTests(BrowserTestCase):
    def test_fit_heading_with_br_lines_fits_in_every_theme(self):
        deck = ("---\nmarp: true\ntheme: {theme}\n---\n\n"
                "# <!-- fit --> Friday deploys<br>are fine, actually\n\nbody\n")
        for theme in ALL_THEMES:
            with self.subTest(theme=theme):
                html, _ = self.build(f"fit-br-{theme}", deck.format(theme=theme))
                self.open(html)
                h, lines, section, size, body = self.js(
                    "const s = document.querySelector('svg.lectern-active section');"
                    "const h = s.querySelector('h1'); const r = h.getBoundingClientRect(), b = s.getBoundingClientRect();"
                    "const k = b.width / s.offsetWidth;"
                    "return [[r.left, r.right, r.top, r.bottom], h.querySelectorAll('br').length,"
                    " [b.left, b.right, b.top, b.bottom], parseFloat(getComputedStyle(h).fontSize),"
                    " parseFloat(getComputedStyle(s).fontSize)];")
                self.assertEqual(lines, 1, "the <br> is kept: two lines")
                self.assertGreaterEqual(h[0], section[0] - 0.5)
                self.assertLessEqual(h[1], section[1] + 0.5, "the heading ends inside the slide")
                self.assertGreaterEqual(h[2], section[2] - 0.5)
                self.assertLessEqual(h[3], section[3] + 0.5)
                self.assertGreater(size, body * 1.5, "the fitted heading is larger than body text")


class ProvenanceLineTests(BrowserTestCase):
    def test_provenance_line_is_inside_the_slide_and_readable_in_every_theme(self):
        deck = ("---\nmarp: true\ntheme: {theme}\npaginate: true\nfooter: Platform Guild\n---\n\n"
                "## Numbers\n\nWe deploy {{{{dora.deployment_frequency}}}} over {{{{dora.window}}}}.\n\n---\n\n"
                "<!-- _class: invert -->\n## Dark\n\nLead time {{{{dora.lead_time}}}}.\n")
        args = ("--data", ROOT / "decks" / "data", "--as-of", "2026-11-29T00:00:00Z", "--window", "90d")
        for theme in ALL_THEMES:
            html, _ = self.build(f"note-{theme}", deck.format(theme=theme), *args)
            self.open(html)
            for n in (1, 2):
                with self.subTest(theme=theme, slide=n):
                    note, box, colour, bg, size, text, others = self.js(
                        "const s = document.querySelectorAll('div.marpit > svg')[arguments[0] - 1].querySelector('section');"
                        "const n = s.querySelector('.lectern-metrics-note'); if (!n) return [null];"
                        "const r = n.getBoundingClientRect(), b = s.getBoundingClientRect(), k = s.offsetWidth / b.width;"
                        "const over = Array.from(s.querySelectorAll('footer')).map(f => { const g = document.createRange();"
                        " g.selectNodeContents(f); return g.getBoundingClientRect(); })"
                        " .filter(f => !(f.bottom <= r.top || r.bottom <= f.top || f.right <= r.left || r.right <= f.left)).length;"
                        "let bg = getComputedStyle(s).backgroundColor;"
                        "return [[r.left, r.right, r.top, r.bottom], [b.left, b.right, b.top, b.bottom],"
                        " getComputedStyle(n).color, bg, parseFloat(getComputedStyle(n).fontSize), n.textContent, over];", n)
                    self.assertIsNotNone(note, "the slide carries a provenance line")
                    self.assertGreaterEqual(note[0], box[0] - 0.5)
                    self.assertLessEqual(note[1], box[1] + 0.5)
                    self.assertLessEqual(note[3], box[3] + 0.5, "the line ends inside the slide")
                    self.assertGreaterEqual(size, 14, "large enough to read")
                    self.assertGreaterEqual(contrast(colour, bg), 4.5, f"{colour} on {bg}")
                    self.assertEqual(others, 0, "it does not sit on the footer")
                    self.assertIn("2026", text)


if __name__ == "__main__":
    unittest.main()
