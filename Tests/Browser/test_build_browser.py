"""`lectern build` output driven in a real headless Chromium: it loads cleanly, keys and the hash move
between slides, the presenter window follows, printing gives one page per slide, split backgrounds
land on the right side."""
import io
import os
import re
import subprocess
import unittest
from pathlib import Path

from browser_support import ROOT, SHARED, BrowserTestCase, lectern, slide_count, script_errors


def decks_to_check():
    decks = sorted((ROOT / "decks").glob("*.md"))
    decks = [d for d in decks if "marp: true" in d.read_text(encoding="utf-8")[:400]]
    seed = sorted((SHARED / "seeds").glob("000_*"))
    corpus = sorted((SHARED / "corpus" / "decks").glob("*.md"))
    return decks + seed + [c for c in corpus if c.name != "SOURCES.md"]


class LoadTests(BrowserTestCase):
    def test_every_deck_loads_without_script_errors_and_with_all_slides(self):
        checked = 0
        for deck in decks_to_check():
            with self.subTest(deck=deck.name):
                out = self.tmp / "load" / (deck.stem + ".html")
                if deck.suffix != ".md":
                    copy = self.tmp / "load-src" / (deck.stem + ".md")
                    copy.parent.mkdir(parents=True, exist_ok=True)
                    copy.write_bytes(deck.read_bytes())
                    deck = copy
                lectern("build", deck, "-o", out)
                expected, _ = slide_count(deck)
                self.open(out)
                count = self.driver.execute_script("return document.querySelectorAll('div.marpit > svg[data-marpit-svg]').length")
                self.assertEqual(count, expected)
                self.assertEqual(self.visible_slides(), [1])
                self.assertEqual(script_errors(self.driver), [])
                checked += 1
        if not (SHARED / "seeds").exists():
            print("note: ../shared is absent; only decks/ was loaded")
        self.assertGreater(checked, 0)


