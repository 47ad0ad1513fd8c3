"""Paths the tests share. CTest sets LEDE_LIBRARY, LEDE_TOOL and
LEDE_TEST_DATA; run by hand, the tests use build/ and ../shared/data."""

import gzip
import hashlib
import io
import os
import pathlib
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python"))
if "LEDE_LIBRARY" not in os.environ and (REPO / "build" / "liblede.so").exists():
    os.environ["LEDE_LIBRARY"] = str(REPO / "build" / "liblede.so")

import lede  # noqa: E402

DATA = pathlib.Path(os.environ.get("LEDE_TEST_DATA", REPO.parent / "shared" / "data"))
AEB_DEV = DATA / "aeb-dev"
EXAMPLES = REPO / "examples"


def tool():
    return lede.tool_path()


def aeb_pages(limit=None):
    pages = sorted((AEB_DEV / "html").glob("*.html.gz")) if AEB_DEV.is_dir() else []
    return pages[:limit] if limit else pages


def example_pages():
    return sorted(p for p in EXAMPLES.iterdir() if p.is_file()) if EXAMPLES.is_dir() else []


# A page with a known block structure: three menu items, the headline, three
# paragraphs and a footer line, one block each.
HAND_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Test page</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Council approves new library for the town centre</h1>
<p>The town council voted on Tuesday to build a new public library in the centre, replacing
the old building that closed three years ago after a flood.</p>
<p>The new library will have a children's room, a study hall and space for community groups,
the council said in a statement after the vote.</p>
<p>Construction is expected to start next spring and to take about eighteen months, according
to the planning documents published with the decision.</p>
</article>
<footer><p>Copyright 2024 The Town Paper. All rights reserved.</p></footer>
</body></html>
"""
HAND_PAGE_BLOCKS = 8


def _warc_record(kind, uri, payload, extra=""):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Record-ID: <urn:sha1:{hashlib.sha1((kind + uri).encode()).hexdigest()}>\r\n{extra}"
            f"Content-Length: {len(payload)}\r\n\r\n").encode()
    return head + payload + b"\r\n\r\n"


def make_warc(path, pages):
    """Writes a gzip WARC (one member per record, as crawlers do) with a
    request and a response record for each (uri, html bytes) in pages."""
    with open(path, "wb") as f:
        for uri, html in pages:
            request = f"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n".encode()
            response = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                        + f"Content-Length: {len(html)}\r\n\r\n".encode() + html)
            for kind, payload, extra in (
                    ("request", request, "Content-Type: application/http; msgtype=request\r\n"),
                    ("response", response, "Content-Type: application/http; msgtype=response\r\n")):
                member = io.BytesIO()
                with gzip.GzipFile(fileobj=member, mode="wb") as z:
                    z.write(_warc_record(kind, uri, payload, extra))
                f.write(member.getvalue())


def make_jsonl(path, pages):
    import json
    with open(path, "w", encoding="utf-8") as f:
        for i, (uri, html) in enumerate(pages):
            f.write(json.dumps({"id": i, "url": uri, "html": html.decode("utf-8", "replace")}) + "\n")
