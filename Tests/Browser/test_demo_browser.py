"""The demo deck (decks/friday-deploys.md) and seed 000 in every built-in theme, every slide in a real headless
Chromium: nothing runs off the slide, no text lands on a background it cannot be read on, background images
drawn with `contain` are whole. With LECTERN_SCREENSHOTS=DIR every slide is also written there as a PNG to look
at (`make` does not keep them)."""
import os
import unittest
from pathlib import Path

from browser_support import ROOT, SHARED, BrowserTestCase, lectern, script_errors
from test_build_browser import ALL_THEMES, contrast

DEMO = ROOT / "decks" / "friday-deploys.md"
WINDOW = ("--data", ROOT / "decks" / "data", "--as-of", "2026-11-29T00:00:00Z", "--window", "90d")

# Every element of the slide whose box leaves the section (header, footer and backgrounds excepted).
OUTSIDE = """
const s = document.querySelector('svg.lectern-active section:not([data-marpit-advanced-background="background"]):not([data-marpit-advanced-background="pseudo"])');
const b = s.getBoundingClientRect();
const out = [];
for (const e of s.querySelectorAll('h1, h2, h3, p, li, table, pre, blockquote, img:not([data-marpit-advanced-background]), .katex-display')) {
  const r = e.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) continue;
  if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1)
    out.push(e.tagName + ': ' + e.textContent.trim().slice(0, 40));
}
return out;
"""

# Text colour against what is behind it: the nearest mostly opaque background, else the slide's own colour.
UNREADABLE = """
const s = document.querySelector('svg.lectern-active section:not([data-marpit-advanced-background="background"]):not([data-marpit-advanced-background="pseudo"])');
const svg = s.closest('svg');
const own = Array.from(svg.querySelectorAll('section')).map(x => getComputedStyle(x).backgroundColor)
  .find(c => c !== 'rgba(0, 0, 0, 0)') || 'rgb(255, 255, 255)';
const rows = [];
for (const e of s.querySelectorAll('h1, h2, h3, p, li, td, th, footer, header')) {
  if (!e.textContent.trim() || e.closest('pre, code')) continue;
  let bg = null;
  for (let a = e; a && a !== s.parentElement; a = a.parentElement) {
    const c = getComputedStyle(a).backgroundColor;
    const alpha = c.startsWith('rgba') ? parseFloat(c.split(',')[3]) : 1;
    if (alpha >= 0.5) { bg = c; break; }  // a light tint (a highlighted cell) lets the slide show through
  }
  rows.push([e.tagName + ': ' + e.textContent.trim().slice(0, 30), getComputedStyle(e).color, bg || own]);
}
return rows;
"""


class SlideWalk(BrowserTestCase):
    """Shared by the demo and seed tests: visit every slide, screenshot it, collect what is wrong."""

    def shots(self):
        keep = os.environ.get("LECTERN_SCREENSHOTS")
        folder = Path(keep) if keep else self.tmp / "shots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def walk(self, html, name):
        """Visits every slide, saving a screenshot, and returns the problems found on each."""
        folder = self.shots()
        self.open(html)
        count = self.js("return document.querySelectorAll('div.marpit > svg[data-marpit-svg]').length;")
        problems = {}
        for n in range(1, count + 1):
            self.driver.get(Path(html).resolve().as_uri() + f"#{n}")
            self.driver.refresh()
            self.wait_for(lambda d: d.execute_script(
                "return document.fonts.status === 'loaded' && document.body.classList.contains('lectern-viewer')"))
            self.js("document.querySelectorAll('[data-marpit-fragment]').forEach(f => f.setAttribute('data-lectern-shown', ''));")
            self.driver.save_screenshot(str(folder / f"{name}-{n:02}.png"))
            found = [f"runs off: {e}" for e in self.js(OUTSIDE)]
            for what, colour, background in self.js(UNREADABLE):
                if contrast(colour, background) < 3.0:
                    found.append(f"unreadable: {what} ({colour} on {background})")
            if found:
                problems[n] = found
        return count, problems


class DemoDeckInEveryThemeTests(SlideWalk):
    def test_demo_deck_in_every_theme(self):
        for theme in ALL_THEMES:
            with self.subTest(theme=theme):
                html = self.tmp / f"demo-{theme}.html"
                lectern("build", DEMO, "-o", html, "--theme", theme, *WINDOW)
                count, problems = self.walk(html, f"demo-{theme}")
                self.assertGreaterEqual(count, 10)
                self.assertEqual(problems, {})
                self.assertEqual(script_errors(self.driver), [])

    def test_split_background_contain_images_are_whole(self):
        html = self.tmp / "demo-split.html"
        lectern("build", DEMO, "-o", html, *WINDOW)
        self.open(html, "#2")
        image, pane = self.js(
            "const s = document.querySelector('svg.lectern-active section[data-marpit-advanced-background=\"background\"]');"
            "const f = s.querySelector('figure'); const c = s.querySelector('[data-marpit-advanced-background-container]');"
            "const r = f.getBoundingClientRect(), p = c.getBoundingClientRect();"
            "return [[r.left, r.right, r.top, r.bottom], [p.left, p.right, p.top, p.bottom]];")
        self.assertGreaterEqual(image[0], pane[0] - 0.5)
        self.assertLessEqual(image[1], pane[1] + 0.5)
        size = self.js(
            "const f = document.querySelector('svg.lectern-active section[data-marpit-advanced-background=\"background\"] figure');"
            "return [getComputedStyle(f).backgroundSize, f.getBoundingClientRect().width];")
        self.assertEqual(size[0], "contain", "the picture is drawn whole, not cropped")


@unittest.skipUnless(sorted((SHARED / "seeds").glob("000_*")), "needs the seeds in ../shared/seeds")
class SeedDeckTests(SlideWalk):
    def test_every_slide_of_seed_000_reads(self):
        seed = sorted((SHARED / "seeds").glob("000_*"))[0]
        deck = self.tmp / "seed-000.md"
        deck.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
        html = self.tmp / "seed-000.html"
        lectern("build", deck, "-o", html)
        count, problems = self.walk(html, "seed-000")
        self.assertGreater(count, 20)
        self.assertEqual({n: p for n, p in problems.items() if any(x.startswith("unreadable") for x in p)}, {})


if __name__ == "__main__":
    unittest.main()