class NavigationTests(BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deck = ROOT / "decks" / "friday-deploys.md"
        cls.html = cls.tmp / "nav" / "friday.html"
        lectern("build", cls.deck, "-o", cls.html)
        cls.total, cls.model = slide_count(cls.deck)

    def test_keys_change_the_visible_slide_and_the_hash(self):
        from selenium.webdriver.common.keys import Keys
        self.open(self.html)
        self.assertTrue(self.driver.current_url.endswith("#1"))
        steps = [(Keys.ARROW_RIGHT, 2), (Keys.SPACE, 3), (Keys.ARROW_LEFT, 2), (Keys.PAGE_DOWN, 3),
                 (Keys.ARROW_UP, 2), (Keys.ARROW_DOWN, 3), (Keys.PAGE_UP, 2), (Keys.END, self.total), (Keys.HOME, 1)]
        for key, expected in steps:
            self.press(key)
            self.wait_for(lambda d: d.current_url.endswith(f"#{expected}"))
            self.assertEqual(self.visible_slides(), [expected])
        self.press(Keys.ARROW_LEFT)  # stays on the first slide
        self.assertEqual(self.visible_slides(), [1])
        self.assertEqual(script_errors(self.driver), [])

    def test_reload_keeps_the_place_and_hash_links_jump(self):
        self.open(self.html, "#4")
        self.assertEqual(self.visible_slides(), [4])
        self.driver.refresh()
        self.wait_for(lambda d: d.execute_script("return document.body.classList.contains('lectern-viewer')"))
        self.assertEqual(self.visible_slides(), [4])
        self.driver.execute_script("location.hash = '#2'")
        self.wait_for(lambda d: self.visible_slides() == [2])
        self.open(self.html, "#999")
        self.assertEqual(self.visible_slides(), [self.total], "a hash past the end shows the last slide")

    def test_overview_shows_every_slide_and_a_click_goes_there(self):
        self.open(self.html)
        self.press("o")
        self.wait_for(lambda d: d.execute_script("return document.body.classList.contains('lectern-overview')"))
        self.assertEqual(len(self.visible_slides()), self.total)
        self.driver.execute_script("document.querySelectorAll('div.marpit > svg')[2].scrollIntoView()")
        self.driver.find_elements("css selector", "div.marpit > svg[data-marpit-svg]")[2].click()
        self.wait_for(lambda d: not d.execute_script("return document.body.classList.contains('lectern-overview')"))
        self.assertEqual(self.visible_slides(), [3])
        self.assertTrue(self.driver.current_url.endswith("#3"))

    def test_fit_heading_is_scaled_to_the_slide_width(self):
        self.open(self.html)
        fit = self.driver.execute_script(
            "const h = document.querySelector('svg.lectern-active [data-lectern-fit]');"
            "const span = h.querySelector('[data-lectern-fit-content]');"
            "return [h.clientWidth, span.offsetWidth, parseFloat(getComputedStyle(h).fontSize)];")
        width, text, size = fit
        self.assertGreater(size, 29 * 1.9, "scaled up from the theme's h1 size")
        self.assertAlmostEqual(text, width, delta=width * 0.03)

    def test_presenter_window_shows_notes_and_follows_the_audience(self):
        from selenium.webdriver.common.keys import Keys
        notes = {s["number"]: " ".join(n["text"] for n in s["notes"]) for s in self.model["slides"]}
        self.open(self.html)
        audience = self.driver.current_window_handle
        self.press("p")
        self.wait_for(lambda d: len(d.window_handles) == 2)
        presenter = [h for h in self.driver.window_handles if h != audience][0]
        try:
            self.driver.switch_to.window(presenter)
            self.wait_for(lambda d: d.execute_script("return !!document.querySelector('.lectern-presenter-notes')"))

            def shown():
                return self.driver.execute_script(
                    "return [document.querySelector('.lectern-counter').textContent,"
                    " document.querySelector('.lectern-presenter-notes').textContent,"
                    " Array.from(document.querySelectorAll('svg.lectern-active, svg.lectern-next')).map(s => s.getAttribute('aria-label'))]")

            counter, text, layers = shown()
            self.assertEqual(counter, f"1 / {self.total}")
            self.assertEqual(text.strip(), notes[1])
            self.assertEqual(layers, ["Slide 1", "Slide 2"], "current and next slide")
            self.assertRegex(self.driver.find_element("css selector", ".lectern-clock").text, r"^\d\d:\d\d:\d\d$")
            self.assertRegex(self.driver.find_element("css selector", ".lectern-timer").text, r"^00:00:\d\d$")

            self.driver.switch_to.window(audience)
            self.press(Keys.ARROW_RIGHT)
            self.press(Keys.ARROW_RIGHT)
            self.driver.switch_to.window(presenter)
            self.wait_for(lambda d: shown()[0] == f"3 / {self.total}")
            self.assertEqual(shown()[1].strip(), notes[3] if notes[3] else "")

            # And the other way: the presenter drives the audience window.
            self.press(Keys.ARROW_RIGHT)
            self.wait_for(lambda d: shown()[0] == f"4 / {self.total}")
            self.driver.switch_to.window(audience)
            self.wait_for(lambda d: self.visible_slides() == [4])
            self.assertEqual(script_errors(self.driver), [])
        finally:
            self.driver.switch_to.window(presenter)
            self.driver.close()
            self.driver.switch_to.window(audience)


class PictureTests(BrowserTestCase):
    def test_split_background_is_drawn_on_its_side(self):
        from PIL import Image
        folder = self.tmp / "split"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "red.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#ff0000"/></svg>')
        for side, red_x, other_x in (("left", 200, 1100), ("right", 1100, 200)):
            deck = folder / f"{side}.md"
            deck.write_text(f"---\nmarp: true\n---\n\n![bg {side}:40%](red.svg)\n\n# Text on the other side\n")
            html = folder / f"{side}.html"
            lectern("build", deck, "-o", html, "--embed-assets")
            self.driver.set_window_size(1280, 720)
            self.open(html)
            inner = self.driver.execute_script("return [innerWidth, innerHeight]")
            shot = Image.open(io.BytesIO(self.driver.get_screenshot_as_png())).convert("RGB")
            # The slide is letterboxed into the window: map slide pixels to screenshot pixels.
            device = shot.width / inner[0]
            scale = min(inner[0] / 1280, inner[1] / 720)
            left = (inner[0] - 1280 * scale) / 2
            top = (inner[1] - 720 * scale) / 2

            def at(x, y):
                return shot.getpixel((int((left + x * scale) * device), int((top + y * scale) * device)))

            red = at(red_x, 620)  # below the heading's text
            other = at(other_x, 620)
            self.assertGreater(red[0], 200, f"{side}: image side {red}")
            self.assertLess(red[1], 60)
            self.assertGreater(other[1], 200, f"{side}: text side should be the theme's light background, got {other}")
            shot.save(Path(os.environ.get("LECTERN_SCREENSHOTS", self.tmp)) / f"split-{side}.png")


class PrintTests(unittest.TestCase):
    def test_pdf_has_one_page_per_slide_and_notes_pages_double_it(self):
        from browser_support import LECTERN, find_chromium
        import shutil
        import tempfile
        if not LECTERN.exists() or find_chromium() is None or shutil.which("pdfinfo") is None:
            self.skipTest("needs the lectern binary, chromium and pdfinfo (make deps installs them)")
        tmp = Path(tempfile.mkdtemp(prefix="lectern-pdf-"))
        try:
            deck = ROOT / "decks" / "friday-deploys.md"
            total, _ = slide_count(deck)
            lectern("build", deck, "-o", tmp / "talk.html", "--pdf")
            info = subprocess.run(["pdfinfo", tmp / "talk.pdf"], capture_output=True, text=True).stdout
            self.assertEqual(int(re.search(r"Pages:\s+(\d+)", info).group(1)), total)
            self.assertRegex(info, r"Page size:\s+960 x 540 pts", "1280×720 px slides")
            lectern("build", deck, "-o", tmp / "notes.html", "--pdf-notes")
            info = subprocess.run(["pdfinfo", tmp / "notes.pdf"], capture_output=True, text=True).stdout
            self.assertEqual(int(re.search(r"Pages:\s+(\d+)", info).group(1)), 2 * total)
            text = subprocess.run(["pdftotext", tmp / "notes.pdf", "-"], capture_output=True, text=True).stdout
            self.assertIn("Open with a show of hands", text)
            self.assertFalse(any(p.name.startswith(".") for p in tmp.iterdir()), "no temporary files left behind")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def test_missing_browser_is_a_clear_error(self):
        from browser_support import LECTERN
        if not LECTERN.exists():
            self.skipTest("lectern is not built")
        result = lectern("build", ROOT / "decks" / "friday-deploys.md", "-o", "/tmp/lectern-nobrowser.html", "--pdf",
                         "--browser-path", "/nonexistent/chromium", check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn("--browser-path", result.stderr)
        result = subprocess.run([str(LECTERN), "build", ROOT / "decks" / "friday-deploys.md", "-o", "/tmp/lectern-nobrowser.html", "--pdf"],
                                capture_output=True, text=True, env={"PATH": "/nonexistent"})
        self.assertEqual(result.returncode, 2)
        self.assertIn("no Chromium found", result.stderr)


if __name__ == "__main__":
    unittest.main()
