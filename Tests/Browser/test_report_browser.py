"""`lectern report` output in a real headless Chromium: clean load, every block of the postmortem on the
page in the author's order, the added sections (timings with a phase bar, action table, live metrics),
readable on a phone, and a sane PDF with page numbers on A4 and Letter."""
import os
import re
import subprocess
from pathlib import Path

from browser_support import ROOT, SHARED, BrowserTestCase, lectern, script_errors

DATA = ROOT / "decks" / "data"
EXAMPLE = ROOT / "decks" / "checkout-outage-postmortem.md"
K8S = SHARED / "corpus" / "postmortems" / "kubernetes__test-infra__2019-05-30.md"
AS_OF = ["--as-of", "2026-11-29T00:00:00Z", "--window", "90d"]


class ReportTests(BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.html = cls.tmp / "report" / "checkout.html"
        lectern("report", EXAMPLE, "--data", DATA, *AS_OF, "-o", cls.html, "--pdf")
        cls.letter = cls.tmp / "report" / "letter.html"
        lectern("report", EXAMPLE, "-o", cls.letter, "--pdf", "--paper", "letter")

    def test_report_loads_cleanly_with_live_metrics(self):
        self.driver.set_window_size(1200, 900)
        self.driver.get(self.html.resolve().as_uri())
        self.assertEqual(script_errors(self.driver), [])
        sections = self.driver.execute_script("return Array.from(document.querySelectorAll('main section[id]')).map(s => s.id)")
        for needed in ("timings", "incident", "actions", "focus", "scorecard", "provenance"):
            self.assertIn(needed, sections)
        self.assertNotIn("findings", sections, "findings are not part of the circulated document")
        focus_rows = self.driver.execute_script("return document.querySelectorAll('#focus tbody tr').length")
        self.assertEqual(focus_rows, 3)
        sparklines = self.driver.execute_script("return document.querySelectorAll('#focus svg.sparkline path').length")
        self.assertEqual(sparklines, 3, "every long-term metric has a weekly trend line")
        phases = self.driver.execute_script("return document.querySelectorAll('#timings svg.phase-bar rect').length")
        self.assertGreaterEqual(phases, 6, "detect/acknowledge/mitigate/restore bars with legend swatches")
        sla = self.driver.find_element("css selector", "#timings .sla").text
        self.assertEqual(sla, "Met: Sev 2 requires a response within 30m; acknowledged after 3m.")
        self.driver.save_screenshot(str(Path(os.environ.get("LECTERN_SCREENSHOTS", self.tmp)) / "report.png"))

    def test_every_section_of_the_document_is_on_the_page_in_order(self):
        self.driver.get(self.html.resolve().as_uri())
        headings = self.driver.execute_script(
            "return Array.from(document.querySelectorAll('section.doc h1, section.doc h2, section.doc h3'))"
            ".map(h => h.firstChild.textContent.trim())")
        self.assertEqual(headings, ["Summary", "Impact", "Timeline", "Severity and response", "Short Term", "Long Term",
                                    "Narrative", "Payments", "Platform"])
        text = self.driver.find_element("css selector", "main").text
        self.assertIn("12% of checkout attempts timed out between 01:32 and 01:53 UTC", text)
        self.assertIn("Checkout degraded", text, "the severity table is kept")

    def test_a_real_postmortem_keeps_links_clickable_and_sections_marked(self):
        if not K8S.exists():
            self.skipTest("../shared corpus is absent")
        page = self.tmp / "report" / "k8s.html"
        lectern("report", K8S, "-o", page)
        self.driver.get(page.resolve().as_uri())
        links = self.driver.execute_script(
            "return Array.from(document.querySelectorAll('section.doc a[href^=\"http\"]')).map(a => a.href)")
        self.assertIn("https://github.com/kubernetes/test-infra/issues/12829", links)
        kinds = self.driver.execute_script(
            "return Array.from(document.querySelectorAll('section.doc [data-kind]')).map(h => h.dataset.kind)")
        for kind in ("impact", "causes", "detection", "resolution", "lessons", "action-items", "timeline", "appendix"):
            self.assertIn(kind, kinds)
        self.driver.save_screenshot(str(Path(os.environ.get("LECTERN_SCREENSHOTS", self.tmp)) / "report-k8s.png"))

    def test_report_fits_a_phone_screen(self):
        self.driver.set_window_size(390, 844)
        self.driver.get(self.html.resolve().as_uri())
        overflow = self.driver.execute_script("return document.documentElement.scrollWidth - innerWidth")
        self.assertLessEqual(overflow, 0, "no sideways scrolling of the page (wide tables scroll inside themselves)")
        self.driver.set_window_size(1280, 720)

    def test_pdf_has_page_numbers_and_the_paper_size_asked_for(self):
        info = subprocess.run(["pdfinfo", self.html.with_suffix(".pdf")], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        self.assertGreaterEqual(pages, 2)
        self.assertLessEqual(pages, 8)
        self.assertIn("(A4)", re.search(r"Page size:.*", info).group(0))
        text = subprocess.run(["pdftotext", self.html.with_suffix(".pdf"), "-"], capture_output=True, text=True).stdout
        self.assertIn("Long-term focus and where it stands", text)
        self.assertIn("INC-00006", text)
        self.assertIn(f"Page 1 of {pages}", text)
        self.assertIn("Checkout latency incident, 2026-09-02", text)
        letter = subprocess.run(["pdfinfo", self.letter.with_suffix(".pdf")], capture_output=True, text=True).stdout
        self.assertIn("612 x 792", letter, "Letter is 612 x 792 pt")
