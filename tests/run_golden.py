#!/usr/bin/env python3
"""Golden tests: run the lede CLI on each case and check the expected fields.

A case is tests/golden/NAME.json:
  {"input": "NAME.html" | "aeb:ID" | "aeb-text:ID" | "seed:FILE",
   "kind": "html" | "text" | "auto",
   "expect": {...}}
"aeb:ID" is ID.html.gz of the AEB dev pages, "aeb-text:ID" that page's
text from page-text.json, "seed:FILE" a file of the seed directory; these
are read from --data (default: ../shared/data beside the repository), and a
case whose data is missing is skipped, not passed.

Expectations (strings compared with white space collapsed):
  title, deck, dateline       exact value ("" or null: must be absent)
  first / last                the first paragraph starts / the last ends so
  first_contains / last_contains
  contains / absent           lists of strings the body must / must not hold
  paragraphs                  exact number of paragraphs
  min_paragraphs              at least this many
  truncated                   true / false
  empty_body                  true: no paragraphs, and a "warning" given
  language                    exact value
  date_published, date_modified, site_name, description, image, section,
  url                         exact value (null: must be absent)
  authors, tags               exact list
A case may give "url": the page URL passed with --url.
Prints one line per case and finally "N passed, N failed".
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "..", "..", "shared", "data")
SKIP = 77  # CTest's conventional "skipped" status


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()


def resolve_input(spec, case_dir, data, tmp):
    """Returns the path to feed lede, or None when the data is missing."""
    if spec.startswith("aeb:"):
        path = os.path.join(data, "aeb-dev", "html", spec[4:] + ".html.gz")
        return path if os.path.exists(path) else None
    if spec.startswith("aeb-text:"):
        page_text = os.path.join(data, "aeb-dev", "page-text.json")
        if not os.path.exists(page_text):
            return None
        with open(page_text, encoding="utf-8") as f:
            text = json.load(f)[spec[9:]]["text"]
        path = os.path.join(tmp, spec[9:] + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path
    if spec.startswith("seed:"):
        path = os.path.join(data, "seed", spec[5:])
        return path if os.path.exists(path) else None
    return os.path.join(case_dir, spec)


def check(record, expect):
    """Returns a list of failure messages (empty when the case passes)."""
    fails = []
    if "error" in record:
        return ["error record: %s" % record["error"]]
    paras = [norm(p) for p in record.get("paragraphs") or []]
    body = norm(record.get("body"))

    for field in ("title", "deck", "dateline", "language"):
        if field in expect:
            want, got = norm(expect[field]), norm(record.get(field))
            if want != got:
                fails.append("%s: want %r, got %r" % (field, want, got))
    # Metadata (issue 4): exact values; null wants the field absent.
    for field in ("date_published", "date_modified", "site_name",
                  "description", "image", "section", "url"):
        if field in expect:
            want, got = expect[field], record.get(field)
            if (norm(want) if want else None) != (norm(got) if got else None):
                fails.append("%s: want %r, got %r" % (field, want, got))
    for field in ("authors", "tags"):
        if field in expect and expect[field] != (record.get(field) or []):
            fails.append("%s: want %r, got %r"
                         % (field, expect[field], record.get(field)))
    if "truncated" in expect and bool(record.get("truncated")) != expect["truncated"]:
        fails.append("truncated: want %s, got %s"
                     % (expect["truncated"], record.get("truncated")))
    if expect.get("empty_body"):
        if paras or body:
            fails.append("body should be empty, got %d paragraphs: %r"
                         % (len(paras), body[:120]))
        if not record.get("warning"):
            fails.append("an empty body should come with a warning")
        return fails
    if not paras:
        return fails + ["no paragraphs"]

    def want_start(key, para, test, label):
        if key in expect and not test(para, norm(expect[key])):
            fails.append("%s: want %r, got %r" % (label, norm(expect[key]),
                                                   para[:200]))
    want_start("first", paras[0], str.startswith, "first paragraph starts")
    want_start("first_contains", paras[0], lambda p, w: w in p,
               "first paragraph contains")
    want_start("last", paras[-1], str.endswith, "last paragraph ends")
    want_start("last_contains", paras[-1], lambda p, w: w in p,
               "last paragraph contains")
    for s in expect.get("contains", []):
        if norm(s) not in body:
            fails.append("body lacks %r" % norm(s))
    for s in expect.get("absent", []):
        if norm(s) in body:
            fails.append("body still has %r" % norm(s))
    if "paragraphs" in expect and len(paras) != expect["paragraphs"]:
        fails.append("paragraphs: want %d, got %d"
                     % (expect["paragraphs"], len(paras)))
    if len(paras) < expect.get("min_paragraphs", 0):
        fails.append("paragraphs: want at least %d, got %d"
                     % (expect["min_paragraphs"], len(paras)))
    return fails


def run_case(lede, case_path, data, timeout):
    """Returns ("ok" | "FAIL" | "skip", [messages])."""
    with open(case_path, encoding="utf-8") as f:
        case = json.load(f)
    with tempfile.TemporaryDirectory(prefix="lede-golden.") as tmp:
        path = resolve_input(case["input"], os.path.dirname(case_path),
                             data, tmp)
        if path is None:
            return "skip", ["data for %s not found under %s"
                            % (case["input"], data)]
        cmd = [lede, "--input", case.get("kind", "auto"), "--format", "json",
               path]
        if case.get("url"):
            cmd[1:1] = ["--url", case["url"]]
        try:
            proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, timeout=timeout)
        except subprocess.TimeoutExpired:
            return "FAIL", ["timed out after %ss" % timeout]
    stderr = proc.stderr.decode("utf-8", "replace")
    # A sanitizer build reports memory errors and leaks on stderr; ASan's
    # exit status (1) would otherwise pass for "an input failed".
    if "Sanitizer" in stderr or "runtime error:" in stderr:
        return "FAIL", ["sanitizer report: " + stderr[-1500:]]
    if proc.returncode < 0 or proc.returncode > 2:
        return "FAIL", ["lede died with status %d: %s"
                        % (proc.returncode, stderr[-500:])]
    lines = proc.stdout.splitlines()
    if len(lines) != 1:
        return "FAIL", ["want one JSON line, got %d" % len(lines)]
    try:
        record = json.loads(lines[0].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        return "FAIL", ["output is not valid UTF-8 JSON: %s" % err]
    fails = check(record, case.get("expect", {}))
    if "error" not in record and proc.returncode != 0:
        fails.append("exit status %d for a successful record" % proc.returncode)
    return ("FAIL" if fails else "ok"), fails


def main():
    ap = argparse.ArgumentParser(description="lede golden tests")
    ap.add_argument("--lede", required=True)
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("cases", nargs="*",
                    help="case files (default: every tests/golden/*.json)")
    args = ap.parse_args()
    cases = args.cases or sorted(
        os.path.join(HERE, "golden", name)
        for name in os.listdir(os.path.join(HERE, "golden"))
        if name.endswith(".json"))
    passed = failed = skipped = 0
    for case_path in cases:
        name = os.path.basename(case_path)[:-5]
        status, messages = run_case(args.lede, case_path, args.data,
                                    args.timeout)
        print("%-4s %s" % (status, name))
        for m in messages:
            print("     " + m)
        passed += status == "ok"
        failed += status == "FAIL"
        skipped += status == "skip"
    print("%d passed, %d failed" % (passed, failed))
    if failed:
        return 1
    return SKIP if skipped and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
