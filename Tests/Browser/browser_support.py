"""Shared set-up for Lectern's browser tests: the built binary, a real headless Chromium through
Selenium and chromium-driver, and helpers to build decks into a temporary folder."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("LECTERN_SHARED", ROOT.parent / "shared"))
LECTERN = Path(os.environ.get("LECTERN_BIN", ROOT / ".build" / "debug" / "lectern"))


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def lectern(*args, check=True):
    result = subprocess.run([str(LECTERN), *map(str, args)], capture_output=True, text=True, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"lectern {' '.join(map(str, args))} exited {result.returncode}:\n{result.stderr}")
    return result


def slide_count(deck):
    model = json.loads(lectern("extract", deck, "--kind", "deck").stdout)
    return model["slideCount"], model


def new_driver(width=1280, height=720, reduced_motion=True):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = find_chromium()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--allow-file-access-from-files",
                f"--window-size={width},{height}", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    if reduced_motion:
        options.add_argument("--force-prefers-reduced-motion")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


def script_errors(driver):
    """Console errors from the page's own code; failed image loads are reported by the build instead."""
    errors = []
    for entry in driver.get_log("browser"):
        if entry["level"] != "SEVERE":
            continue
        message = entry["message"]
        if "Failed to load resource" in message or "net::ERR_" in message:
            continue
        errors.append(message)
    return errors


class BrowserTestCase(unittest.TestCase):
    driver = None

    @classmethod
    def setUpClass(cls):
        if not LECTERN.exists():
            raise unittest.SkipTest(f"{LECTERN} is not built; run 'swift build' first")
        if find_chromium() is None or shutil.which("chromedriver") is None:
            raise unittest.SkipTest("no chromium/chromedriver installed (make deps installs them)")
        cls.tmp = Path(tempfile.mkdtemp(prefix="lectern-browser-"))
        cls.driver = new_driver()

    @classmethod
    def tearDownClass(cls):
        if cls.driver is not None:
            cls.driver.quit()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def open(self, html, fragment=""):
        self.driver.get(Path(html).resolve().as_uri() + fragment)
        self.wait_for(lambda d: d.execute_script("return document.body.classList.contains('lectern-viewer')"))

    def wait_for(self, condition, timeout=10):
        """Polls `condition` until it holds. A page that reloads while the condition reads it (live reload)
        raises stale-element or no-such-element errors mid-read: those mean "not yet", not failure."""
        from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
        from selenium.webdriver.support.ui import WebDriverWait
        return WebDriverWait(self.driver, timeout,
                             ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)).until(condition)

    def visible_slides(self):
        return self.driver.execute_script(
            "return Array.from(document.querySelectorAll('div.marpit > svg[data-marpit-svg]'))"
            ".map((s, i) => [i + 1, getComputedStyle(s).display]).filter(p => p[1] !== 'none').map(p => p[0]);")

    def build(self, name, markdown, *args):
        """Writes `markdown` as NAME.md in the class's temporary folder and builds it to NAME.html."""
        folder = self.tmp / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.md").write_text(markdown, encoding="utf-8")
        out = folder / f"{name}.html"
        result = lectern("build", folder / f"{name}.md", "-o", out, *args)
        return out, result

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def press(self, key):
        from selenium.webdriver.common.action_chains import ActionChains
        ActionChains(self.driver).send_keys(key).perform()
