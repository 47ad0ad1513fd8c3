#!/usr/bin/env python3
"""Quote-stage tests: run the lede CLI in text mode on a case and check its
"quotes", "people" and "places".

A case is tests/quotes/NAME.json:
  {"input": "NAME.txt" | "seed:FILE", "expect": {...}}
"seed:FILE" is read from --data/seed (skipped when missing).
Expectations:
  quotes       list of quotes that must appear in this order (others may sit
               between them); each gives "text" and any of "speaker" (null:
               must be null), "speaker_mention", "cue", "paragraph", "partial"
  quote_count  exact number of quotes
  people       list of {"name", "roles"} that must appear (roles: a subset);
               [] means no people at all
  places       names that must appear among the places
  not_places   names that must not appear among them
Prints one line per case and finally "N passed, N failed".
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "..", "..", "shared", "data")
SKIP = 77


def check(doc, expect):
    errors = []
    quotes = doc.get("quotes", [])
    at = 0
    for want in expect.get("quotes", []):
        while at < len(quotes) and quotes[at]["text"] != want["text"]:
            at += 1
        if at == len(quotes):
            errors.append("quote not found (in order): %r" % want["text"])
            at = 0
            continue
        got = quotes[at]
        for key, value in want.items():
            if key != "text" and got.get(key) != value:
                errors.append("quote %r: %s is %r, want %r" % (want["text"], key, got.get(key), value))
        at += 1
    if "quote_count" in expect and len(quotes) != expect["quote_count"]:
        errors.append("%d quotes, want %d: %r" % (len(quotes), expect["quote_count"],
                                                   [q["text"] for q in quotes]))
    people = {p["name"]: p for p in doc.get("people", [])}
    if expect.get("people") == [] and people:
        errors.append("people found: %r" % list(people))
    for want in expect.get("people", []):
        got = people.get(want["name"])
        if not got:
            errors.append("person missing: %r (have %r)" % (want["name"], list(people)))
        elif not set(want.get("roles", [])) <= set(got["roles"]):
            errors.append("%s: roles %r, want %r" % (want["name"], got["roles"], want["roles"]))
    places = {p["name"] for p in doc.get("places", [])}
    for name in expect.get("places", []):
        if name not in places:
            errors.append("place missing: %r (have %r)" % (name, sorted(places)))
    for name in expect.get("not_places", []):
        if name in places:
            errors.append("not a place here: %r" % name)
    return errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lede", required=True)
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("cases", nargs="+")
    args = ap.parse_args()
    passed = failed = skipped = 0
    for case in args.cases:
        with open(case, encoding="utf-8") as f:
            spec = json.load(f)
        name = os.path.splitext(os.path.basename(case))[0]
        if spec["input"].startswith("seed:"):
            path = os.path.join(args.data, "seed", spec["input"][5:])
        else:
            path = os.path.join(os.path.dirname(case), spec["input"])
        if not os.path.exists(path):
            print("SKIP %s: %s is missing" % (name, path))
            skipped += 1
            continue
        out = subprocess.run([args.lede, "--input", "text", "--format", "json", path],
                             stdout=subprocess.PIPE, check=False)
        errors = check(json.loads(out.stdout.decode("utf-8")), spec["expect"])
        if errors:
            failed += 1
            print("FAIL %s" % name)
            for e in errors:
                print("  " + e)
        else:
            passed += 1
            print("ok   %s" % name)
    print("%d passed, %d failed" % (passed, failed))
    if failed:
        sys.exit(1)
    if skipped and not passed:
        sys.exit(SKIP)


if __name__ == "__main__":
    main()
