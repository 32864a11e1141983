"""A hundred or so real formulas (fixtures/math-formulas.md) built into a deck and typeset by KaTeX in a real
headless Chromium: every one renders without a KaTeX error, no raw `$` is left on a slide, and KaTeX was
given the TeX exactly as written (Markdown's escapes such as `\\,`, `\\{`, `\\%`, `\\\\` and `*…*` untouched)."""
import os
import re
import shutil
import unittest
from pathlib import Path

from browser_support import BrowserTestCase, lectern, script_errors

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "math-formulas.md"


def written_formulas(markdown):
    """The TeX of every `$$…$$` and `$…$` in the fixture, in order of appearance within each kind."""
    body = markdown.split("---\n", 2)[2]
    display = [m.strip() for m in re.findall(r"^\$\$\n(.*?)\n\$\$$", body, flags=re.S | re.M)]
    body = re.sub(r"^\$\$\n.*?\n\$\$$", "", body, flags=re.S | re.M)
    display += [m.strip() for m in re.findall(r"\$\$(.+?)\$\$", body)]
    body = re.sub(r"\$\$(.+?)\$\$", "", body)
    inline = re.findall(r"(?<!\\)\$((?:\\.|[^$\\])+?)\$", body)
    return display, inline


class MathFormulaSetTests(BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.html = cls.tmp / "math-formulas.html"
        cls.result = lectern("build", FIXTURE, "-o", cls.html)

    def open_all(self):
        self.open(self.html)
        self.wait_for(lambda d: d.execute_script("return document.fonts.status === 'loaded'"))

    def test_the_set_is_about_a_hundred_formulas(self):
        display, inline = written_formulas(FIXTURE.read_text(encoding="utf-8"))
        self.assertGreaterEqual(len(display) + len(inline), 100)

    def test_katex_typesets_every_formula_without_an_error(self):
        self.assertNotIn("KaTeX is not installed", self.result.stderr)
        self.open_all()
        total, typeset, errors, katex_errors = self.js(
            "return [document.querySelectorAll('.lectern-tex').length,"
            " document.querySelectorAll('.lectern-tex[data-lectern-katex] .katex').length,"
            " Array.from(document.querySelectorAll('[data-lectern-katex-error]')).map(e => e.dataset.lecternKatexError),"
            " Array.from(document.querySelectorAll('.katex-error')).map(e => e.title || e.textContent)];")
        display, inline = written_formulas(FIXTURE.read_text(encoding="utf-8"))
        self.assertEqual(errors, [])
        self.assertEqual(katex_errors, [])
        self.assertEqual(total, len(display) + len(inline), "every formula in the file became one formula on a slide")
        self.assertEqual(typeset, total, "KaTeX typeset every one")
        self.assertEqual(script_errors(self.driver), [])

    def test_katex_received_the_tex_as_written(self):
        self.open_all()
        seen = self.js(
            "return Array.from(document.querySelectorAll('.lectern-tex annotation[encoding=\"application/x-tex\"]'))"
            ".map(a => a.textContent.trim());")
        display, inline = written_formulas(FIXTURE.read_text(encoding="utf-8"))
        normalise = lambda s: re.sub(r"\s+", " ", s).strip()
        seen = [normalise(s) for s in seen]
        for tex in display + inline:
            with self.subTest(tex=tex[:60]):
                self.assertIn(normalise(tex), seen)

    def test_no_raw_dollar_is_left_on_any_slide(self):
        self.open_all()
        leftovers = self.js(
            "const out = []; const walker = document.createTreeWalker(document.querySelector('div.marpit'),"
            " NodeFilter.SHOW_TEXT);"
            "for (let n = walker.nextNode(); n; n = walker.nextNode()) {"
            "  if (n.parentElement.closest('.katex, style, script')) continue;"
            "  if (n.textContent.includes('$')) out.push(n.textContent.trim().slice(0, 80)); }"
            "return out;")
        self.assertEqual(leftovers, [])

    def test_screenshots_of_every_slide(self):
        """Writes one PNG per slide (LECTERN_SCREENSHOTS=DIR keeps them to look at) and checks each formula box
        ends inside its slide."""
        keep = os.environ.get("LECTERN_SCREENSHOTS")
        folder = Path(keep) if keep else self.tmp / "shots"
        folder.mkdir(parents=True, exist_ok=True)
        self.open_all()
        count = self.js("return document.querySelectorAll('div.marpit > svg[data-marpit-svg]').length;")
        for n in range(1, count + 1):
            self.driver.get(self.html.resolve().as_uri() + f"#{n}")
            self.driver.refresh()
            self.wait_for(lambda d: d.execute_script("return document.fonts.status === 'loaded'"))
            path = folder / f"math-{n:02}.png"
            self.assertTrue(self.driver.save_screenshot(str(path)))
            outside = self.js(
                "const s = document.querySelector('svg.lectern-active section'); const b = s.getBoundingClientRect();"
                "return Array.from(s.querySelectorAll('.katex')).filter(k => { const r = k.getBoundingClientRect();"
                " return r.right > b.right + 1 || r.left < b.left - 1 || r.bottom > b.bottom + 1; })"
                ".map(k => (k.querySelector('annotation') || k).textContent.slice(0, 60));")
            with self.subTest(slide=n):
                self.assertEqual(outside, [], f"formulas run off slide {n}")


if __name__ == "__main__":
    unittest.main()
