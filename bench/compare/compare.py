#!/usr/bin/env python3
"""Scores lede and other open extractors on the same AEB dev pages: one
table of F1, precision, recall (eval/aeb_eval.py's metric and code), pages
per second and CPU milliseconds per page (used by `make compare`).

Every extractor gets the pages already in memory and is timed around its
own extraction calls only (no interpreter start-up, no file reading): lede
through lede-bench (extract + render as text), the JavaScript extractors in
extract.mjs (DOM building + extraction + text), readability-lxml in
readability_lxml.py. CPU time is reported beside wall time because the
machine is shared and wall time is noisy. The other extractors are for this
comparison only; lede never uses them.

Usage:
  compare.py [--lede build/lede] [--data DIR] [--rounds N] [--only NAME]...
             [--keep DIR]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import types

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO_ROOT, "eval"))
import aeb_eval  # noqa: E402  (the scorer of `make eval`, reused as is)

DEBIAN_PYTHON = "/usr/bin/python3"  # python3-readability is installed for it
NODE_EXTRACTORS = ("readability-jsdom", "readability-linkedom", "defuddle")
COMPETITORS = NODE_EXTRACTORS + ("readability-lxml",)
ROW_LABELS = {
    "lede": "lede (html)",
    "readability-jsdom": "Mozilla Readability + jsdom",
    "readability-linkedom": "Mozilla Readability + linkedom",
    "defuddle": "Defuddle (linkedom)",
    "readability-lxml": "readability-lxml",
    "fulltext": "full page text (baseline)",
}


def run_competitor(name, data, rounds, out_dir):
    """Runs one harness; returns its JSON result, or None when it failed."""
    out = os.path.join(out_dir, name + ".json")
    if name in NODE_EXTRACTORS:
        cmd = ["node", os.path.join(HERE, "extract.mjs"), name, data,
               str(rounds), out]
    else:
        cmd = [DEBIAN_PYTHON, os.path.join(HERE, "readability_lxml.py"),
               data, str(rounds), out]
    log = os.path.join(out_dir, name + ".log")
    with open(log, "wb") as stderr:
        status = subprocess.call(cmd, stdout=subprocess.DEVNULL,
                                 stderr=stderr)
    if status != 0:
        with open(log, encoding="utf-8", errors="replace") as f:
            tail = f.read()[-1500:]
        sys.stderr.write("compare: %s failed (status %d):\n%s\n"
                         % (name, status, tail))
        return None
    with open(out, encoding="utf-8") as f:
        return json.load(f)


def run_lede(lede, data, rounds, truth):
    """lede's texts come from the lede tool exactly as `make eval` gets
    them; its timing from lede-bench, beside the tool."""
    args = types.SimpleNamespace(lede=lede, mode="html", data=data,
                                 timeout=600)
    bodies, errors, problems = aeb_eval.lede_bodies(args, truth, None)
    for problem in problems:
        sys.stderr.write("compare: lede: %s\n" % problem)
    bench = os.path.join(os.path.dirname(lede), "lede-bench")
    out = subprocess.run(
        [bench, "--mode", "html", "--format", "text", "--data", data,
         "--rounds", str(rounds)],
        stdout=subprocess.PIPE, check=True, text=True).stdout
    wall = re.search(r"median round ([\d.]+) ms", out)
    cpu = re.search(r"median CPU +([\d.]+) ms", out)
    version = subprocess.run([lede, "--version"], stdout=subprocess.PIPE,
                             text=True).stdout.strip()
    return {"extractor": "lede", "versions": [version or "lede"],
            "pages": len(truth),
            "median_wall": float(wall.group(1)) / 1e3,
            "median_cpu": float(cpu.group(1)) / 1e3,
            "texts": bodies, "errors": errors}


def page_f1(counts):
    """One page's F1, as aeb_eval.py lists its worst pages."""
    tp, fp, fn = counts
    p = aeb_eval.page_precision(*counts) if tp + fp > 0 else None
    r = aeb_eval.page_recall(*counts) if tp + fn > 0 else None
    return 2 * p * r / (p + r) if p and r else 0.0


