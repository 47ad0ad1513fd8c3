#!/usr/bin/env python3
"""Score lede's article bodies with the Article Extraction Benchmark metric.

Metric (as in the benchmark's evaluate.py, re-implemented here):
  * tokens are the matches of the Unicode regex \\w+ (case kept);
  * a text becomes the multiset of its 4-token shingles (a text of 1-3
    tokens is one shorter shingle, an empty text has none);
  * per page: tp = sum of min(true, pred) counts, fp = pred excess,
    fn = true excess, then tp/fp/fn are divided by their sum;
  * precision = tp/(tp+fp) averaged over the pages with tp+fp > 0 (pages
    with an empty prediction do not count towards precision), recall =
    tp/(tp+fn) averaged over pages with tp+fn > 0; a page where fp = fn = 0
    scores 1 for both;
  * F1 = harmonic mean of the two averages (not an average of page F1s).

Baselines on the 131 aeb-dev pages (text mode): --baseline fulltext gives
F1 0.662 and --baseline c4 0.832; the figures quoted in the issues (0.665,
0.835) come out exactly when the one open-thread page ac3c0355... (12 kB of
comments around a 419-character article) is left out of both.

Usage:
  aeb_eval.py --lede build/lede --mode html|text [--data DIR] [--json]
  aeb_eval.py --baseline fulltext|c4 [--data DIR]     (text baselines)
  aeb_eval.py --lede build/lede --diff ID_PREFIX       (what one page got wrong)
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.join(REPO_ROOT, "..", "shared", "data", "aeb-dev")
TOKEN_RE = re.compile(r"\w+")
SHINGLE_N = 4


def shingles(text):
    tokens = TOKEN_RE.findall(text or "")
    if len(tokens) < SHINGLE_N:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(
        tuple(tokens[i:i + SHINGLE_N])
        for i in range(len(tokens) - SHINGLE_N + 1))


def page_counts(true_text, pred_text):
    """Normalised (tp, fp, fn) for one page."""
    true_sh = shingles(true_text)
    pred_sh = shingles(pred_text)
    tp = sum((true_sh & pred_sh).values())
    fp = sum((pred_sh - true_sh).values())
    fn = sum((true_sh - pred_sh).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_precision(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp > 0 else 0.0


def page_recall(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn > 0 else 0.0


def mean(values):
    return sum(values) / len(values) if values else 0.0


def aggregate(counts):
    precision = mean([page_precision(*c) for c in counts if c[0] + c[1] > 0])
    recall = mean([page_recall(*c) for c in counts if c[0] + c[2] > 0])
    f1 = (2 * precision * recall / (precision + recall)
          if precision + recall > 0 else 0.0)
    return f1, precision, recall


# ---- predictions -----------------------------------------------------------

def run_lede(lede, input_kind, paths, timeout):
    """Runs lede once over all paths; returns ({path: record}, [problems])
    where problems are faults of the run itself (not extraction quality)."""
    cmd = [lede, "--input", input_kind, "--format", "json"] + paths
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        sys.exit("aeb_eval: %s timed out after %ss" % (lede, timeout))
    except OSError as err:
        sys.exit("aeb_eval: cannot run %s: %s" % (lede, err))
    problems = []
    stderr = proc.stderr.decode("utf-8", "replace")
    if "Sanitizer" in stderr or "runtime error:" in stderr:
        problems.append("sanitizer report:\n" + stderr[-3000:])
    if proc.returncode not in (0, 1):
        problems.append("lede exited with status %d" % proc.returncode)
    records = {}
    for lineno, line in enumerate(proc.stdout.splitlines(), 1):
        try:
            record = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as err:
            problems.append("output line %d is not valid UTF-8 JSON: %s"
                            % (lineno, err))
            continue
        records[record.get("source")] = record
    return records, problems


def lede_bodies(args, truth, texts):
    """{ID: body} from lede; also returns {ID: error} for failed pages."""
    ids = sorted(truth)
    with tempfile.TemporaryDirectory(prefix="aeb_eval.") as tmp:
        if args.mode == "html":
            paths = {i: os.path.join(args.data, "html", i + ".html.gz")
                     for i in ids}
        else:
            paths = {}
            for i in ids:
                paths[i] = os.path.join(tmp, i + ".txt")
                with open(paths[i], "w", encoding="utf-8") as f:
                    f.write(texts[i])
        records, problems = run_lede(args.lede, args.mode,
                                     [paths[i] for i in ids], args.timeout)
    bodies, errors = {}, {}
    for i in ids:
        record = records.get(paths[i])
        if record is None:
            errors[i] = "no output record"
        elif "error" in record:
            errors[i] = record["error"]
        bodies[i] = (record or {}).get("body") or ""
    return bodies, errors, problems


# C4 line filter (Raffel et al. 2020, as the issue states it): keep lines of
# three or more words that end in terminal punctuation (period, !, ?, or an
# end quotation mark, straight or typographic); drop lines that mention
# javascript, cookies or policies.
C4_END_MARKS = (".", "!", "?", '"', "\u201d")
C4_BAD_PHRASES = ("javascript", "terms of use", "privacy policy",
                  "cookie policy", "uses cookies", "use of cookies",
                  "use cookies")


def c4_filter(text):
    kept = []
    for line in text.splitlines():
        line = line.strip()
        lower = line.lower()
        if (len(line.split()) >= 3 and line.endswith(C4_END_MARKS)
                and not any(p in lower for p in C4_BAD_PHRASES)):
            kept.append(line)
    return "\n".join(kept)


def print_diff(page_id, url, truth_text, pred_text, counts):
    """Lists the predicted paragraphs that are mostly not in the truth (+)
    and the true paragraphs mostly missing from the prediction (-)."""
    def paragraphs(text):
        return [p.strip() for p in (text or "").split("\n") if p.strip()]

    def share_found(paragraph, pool):
        sh = shingles(paragraph)
        total = sum(sh.values())
        return sum((sh & pool).values()) / total if total else 1.0

    truth_sh, pred_sh = shingles(truth_text), shingles(pred_text)
    tp, fp, fn = counts
    print("%s %s" % (page_id, url))
    print("P %.3f  R %.3f" % (tp / (tp + fp) if tp + fp else 0.0,
                              tp / (tp + fn) if tp + fn else 0.0))
    for p in paragraphs(pred_text):
        if share_found(p, truth_sh) < 0.5:
            print("+ " + p[:300])
    for p in paragraphs(truth_text):
        if share_found(p, pred_sh) < 0.5:
            print("- " + p[:300])


# ---- main ------------------------------------------------------------------

def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lede", default=os.path.join(REPO_ROOT, "build", "lede"),
                    help="lede binary (default: build/lede)")
    ap.add_argument("--mode", choices=("html", "text"), default="html")
    ap.add_argument("--data", default=DEFAULT_DATA,
                    help="dataset dir with ground-truth.json, html/, "
                         "page-text.json (default: ../shared/data/aeb-dev)")
    ap.add_argument("--baseline", choices=("fulltext", "c4"),
                    help="score page-text.json itself or its C4 line "
                         "filter instead of running lede")
    ap.add_argument("--json", action="store_true",
                    help="print one JSON object with all numbers")
    ap.add_argument("--worst", type=int, default=10,
                    help="how many worst pages to list (default 10)")
    ap.add_argument("--page", action="append", default=[],
                    help="score only pages whose ID starts with this "
                         "(repeatable)")
    ap.add_argument("--diff", metavar="ID_PREFIX",
                    help="show the extra (+) and missing (-) paragraphs of "
                         "the pages whose ID starts with this")
    ap.add_argument("--min-f1", type=float, default=0.0,
                    help="exit 1 when F1 is below this (for tests)")
    ap.add_argument("--min-precision", type=float, default=0.0,
                    help="exit 1 when precision is below this")
    ap.add_argument("--timeout", type=float, default=600,
                    help="seconds allowed for the lede run")
    args = ap.parse_args()

    truth = load_json(os.path.join(args.data, "ground-truth.json"))
    if args.diff:
        args.page.append(args.diff)
    if args.page:
        truth = {k: v for k, v in truth.items()
                 if any(k.startswith(p) for p in args.page)}
        if not truth:
            sys.exit("aeb_eval: no page matches --page")
    texts = None
    if args.mode == "text" or args.baseline:
        texts = load_json(os.path.join(args.data, "page-text.json"))
        texts = {k: v["text"] for k, v in texts.items()}

    errors, problems = {}, []
    if args.baseline == "fulltext":
        bodies = {i: texts[i] for i in truth}
        label = "baseline fulltext"
    elif args.baseline == "c4":
        bodies = {i: c4_filter(texts[i]) for i in truth}
        label = "baseline c4"
    else:
        bodies, errors, problems = lede_bodies(args, truth, texts)
        label = "lede %s" % args.mode

    pages = []
    for i in sorted(truth):
        tp, fp, fn = page_counts(truth[i].get("articleBody", ""), bodies[i])
        p = page_precision(tp, fp, fn) if tp + fp > 0 else None
        r = page_recall(tp, fp, fn) if tp + fn > 0 else None
        pf1 = 2 * p * r / (p + r) if p and r else 0.0
        pages.append({"id": i, "url": truth[i].get("url", ""),
                      "precision": p, "recall": r, "f1": pf1,
                      "counts": (tp, fp, fn), "empty": not bodies[i].strip(),
                      "error": errors.get(i)})
    if args.diff:
        for pg in pages:
            print_diff(pg["id"], pg["url"], truth[pg["id"]].get("articleBody"),
                       bodies[pg["id"]], pg["counts"])
        return

    f1, precision, recall = aggregate([pg["counts"] for pg in pages])
    worst = sorted(pages, key=lambda pg: (pg["f1"], pg["id"]))[:args.worst]
    empty = sum(pg["empty"] for pg in pages)

    for problem in problems:
        sys.stderr.write("aeb_eval: %s\n" % problem)
    status = 0
    if problems or errors:
        status = 1
    if f1 < args.min_f1 or precision < args.min_precision:
        sys.stderr.write("aeb_eval: below the target: F1 %.4f (min %.3f), "
                         "precision %.4f (min %.3f)\n"
                         % (f1, args.min_f1, precision, args.min_precision))
        status = 1

    if args.json:
        print(json.dumps({
            "label": label, "pages": len(pages), "f1": f1,
            "precision": precision, "recall": recall, "empty": empty,
            "errors": len(errors),
            "per_page": [{k: pg[k] for k in ("id", "url", "precision",
                                             "recall", "f1", "error")}
                         for pg in pages]}))
        return status

    def fmt(x):
        return "  -  " if x is None else "%.3f" % x

    print("%s: %d pages, %d empty bodies, %d errors"
          % (label, len(pages), empty, len(errors)))
    print("F1 %.4f  precision %.4f  recall %.4f" % (f1, precision, recall))
    if empty:
        print("(as in the AEB metric, empty bodies score 0 recall and are "
              "left out of precision)")
    if worst:
        print("worst %d pages:" % len(worst))
        print("  %-16s %5s %5s  %s" % ("id", "P", "R", "url"))
        for pg in worst:
            print("  %-16s %5s %5s  %s%s" % (
                pg["id"][:16], fmt(pg["precision"]), fmt(pg["recall"]),
                pg["url"], "  [error: %s]" % pg["error"]
                if pg["error"] else ""))
    return status


if __name__ == "__main__":
    sys.exit(main())
