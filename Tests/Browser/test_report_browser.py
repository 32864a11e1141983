"""`lectern report` output in a real headless Chromium: clean load, the live-metric sections present,
readable on a phone, and a sane PDF."""
import os
import re
import subprocess
from pathlib import Path

from browser_support import ROOT, BrowserTestCase, lectern, script_errors

DATA = ROOT / "decks" / "data"
EXAMPLE = ROOT / "decks" / "checkout-outage-postmortem.md"
AS_OF = ["--as-of", "2026-11-29T00:00:00Z", "--window", "90d"]


class ReportTests(BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.html = cls.tmp / "report" / "checkout.html"
        lectern("report", EXAMPLE, "--data", DATA, *AS_OF, "-o", cls.html, "--pdf")

    def test_report_loads_cleanly_with_live_metrics(self):
        self.driver.set_window_size(1200, 900)
        self.driver.get(self.html.resolve().as_uri())
        self.assertEqual(script_errors(self.driver), [])
        sections = self.driver.execute_script("return Array.from(document.querySelectorAll('main section')).map(s => s.id)")
        for needed in ("summary", "incident", "timeline", "actions", "focus", "scorecard", "narrative", "provenance"):
            self.assertIn(needed, sections)
        focus_rows = self.driver.execute_script("return document.querySelectorAll('#focus tbody tr').length")
        self.assertEqual(focus_rows, 3)
        sparklines = self.driver.execute_script("return document.querySelectorAll('#focus svg.sparkline path').length")
        self.assertEqual(sparklines, 3, "every long-term metric has a weekly trend line")
        sla = self.driver.find_element("css selector", "#incident .sla").text
        self.assertTrue(sla.startswith("Met: Sev 2"), sla)
        self.driver.save_screenshot(str(Path(os.environ.get("LECTERN_SCREENSHOTS", self.tmp)) / "report.png"))

    def test_report_fits_a_phone_screen(self):
        self.driver.set_window_size(390, 844)
        self.driver.get(self.html.resolve().as_uri())
        overflow = self.driver.execute_script("return document.documentElement.scrollWidth - innerWidth")
        self.assertLessEqual(overflow, 0, "no sideways scrolling of the page (wide tables scroll inside themselves)")
        self.driver.set_window_size(1280, 720)

    def test_pdf_page_count_is_sane(self):
        info = subprocess.run(["pdfinfo", self.html.with_suffix(".pdf")], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        self.assertGreaterEqual(pages, 2)
        self.assertLessEqual(pages, 8)
        text = subprocess.run(["pdftotext", self.html.with_suffix(".pdf"), "-"], capture_output=True, text=True).stdout
        self.assertIn("Long-term focus and where it stands", text)
        self.assertIn("INC-00006", text)