def score(result, truth):
    counts = {i: aeb_eval.page_counts(truth[i].get("articleBody", ""),
                                      result["texts"].get(i, ""))
              for i in sorted(truth)}
    f1, precision, recall = aeb_eval.aggregate(list(counts.values()))
    result.update(f1=f1, precision=precision, recall=recall,
                  page_f1={i: page_f1(c) for i, c in counts.items()},
                  empty=sum(not result["texts"].get(i, "").strip()
                            for i in truth))
    return result


def print_table(rows):
    print("| extractor | F1 | precision | recall | pages/s | CPU ms/page "
          "| empty |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        if r.get("median_wall"):
            speed = "%.1f | %.2f" % (r["pages"] / r["median_wall"],
                                     1e3 * r["median_cpu"] / r["pages"])
        else:
            speed = "- | -"
        print("| %s | %.3f | %.3f | %.3f | %s | %d |"
              % (ROW_LABELS[r["extractor"]], r["f1"], r["precision"],
                 r["recall"], speed, r["empty"]))


def print_behind(lede, others, truth, count):
    """The pages where lede's F1 is furthest below the best competitor's."""
    gaps = []
    for i in truth:
        best = max(others, key=lambda r: r["page_f1"][i])
        gap = best["page_f1"][i] - lede["page_f1"][i]
        if gap > 0:
            gaps.append((gap, i, best))
    gaps.sort(key=lambda g: (-g[0], g[1]))
    print("\npages where another extractor beats lede: %d of %d; "
          "furthest behind:" % (len(gaps), len(truth)))
    for gap, i, best in gaps[:count]:
        print("  %s  lede %.3f  %s %.3f  %s"
              % (i[:16], lede["page_f1"][i], best["extractor"],
                 best["page_f1"][i], truth[i].get("url", "")))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lede", default=os.path.join(REPO_ROOT, "build", "lede"))
    ap.add_argument("--data", default=aeb_eval.DEFAULT_DATA)
    ap.add_argument("--rounds", type=int, default=1,
                    help="timed rounds over all pages for the other "
                         "extractors (after one untimed round; default 1)")
    ap.add_argument("--lede-rounds", type=int, default=10,
                    help="timed rounds for lede-bench (default 10)")
    ap.add_argument("--only", action="append", choices=COMPETITORS,
                    help="run only this competitor (repeatable)")
    ap.add_argument("--keep", metavar="DIR",
                    help="keep each extractor's texts and logs in DIR")
    ap.add_argument("--behind", type=int, default=5,
                    help="how many pages to list where lede is furthest "
                         "behind the best competitor (default 5)")
    args = ap.parse_args()
    data = os.path.abspath(args.data)
    truth = aeb_eval.load_json(os.path.join(data, "ground-truth.json"))
    page_text = aeb_eval.load_json(os.path.join(data, "page-text.json"))

    failed = False
    with tempfile.TemporaryDirectory(prefix="lede-compare.") as tmp:
        out_dir = args.keep or tmp
        os.makedirs(out_dir, exist_ok=True)
        lede = score(run_lede(args.lede, data, args.lede_rounds, truth),
                     truth)
        others = []
        for name in args.only or COMPETITORS:
            sys.stderr.write("compare: running %s\n" % name)
            result = run_competitor(name, data, args.rounds, out_dir)
            if result is None:
                failed = True
            else:
                others.append(score(result, truth))
    baseline = score({"extractor": "fulltext", "pages": len(truth),
                      "texts": {i: page_text[i]["text"] for i in truth}},
                     truth)

    print("AEB dev: %d pages; F1/precision/recall as in eval/aeb_eval.py; "
          "speed: median timed round, pages in memory, one page at a time"
          % len(truth))
    print_table([lede] + others + [baseline])
    print("\nversions:")
    for r in [lede] + others:
        errors = len(r["errors"])
        print("  %s: %s%s" % (r["extractor"], ", ".join(r["versions"]),
                              "  (%d pages raised an error)" % errors
                              if errors else ""))
    if others:
        best = max(others, key=lambda r: r["f1"])
        fastest = min(others, key=lambda r: r["median_cpu"])
        print("\nlede: F1 %+.3f against the most accurate other (%s); "
              "%.0fx less CPU per page than the fastest other (%s)"
              % (lede["f1"] - best["f1"], best["extractor"],
                 fastest["median_cpu"] / lede["median_cpu"],
                 fastest["extractor"]))
        print_behind(lede, others, truth, args.behind)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
