"""The Python API: extract, extract_file, render, iter_records, errors, and
agreement with the tool."""

import concurrent.futures
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from support import (AEB_DEV, HAND_PAGE, REPO, aeb_pages, example_pages, lede, make_jsonl,
                     make_warc, tool)


def tool_records(*paths, args=()):
    out = subprocess.run([tool(), *args, "--", *map(str, paths)], capture_output=True, timeout=300)
    return [json.loads(line) for line in out.stdout.splitlines()]


class ExtractTest(unittest.TestCase):
    def test_html_bytes_and_str_agree(self):
        from_bytes = lede.extract(HAND_PAGE.encode(), url="https://example.com/x")
        from_str = lede.extract(HAND_PAGE, url="https://example.com/x")
        self.assertEqual(from_bytes, from_str)
        self.assertEqual(from_bytes["input"], "html")
        self.assertEqual(from_bytes["url"], "https://example.com/x")
        self.assertEqual(from_bytes["title"], "Council approves new library for the town centre")
        self.assertEqual(len(from_bytes["paragraphs"]), 3)
        self.assertEqual(from_bytes["body"], "\n\n".join(from_bytes["paragraphs"]))

    def test_input_kind(self):
        text = "Headline of the story\n\n" + "\n\n".join(
            "This is paragraph number %d of a story that has several sentences. "
            "It goes on for a while, as stories do." % i for i in range(4))
        self.assertEqual(lede.extract(text)["input"], "text")
        self.assertEqual(lede.extract(HAND_PAGE, input="text")["input"], "text")
        with self.assertRaises(ValueError):
            lede.extract(text, input="pdf")
        with self.assertRaises(TypeError):
            lede.extract(42)

    def test_quotes_off(self):
        text = ("Maria Lopez spoke on Monday in Porto.\n\n"
                "\"We will rebuild the bridge before winter,\" Lopez said.\n")
        full = lede.extract(text, input="text")
        bare = lede.extract(text, input="text", quotes=False)
        self.assertEqual(full["quotes"][0]["speaker"], "Maria Lopez")
        self.assertEqual(bare["paragraphs"], full["paragraphs"])
        for field in ("quotes", "people", "places"):
            self.assertNotIn(field, bare)

    def test_errors_raise_lede_error(self):
        for data, status in ((b"", "empty"), (b"   \n\t", "empty"),
                             (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary")):
            with self.assertRaises(lede.Error) as caught:
                lede.extract(data)
            self.assertEqual(caught.exception.status, status)
            self.assertTrue(caught.exception.reason)
        with self.assertRaises(lede.Error) as caught:
            lede.extract_file("/nonexistent/page.html")
        self.assertEqual(caught.exception.status, "io")
        self.assertIsInstance(caught.exception, Exception)

    def test_extract_file_matches_tool(self):
        pages = example_pages() + aeb_pages(12)
        self.assertTrue(pages)
        expected = tool_records(*pages)
        got = [lede.extract_file(str(p)) for p in pages]
        self.assertEqual(got, expected)

    def test_gzip_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "page.html.gz")
            with gzip.open(path, "wb") as f:
                f.write(HAND_PAGE.encode())
            record = lede.extract_file(path)
            self.assertEqual(record["source"], path)
            self.assertEqual(len(record["paragraphs"]), 3)

    def test_threads_give_the_same_records(self):
        pages = [p.read_bytes() for p in example_pages()] + [gzip.decompress(p.read_bytes())
                                                             for p in aeb_pages(20)]
        serial = [lede.extract(p) for p in pages]
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            parallel = list(pool.map(lede.extract, pages * 2))
        self.assertEqual(parallel, serial * 2)

    def test_render_formats(self):
        text = lede.render(HAND_PAGE, "text")
        self.assertIn("Council approves new library", text)
        reader = lede.render(HAND_PAGE, "html")
        self.assertTrue(reader.startswith("<!DOCTYPE html>"))
        self.assertIn("<h1>Council approves new library for the town centre</h1>", reader)
        self.assertEqual(reader.count("<p>"), 3)
        self.assertNotIn("Copyright", reader)
        report = lede.render(HAND_PAGE, "explain")
        self.assertIn('data-block-count="8"', report)
        self.assertIn("Copyright", report)
        with self.assertRaises(lede.Error):
            lede.render(b"", "html")

    def test_reader_view_marks_speakers(self):
        page = ("<html><body><article><h1>Mayor opens the new bridge over the river</h1>"
                "<p>The new bridge opened on Monday after two years of building work in the "
                "centre of the town, the council said.</p>"
                "<p>\u201cThis bridge joins two halves of our town,\u201d said Mayor Anna Berg, "
                "who cut the ribbon in front of a crowd of several hundred people.</p>"
                "<p>Traffic will be allowed on the bridge from next week, after the last "
                "safety inspections have been completed by the engineers.</p>"
                "</article></body></html>")
        record = lede.extract(page)
        reader = lede.render(page, "html")
        for quote in record.get("quotes", []):
            if quote["speaker"]:
                self.assertIn('data-speaker="%s"' % quote["speaker"], reader)

    def test_reader_view_byline_and_date(self):
        page = HAND_PAGE.replace(
            "<title>", '<meta name="author" content="Jane Doe">'
            '<meta property="article:published_time" content="2024-05-01T10:00:00Z"><title>')
        record = lede.extract(page)
        reader = lede.render(page, "html")
        self.assertEqual(record.get("authors"), ["Jane Doe"])
        self.assertIn('<span class="author">Jane Doe</span>', reader)
        self.assertIn('<time datetime="%s">2024-05-01</time>' % record["date_published"], reader)

    def test_version(self):
        self.assertRegex(lede.version(), r"^\d+\.\d+\.\d+")


class IterRecordsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.pages = [("https://example.com/hand", HAND_PAGE.encode())]
        self.pages += [(f"https://example.com/{p.name}", p.read_bytes()) for p in example_pages()
                       if p.suffix == ".html"]

    def test_warc(self):
        path = os.path.join(self.tmp.name, "crawl.warc.gz")
        make_warc(path, self.pages)
        records = list(lede.iter_records(path, jobs=1))
        self.assertEqual(len(records), 2 * len(self.pages))  # a request and a response each
        articles = [r for r in records if "body" in r]
        self.assertEqual([r["url"] for r in articles], [uri for uri, _ in self.pages])
        self.assertEqual(articles[0]["title"], "Council approves new library for the town centre")
        self.assertEqual(records, tool_records(path, args=("-j", "1")))

    def test_jsonl(self):
        path = os.path.join(self.tmp.name, "pages.jsonl")
        make_jsonl(path, self.pages)
        records = list(lede.iter_records(path))
        self.assertEqual(len(records), len(self.pages))
        self.assertEqual(records[0]["title"], "Council approves new library for the town centre")
        # Crawl options pass through: the same pages under another member name.
        renamed = os.path.join(self.tmp.name, "renamed.jsonl")
        with open(path, encoding="utf-8") as src, open(renamed, "w", encoding="utf-8") as dst:
            for line in src:
                record = json.loads(line)
                record["content"] = record.pop("html")
                dst.write(json.dumps(record) + "\n")
        again = list(lede.iter_records(renamed, args=("--html-field", "content")))
        self.assertEqual([r["title"] for r in again], [r["title"] for r in records])

    def test_missing_file(self):
        records = list(lede.iter_records(os.path.join(self.tmp.name, "missing.warc")))
        self.assertEqual(len(records), 1)
        self.assertIn("error", records[0])

    @unittest.skipUnless(AEB_DEV.is_dir(), "no AEB dev pages")
    def test_single_page(self):
        page = aeb_pages(1)[0]
        self.assertEqual(list(lede.iter_records(page)), [lede.extract_file(str(page))])


class InstallTest(unittest.TestCase):
    def test_pip_install_offline(self):
        """pip builds and installs the package with no network (setuptools
        from Debian, no build isolation); a copy is installed so that pip's
        build files stay out of the source tree."""
        with tempfile.TemporaryDirectory() as tmp:
            src, target = os.path.join(tmp, "src"), os.path.join(tmp, "site")
            shutil.copytree(REPO / "python", src,
                            ignore=shutil.ignore_patterns("tests", "bench", "build", "*.egg-info",
                                                          "__pycache__"))
            done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-build-isolation",
                                   "--no-index", "--no-deps", "--target", target, src],
                                  capture_output=True, timeout=600)
            self.assertEqual(done.returncode, 0, done.stderr.decode(errors="replace"))
            self.assertTrue(os.path.exists(os.path.join(target, "bin", "lede-dask")))
            env = dict(os.environ, PYTHONPATH=target)
            done = subprocess.run([sys.executable, "-c", "import lede; print(lede.__file__, "
                                   "lede.extract(open(0).read())['title'])"],
                                  input=HAND_PAGE.encode(), capture_output=True, env=env,
                                  timeout=120)
            self.assertEqual(done.returncode, 0, done.stderr.decode(errors="replace"))
            self.assertIn(target.encode(), done.stdout)
            self.assertIn(b"Council approves new library", done.stdout)


if __name__ == "__main__":
    unittest.main()
