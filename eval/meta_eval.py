#!/usr/bin/env python3
"""Score lede's metadata fields on the meta-dev pages (issue 4).

Metric, per field, over the pages whose gold has the field:
  * title: exact match after Unicode (NFKC) and white-space normalisation;
  * authors: token F1 between the gold author string and the found names
    (tokens = Unicode \\w+ matches, lowercased; pages with a null gold
    author are not scored);
  * date_published: the calendar day in UTC (a value without a UTC offset
    counts as the day it names); also printed, as "date_published~", the
    share where a value without offset names the gold instant's calendar
    day at some offset between UTC-12 and UTC+14 (a date-only "2019-04-04"
    on a Japanese page is the gold's 2019-04-03T15:00Z);
  * deck: exact match after normalisation, over the pages with a "dek"
    in the gold; an empty gold deck wants no deck.
Also prints, for information, how often a field was found on pages whose
gold has none (possible inventions), and the worst misses per field.

Usage: meta_eval.py --lede build/lede [--data DIR] [--misses N] [--json]
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import unicodedata

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.join(REPO_ROOT, "..", "shared", "data", "meta-dev")
TOKEN_RE = re.compile(r"\w+")
TARGETS = {"title": 0.95, "authors": 0.90, "date_published": 0.92,
           "deck": 0.80}


def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    return re.sub(r"\s+", " ", s).strip()


def author_tokens(value):
    if isinstance(value, list):
        value = " ".join(v for v in value if isinstance(v, str))
    return [t.lower() for t in TOKEN_RE.findall(norm(value))]


def token_f1(gold, pred):
    if not gold and not pred:
        return 1.0
    if not gold or not pred:
        return 0.0
    left = list(gold)
    tp = 0
    for t in pred:
        if t in left:
            left.remove(t)
            tp += 1
    if tp == 0:
        return 0.0
    p, r = tp / len(pred), tp / len(gold)
    return 2 * p * r / (p + r)


DATE_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?")


def utc_day(value):
    """'YYYY-MM-DD' of an ISO 8601 value in UTC, or None."""
    m = DATE_RE.match((value or "").strip())
    if not m:
        return None
    y, mo, d, hh, mi, ss, tz = m.groups()
    try:
        t = datetime.datetime(int(y), int(mo), int(d), int(hh or 0),
                              int(mi or 0), int(ss or 0))
    except ValueError:
        return None
    if tz and hh:
        if tz != "Z":
            sign = 1 if tz[0] == "+" else -1
            digits = tz[1:].replace(":", "")
            t -= sign * datetime.timedelta(hours=int(digits[:2]),
                                           minutes=int(digits[2:]))
    return t.date().isoformat()


def run_lede(lede, path, url, timeout):
    """One page with its URL (lede takes --url for a single input)."""
    cmd = [lede, "--input", "html", "--format", "json"]
    if url:
        cmd += ["--url", url]
    try:
        proc = subprocess.run(cmd + [path], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout)
    except (subprocess.TimeoutExpired, OSError) as err:
        sys.exit("meta_eval: cannot run %s: %s" % (lede, err))
    if proc.returncode not in (0, 1):
        sys.stderr.write("meta_eval: lede exited with status %d on %s\n"
                         % (proc.returncode, path))
    try:
        return json.loads(proc.stdout.decode("utf-8").splitlines()[0])
    except (UnicodeDecodeError, ValueError, IndexError):
        return {}


def naive(value):
    """True when an ISO value has no UTC offset (a local date or time)."""
    m = DATE_RE.match((value or "").strip())
    return bool(m) and not (m.group(7) and m.group(4))


def local_day_matches(gold, pred):
    """pred (no offset) is the gold instant's day at some offset in
    [-12h, +14h]."""
    day = utc_day(pred)
    g = DATE_RE.match((gold or "").strip())
    if not day or not g:
        return False
    y, mo, d, hh, mi = (int(x or 0) for x in g.groups()[:5])
    t = datetime.datetime(y, mo, d, hh, mi)
    tz = g.group(7)
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        digits = tz[1:].replace(":", "")
        t -= sign * datetime.timedelta(hours=int(digits[:2]),
                                       minutes=int(digits[2:]))
    lo = (t - datetime.timedelta(hours=12)).date()
    hi = (t + datetime.timedelta(hours=14)).date()
    return lo.isoformat() <= day <= hi.isoformat()


def score(gold, records, html_dir):
    """Returns {field: [(score, id, want, got)]} and {field: [ids]} of
    values found where the gold has none."""
    scores = {f: [] for f in TARGETS}
    scores["date_published~"] = []
    extra = {f: [] for f in scores}
    for pid, g in sorted(gold.items()):
        rec = records.get(os.path.join(html_dir, pid + ".html.gz"), {})
        if g.get("title"):
            want, got = norm(g["title"]), norm(rec.get("title"))
            scores["title"].append((float(want == got), pid, want, got))
        got_authors = rec.get("authors") or []
        if g.get("author"):
            s = token_f1(author_tokens(g["author"]), author_tokens(got_authors))
            scores["authors"].append((s, pid, norm(g["author"]),
                                      "; ".join(got_authors)))
        elif got_authors:
            extra["authors"].append(pid)
        got_date = rec.get("date_published")
        if g.get("date_published"):
            want = utc_day(g["date_published"])
            s = float(want is not None and want == utc_day(got_date))
            scores["date_published"].append((s, pid, g["date_published"],
                                             got_date))
            if not s and naive(got_date):
                s = float(local_day_matches(g["date_published"], got_date))
            scores["date_published~"].append((s, pid, g["date_published"],
                                              got_date))
        elif got_date:
            extra["date_published"].append(pid)
        if "dek" in g:
            want, got = norm(g["dek"]), norm(rec.get("deck"))
            scores["deck"].append((float(want == got), pid, want, got))
    return scores, extra


def main():
    ap = argparse.ArgumentParser(description="lede metadata scores")
    ap.add_argument("--lede", required=True)
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--misses", type=int, default=8,
                    help="worst misses to print per field")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--json", action="store_true",
                    help="print the scores as one JSON object")
    args = ap.parse_args()
    with open(os.path.join(args.data, "gold.json"), encoding="utf-8") as f:
        gold = json.load(f)
    html_dir = os.path.join(args.data, "html")
    records = {}
    for pid in sorted(gold):
        path = os.path.join(html_dir, pid + ".html.gz")
        records[path] = run_lede(args.lede, path, gold[pid].get("url"),
                                 args.timeout)
    scores, extra = score(gold, records, html_dir)
    result = {f: (sum(s for s, *_ in v) / len(v) if v else 0.0)
              for f, v in scores.items()}
    if args.json:
        print(json.dumps(result, sort_keys=True))
        return 0
    print("metadata on %d meta-dev pages (html mode)" % len(gold))
    for field, value in result.items():
        target = TARGETS.get(field.rstrip("~"))
        mark = "ok" if value >= target else "below"
        print("  %-15s %.3f  (%d pages, target %.2f, %s; found where gold "
              "has none: %d)" % (field, value, len(scores[field]),
                                 target, mark, len(extra[field])))
    for field, rows in scores.items():
        if field.endswith("~"):
            continue
        misses = sorted((r for r in rows if r[0] < 1.0), key=lambda r: r[0])
        if not misses or args.misses <= 0:
            continue
        print("worst %s misses:" % field)
        for s, pid, want, got in misses[:args.misses]:
            print("  %.2f %-28s want %r" % (s, pid, (want or "")[:90]))
            print("       %-28s got  %r" % ("", (got or "")[:90]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
