"""The explain view in a real browser: `lede --explain` writes a report,
headless Chromium loads it (its script fills in the number of blocks shown),
dumps the DOM and takes a screenshot; the page must load without console
errors and show the expected block count."""

import os
import re
import shutil
import subprocess
import tempfile
import unittest

from support import HAND_PAGE, HAND_PAGE_BLOCKS, aeb_pages, tool

BROWSER_TIMEOUT = 240  # seconds; a cold start on a busy 2-core machine is slow
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--enable-logging=stderr", "--v=0",
                  # containers often have a tiny /dev/shm
                  "--disable-dev-shm-usage"]
# Variables meant for lede's sanitizer build, not for the browser.
_NOT_FOR_BROWSER = ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS")


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_browser(action, url, tmp):
    """Runs Chromium once with one action (--dump-dom, --screenshot=...);
    returns (exit status, stdout, console errors from its log)."""
    profile = tempfile.mkdtemp(dir=tmp)
    env = {k: v for k, v in os.environ.items() if k not in _NOT_FOR_BROWSER}
    env["HOME"] = profile  # CI may run without a home directory
    done = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                           "--window-size=1000,1400", action, url],
                          capture_output=True, env=env, timeout=BROWSER_TIMEOUT)
    log = done.stderr.decode("utf-8", "replace")
    errors = [line for line in log.splitlines()
              if ":CONSOLE" in line and ("Uncaught" in line or "Error" in line)
              or "Failed to load resource" in line or "net::ERR_" in line]
    return done.returncode, done.stdout.decode("utf-8", "replace"), errors


class ExplainInChromiumTest(unittest.TestCase):
    def setUp(self):
        if not chromium():
            self.fail("chromium is not installed (make deps, or apt-get install chromium)")
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def report(self, page_path):
        out = os.path.join(self.tmp, os.path.basename(page_path) + ".report.html")
        done = subprocess.run([tool(), "--explain", page_path, "-o", out],
                              capture_output=True, timeout=120)
        self.assertEqual(done.returncode, 0, done.stderr)
        with open(out, encoding="utf-8") as f:
            return out, f.read()

    def check_in_browser(self, report_path, expected_blocks):
        url = "file://" + report_path
        rc, dom, errors = run_browser("--dump-dom", url, self.tmp)
        self.assertEqual(rc, 0)
        self.assertEqual(errors, [])
        self.assertIn(f'data-block-count="{expected_blocks}"', dom)
        # The script ran and counted the blocks the browser built.
        shown = re.search(r'<span id="shown-blocks">(\d+)</span>', dom)
        self.assertIsNotNone(shown, "the report's script did not run")
        self.assertEqual(int(shown.group(1)), expected_blocks)
        shot = os.path.join(self.tmp, "report.png")
        rc, _, errors = run_browser(f"--screenshot={shot}", url, self.tmp)
        self.assertEqual(rc, 0)
        self.assertEqual(errors, [])
        with open(shot, "rb") as f:
            png = f.read()
        self.assertTrue(png.startswith(b"\x89PNG\r\n\x1a\n"))
        self.assertGreater(len(png), 10000)  # a blank page compresses far smaller

    def test_hand_made_page(self):
        page = os.path.join(self.tmp, "page.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(HAND_PAGE)
        path, html = self.report(page)
        self.assertEqual(html.count('<section class="block '), HAND_PAGE_BLOCKS)
        self.assertIn('data-label="title"', html)
        self.assertIn('data-label="content"', html)
        self.assertIn('data-label="boilerplate"', html)
        self.check_in_browser(path, HAND_PAGE_BLOCKS)

    def test_real_page(self):
        pages = aeb_pages(1)
        if not pages:
            self.skipTest("no AEB dev pages")
        path, html = self.report(str(pages[0]))
        blocks = html.count('<section class="block ')
        self.assertGreater(blocks, 10)
        self.check_in_browser(path, blocks)

    def test_console_errors_are_caught(self):
        """The error check itself: a page whose script fails is reported."""
        page = os.path.join(self.tmp, "broken.html")
        with open(page, "w") as f:
            f.write("<!DOCTYPE html><p>x</p><script>no_such_function();</script>")
        _, _, errors = run_browser("--dump-dom", "file://" + page, self.tmp)
        self.assertTrue(errors)


if __name__ == "__main__":
    unittest.main()
