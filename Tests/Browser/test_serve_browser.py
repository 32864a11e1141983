"""`lectern serve` in a real headless Chromium: an edit to the deck appears without a manual reload and
keeps the slide; a deck that cannot be read shows the problem until fixed; nothing outside the folder
is served."""
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from browser_support import LECTERN, ROOT, BrowserTestCase

DECK = """---
marp: true
---

# First slide

---

# Second slide

The answer is {text}.
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeTests(BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.site = cls.tmp / "site"
        (cls.site / "img").mkdir(parents=True)
        (cls.site / "talk.md").write_text(DECK.format(text="forty-one"))
        (cls.site / "img" / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
        (cls.tmp / "secret.txt").write_text("outside")
        os.symlink(cls.tmp / "secret.txt", cls.site / "link.txt")
        (cls.site / ".env").write_text("API_KEY=hidden")
        os.symlink(".env", cls.site / "visible.txt")
        cls.port = free_port()
        cls.server = subprocess.Popen([str(LECTERN), "serve", str(cls.site), "--port", str(cls.port)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        cls.base = f"http://127.0.0.1:{cls.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(cls.base + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=10)
        super().tearDownClass()

    def status(self, path):
        try:
            return urllib.request.urlopen(self.base + path, timeout=5).status
        except urllib.error.HTTPError as e:
            return e.code

    def test_edit_appears_without_a_manual_reload_and_keeps_the_slide(self):
        (self.site / "talk.md").write_text(DECK.format(text="forty-one"))
        time.sleep(0.3)  # inotify tells the server at once; let the change settle before loading
        self.driver.get(self.base + "/talk.md#2")
        self.wait_for(lambda d: d.execute_script("return document.body.classList.contains('lectern-viewer')"))
        self.assertEqual(self.visible_slides(), [2])
        self.assertIn("forty-one", self.driver.find_element("css selector", "svg.lectern-active").text)
        # Wait until the reload socket is open, then edit the file on disk.
        time.sleep(0.5)
        (self.site / "talk.md").write_text(DECK.format(text="forty-two"))
        self.wait_for(lambda d: "forty-two" in d.find_element("css selector", "svg.lectern-active").text, timeout=5)
        self.assertEqual(self.visible_slides(), [2], "the page came back on the same slide")
        self.assertTrue(self.driver.current_url.endswith("#2"))

    def test_a_broken_deck_shows_its_problem_until_fixed(self):
        self.driver.get(self.base + "/talk.md")
        self.wait_for(lambda d: d.execute_script("return document.body.classList.contains('lectern-viewer')"))
        time.sleep(0.5)
        (self.site / "talk.md").write_text("---\nmarp: true\ntheme: [oops\n---\n# Broken\n")
        self.wait_for(lambda d: d.find_elements("css selector", ".lectern-serve-problems"), timeout=5)
        problem = self.driver.find_element("css selector", ".lectern-serve-problems").text
        self.assertIn("talk.md:3:", problem)
        self.assertIn("invalid YAML in front matter", problem)
        (self.site / "talk.md").write_text(DECK.format(text="fixed"))
        self.wait_for(lambda d: not d.find_elements("css selector", ".lectern-serve-problems"), timeout=5)

    def test_only_files_under_the_folder_are_served(self):
        self.assertEqual(self.status("/img/dot.svg"), 200)
        self.assertEqual(self.status("/"), 200)
        for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/img/..%2f..%2fsecret.txt", "/link.txt", "/missing.md", "/.env", "/visible.txt",
                     "/img/../../secret.txt"):
            with self.subTest(path=path):
                self.assertEqual(self.status(path), 404)

    def test_presenter_view_works_through_the_server(self):
        self.driver.get(self.base + "/talk.md?presenter#1")
        self.wait_for(lambda d: d.find_elements("css selector", ".lectern-presenter-notes"))
        self.assertEqual(self.driver.find_element("css selector", ".lectern-counter").text, "1 / 2")
