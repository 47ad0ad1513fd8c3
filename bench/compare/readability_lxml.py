#!/usr/bin/python3
"""Runs readability-lxml (Debian's python3-readability) over the AEB pages
held in memory and writes its article texts and timings as JSON.

  /usr/bin/python3 readability_lxml.py DATA_DIR ROUNDS OUT.json

Debian installs the package for its own /usr/bin/python3 only. The pages
are gunzipped before any timing; a round times, per page, Document(...)
.summary() and turning that HTML into text. One untimed round first gives
the predictions.
"""
import gzip
import json
import logging
import os
import statistics
import sys
import time

import lxml.html
from readability import Document

# Block elements end a line, so that words of adjacent paragraphs are not
# glued together when the summary HTML becomes text.
BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl",
    "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "ol", "p", "pre", "section", "table",
    "td", "th", "tr", "ul"))


def html_to_text(html):
    if not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    lines = (line.strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def extract(html, url):
    return html_to_text(Document(html, url=url).summary(html_partial=True))


def package_version():
    try:
        from importlib.metadata import version
        return version("readability-lxml")
    except Exception:  # the Debian package may lack the metadata
        return "unknown"


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: readability_lxml.py DATA_DIR ROUNDS OUT.json")
    data, rounds, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    # readability-lxml logs every page it has to retry; that is noise here.
    logging.disable(logging.WARNING)
    with open(os.path.join(data, "ground-truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    pages = []
    for page_id in sorted(truth):
        with gzip.open(os.path.join(data, "html", page_id + ".html.gz")) as f:
            pages.append((page_id, truth[page_id].get("url"), f.read()))

    texts, errors = {}, {}
    for page_id, url, html in pages:
        try:
            texts[page_id] = extract(html, url)
        except Exception as err:  # a page it cannot read scores empty
            texts[page_id] = ""
            errors[page_id] = repr(err)[:200]
    wall, cpu = [], []
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        for page_id, url, html in pages:
            try:
                extract(html, url)
            except Exception:
                pass  # counted in the untimed round already
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - t0)

    versions = ["readability-lxml %s" % package_version(),
                "lxml %s" % lxml.__version__,
                "python %s" % sys.version.split()[0]]
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"extractor": "readability-lxml", "versions": versions,
                   "pages": len(pages),
                   "median_wall": statistics.median(wall) if wall else None,
                   "median_cpu": statistics.median(cpu) if cpu else None,
                   "texts": texts, "errors": errors}, f)


if __name__ == "__main__":
    main()
