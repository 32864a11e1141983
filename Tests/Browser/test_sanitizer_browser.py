"""Raw HTML under `html: true` in a real headless Chromium: ~100 known XSS payloads (fixtures/
xss-payloads.txt), each as an HTML block and inline on its own slide, with alert/confirm/prompt hooked
before any page script runs. Nothing may fire on load, on hover or on clicking every link, and no
on… attribute, script-capable element or javascript: URL may be left in the slides."""
import time
from pathlib import Path

from browser_support import BrowserTestCase, lectern

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "xss-payloads.txt"

HOOKS = """
window.__fired = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (...args) => { window.__fired.push(name + '(' + args.join(',') + ')'); };
}
"""

FINDINGS = """
const bad = [];
const urlish = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'values', 'to', 'from', 'by',
                'poster', 'cite', 'background', 'srcdoc', 'content'];
const forbidden = ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FORM', 'BUTTON', 'INPUT', 'BASE', 'META', 'LINK',
                   'STYLE', 'TEMPLATE', 'NOSCRIPT', 'FRAME', 'FRAMESET', 'SVG', 'MATH', 'ANIMATE', 'SET'];
for (const section of document.querySelectorAll('div.marpit section')) {
  for (const el of section.querySelectorAll('*')) {
    const tag = el.tagName.toUpperCase();
    if (forbidden.includes(tag)) bad.push('element <' + el.tagName + '>');
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) bad.push('handler ' + name + ' on <' + el.tagName + '>');
      const value = a.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (urlish.includes(name) && /(java|vb)script:/.test(value)) bad.push(name + '=' + a.value);
    }
    for (const p of ['href', 'src', 'action', 'formAction']) {
      const v = el[p];
      if (typeof v === 'string' && /^(java|vb)script:/i.test(v)) bad.push('resolved ' + p + ' ' + v);
    }
  }
}
return bad;
"""

CLICK_EVERYTHING = """
// Links that are not javascript: would leave the page: keep the page, let javascript: ones run.
document.addEventListener('click', e => {
  const a = e.target.closest && e.target.closest('a');
  const href = a && (a.href && a.href.baseVal !== undefined ? a.href.baseVal : a.href);
  if (a && !/^\\s*javascript:/i.test(String(href || ''))) e.preventDefault();
}, true);
let clicked = 0;
for (const el of document.querySelectorAll('div.marpit section *')) {
  for (const type of ['mouseover', 'mouseenter', 'focus', 'click']) {
    el.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true, view: window}));
  }
  if (el.tagName.toLowerCase() === 'a') { el.click && el.click(); clicked++; }
}
return clicked;
"""


def payloads():
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


class SanitizerTests(BrowserTestCase):
    def load_with_hooks(self, page):
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOKS})
        self.driver.get(Path(page).resolve().as_uri())
        time.sleep(1.5)  # image errors, toggles, animations and refreshes have happened by now

    def test_the_hooks_catch_a_payload_that_runs(self):
        # The control: the same checks on a page that does run the payload must see it.
        page = self.tmp / "control.html"
        page.write_text('<div class="marpit"><section><img src=x onerror=alert(1)>'
                        '<a href="javascript:alert(2)">x</a></section></div>', encoding="utf-8")
        self.load_with_hooks(page)
        self.assertEqual(self.driver.execute_script("return window.__fired"), ["alert(1)"])
        self.assertTrue(self.driver.execute_script(FINDINGS))
        self.driver.execute_script(CLICK_EVERYTHING)
        self.assertIn("alert(2)", self.driver.execute_script("return window.__fired"))

    def test_no_payload_runs_under_html_true(self):
        corpus = payloads()
        self.assertGreaterEqual(len(corpus), 80)
        slides = [f"Payload {i}\n\n{p}\n\ninline {i}: {p} end {i}\n" for i, p in enumerate(corpus)]
        deck = self.tmp / "xss.md"
        deck.write_text("---\nmarp: true\nhtml: true\n---\n\n" + "\n---\n\n".join(slides), encoding="utf-8")
        out = self.tmp / "xss.html"
        lectern("build", deck, "-o", out)
        self.load_with_hooks(out)
        self.assertEqual(self.driver.current_url.split("#")[0], out.resolve().as_uri())
        self.assertEqual(self.driver.execute_script(FINDINGS), [])
        self.assertEqual(self.driver.execute_script("return window.__fired"), [])
        clicked = self.driver.execute_script(CLICK_EVERYTHING)
        self.assertGreater(clicked, 20)
        time.sleep(0.5)
        self.assertEqual(self.driver.execute_script("return window.__fired"), [])
        # What the author wrote is still there: allowed markup as markup, the rest as text.
        text = self.driver.execute_script("return document.querySelector('div.marpit').textContent")
        for i in range(len(corpus)):
            self.assertIn(f"end {i}", text)
        self.assertIn("<script>alert(1)</script>", text)
        self.assertEqual(self.driver.execute_script(
            "return Array.from(document.querySelectorAll('section a')).filter(a => a.textContent === 'no semicolon')"
            ".map(a => a.hasAttribute('href'))"), [False, False])
