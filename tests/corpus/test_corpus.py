#!/usr/bin/env python3
"""Tests of crawl mode (tools/corpus/): every input record gives exactly one
output line, on WARC files with damage in them (corrupt gzip member,
truncated records, non-HTML responses), plain and compressed; JSON Lines
fields and ids; WET; limits; -j/--unordered; -r and --files-from; --dedup.
Fixtures are generated in a temporary directory. Prints one line per test
and finally "N passed, N failed"."""
import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_warc  # noqa: E402

PARAGRAPHS = [
    "The regional water authority said on Thursday that it would spend 40 million dollars "
    "over the next five years to replace aging pipes in the northern districts, where "
    "residents have reported frequent outages and low pressure since the winter storms.",
    "Officials told a public meeting that the first phase would cover about 30 kilometres "
    "of mains laid in the 1950s, many of them cast iron, and that crews would work at night "
    "to limit traffic disruption on the main roads leading into the city centre.",
    "The plan still needs the approval of the district council, which is expected to vote "
    "next month. Several council members have asked for an independent review of the cost "
    "estimates before they commit to borrowing for the project.",
    "Residents at the meeting welcomed the announcement but questioned the timetable, "
    "saying that repairs promised after earlier storms had been delayed for years while "
    "households paid higher bills for water that often arrived brown from the tap.",
]


def article_html(title, paragraphs, charset="utf-8"):
    body = "".join("<p>%s</p>\n" % p for p in paragraphs)
    return ("<!DOCTYPE html><html><head><title>%s</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            "<article><h1>%s</h1>\n%s</article><footer>Contact us</footer></body></html>"
            % (title, title, body)).encode(charset)


class Suite:
    def __init__(self, lede, tmp):
        self.lede, self.tmp = lede, tmp
        self.passed = self.failed = 0

    def path(self, name, data=None):
        p = os.path.join(self.tmp, name)
        if data is not None:
            with open(p, "wb") as f:
                f.write(data)
        return p

    def run(self, *args, stdin=b""):
        proc = subprocess.run([self.lede] + list(args), input=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=300)
        lines = [json.loads(l.decode("utf-8")) for l in proc.stdout.splitlines()]
        return proc.returncode, lines, proc.stderr.decode("utf-8", "replace")

    def check(self, name, cond, detail=""):
        if cond:
            self.passed += 1
            print("ok   " + name)
        else:
            self.failed += 1
            print("FAIL " + name + (": " + str(detail) if detail else ""))


def outcome(rec):
    if "skipped" in rec:
        return "skip:" + rec["skipped"]
    if "error" in rec:
        return "error:" + rec["error"]
    return "article"


def test_broken_warc(s, pages, plain):
    kind = "plain" if plain else "gzip"
    warc, manifest = s.path("broken-%s.warc" % kind), s.path("broken-%s.json" % kind)
    stats = s.path("broken-%s.stats" % kind)
    argv = ["--pages", pages, "--out", warc, "--broken", "--limit", "12", "--manifest", manifest]
    make_warc.main_args(argv + (["--plain"] if plain else []))
    expected = json.load(open(manifest))
    rc, lines, err = s.run("-j2", "--stats", stats, warc)
    got = [outcome(r) for r in lines]
    s.check("%s WARC: one line per record" % kind, len(lines) == len(expected),
            "%d lines for %d records" % (len(lines), len(expected)))
    s.check("%s WARC: outcome of each record" % kind, got == expected,
            [(i, a, b) for i, (a, b) in enumerate(zip(got, expected)) if a != b][:5])
    st = json.load(open(stats))
    s.check("%s WARC: stats records in == out" % kind,
            st["records_in"] == st["records_out"] == len(expected), st)
    s.check("%s WARC: stats add up" % kind,
            st["articles"] + st["errors"] + st["skipped"] == st["records_out"] and
            sum(st["errors_by_reason"].values()) == st["errors"], st)
    s.check("%s WARC: exit status 1 with errors" % kind, rc == 1, rc)
    offsets = [r["offset"] for r in lines]
    s.check("%s WARC: offsets in input order" % kind, offsets == sorted(offsets))
    s.check("%s WARC: every line names source and offset" % kind,
            all(r.get("source") == warc and "offset" in r for r in lines))
    ids = [r.get("record_id") for r in lines if outcome(r) == "article"]
    s.check("%s WARC: articles carry the WARC-Record-ID" % kind,
            all(i and i.startswith("<urn:uuid:") for i in ids))
    return warc, lines


def test_bad_crc(s):
    recs = [make_warc.warc_record("warcinfo", b"x\r\n")]
    for i in range(3):
        recs.append(make_warc.response("https://example.org/%d" % i,
                                       article_html("Story %d" % i, PARAGRAPHS)))
    members = [gzip.compress(r, mtime=0) for r in recs]
    crc = bytearray(members[2])
    crc[-8] ^= 0xFF  # the CRC-32 in the member's trailer
    members[2] = bytes(crc)
    rc, lines, _ = s.run(s.path("crc.warc.gz", b"".join(members)))
    s.check("gzip member with a bad CRC: that record is the error, the others stay",
            [outcome(r) for r in lines] ==
            ["skip:warcinfo record", "article", "error:corrupt gzip member", "article"],
            [outcome(r) for r in lines])


def test_threads(s, warc, ordered_lines):
    rc1, one, _ = s.run("-j1", warc)
    rc4, four, _ = s.run("-j4", "--unordered", warc)
    s.check("-j1 output equals -j2 output", one == ordered_lines)
    key = lambda r: r["offset"]  # noqa: E731
    s.check("--unordered gives the same records", sorted(four, key=key) == sorted(one, key=key))


def test_stdin_and_zstd(s, pages, warc, lines):
    data = open(warc, "rb").read()
    rc, got, _ = s.run("-i", "warc", "-", stdin=data)
    s.check("WARC on stdin with -i warc", [outcome(r) for r in got] == [outcome(r) for r in lines])
    if shutil.which("zstd"):
        plain = s.path("for-zstd.warc")
        make_warc.main_args(["--pages", pages, "--out", plain, "--plain", "--limit", "8"])
        subprocess.run(["zstd", "-q", "-f", plain, "-o", plain + ".zst"], check=True)
        rc, got, _ = s.run(plain + ".zst")
        rc2, ref, _ = s.run(plain)
        s.check("zstd input gives what plain input gives",
                [outcome(r) for r in got] == [outcome(r) for r in ref] and len(got) == 9)


def test_charset(s):
    page = article_html("Café société", PARAGRAPHS[:2] + ["Le café était fermé."], "latin-1")
    resp = make_warc.response("https://example.org/fr", page,
                              content_type="text/html; charset=ISO-8859-1")
    warc = s.path("charset.warc", make_warc.warc_record("warcinfo", b"x\r\n") + resp)
    rc, lines, _ = s.run(warc)
    body = lines[-1].get("body", "") + lines[-1].get("title", "")
    s.check("HTTP charset decodes the page", "café" in body.lower(), body[:200])


def test_wet(s):
    text = "\n\n".join(["Pipes to be replaced in northern districts"] + PARAGRAPHS)
    recs = make_warc.warc_record("warcinfo", b"x\r\n")
    recs += make_warc.warc_record("conversion", text.encode(), "https://example.org/w",
                                  "text/plain")
    rc, lines, _ = s.run(s.path("t.wet", recs))
    s.check("WET conversion record goes through text mode",
            len(lines) == 2 and lines[1].get("input") == "text" and
            "water authority" in lines[1].get("body", ""), lines[-1:])


def test_jsonl(s):
    html = article_html("Pipes to be replaced", PARAGRAPHS).decode()
    rows = [
        json.dumps({"id": 17, "url": "https://example.org/a", "html": html}),
        json.dumps({"id": "b-2", "text": "\n\n".join(PARAGRAPHS), "extra": [1, {"x": None}]}),
        "",
        '{"id": 3, "html": "<p>broken',
        json.dumps({"id": 4, "title": "no body field"}),
        json.dumps({"doc": "x", "content": html, "key": [1, 2]}),
    ]
    data = ("\n".join(rows) + "\n").encode()
    rc, lines, _ = s.run(s.path("a.jsonl", data))
    s.check("JSONL: one line per non-blank line", len(lines) == 5, len(lines))
    s.check("JSONL: html, text, invalid, missing",
            [outcome(r) for r in lines] == ["article", "article", "error:invalid JSON",
                                             "error:no HTML or text field", "error:no HTML or text field"],
            [outcome(r) for r in lines])
    s.check("JSONL: id passed through as its JSON value",
            lines[0].get("record_id") == 17 and lines[1].get("record_id") == "b-2")
    s.check("JSONL: url field used", lines[0].get("url") == "https://example.org/a")
    rc, lines, _ = s.run("--html-field", "content", "--id-field", "key", s.path("a.jsonl"))
    s.check("JSONL: --html-field and --id-field", outcome(lines[4]) == "article" and
            lines[4].get("record_id") == [1, 2], lines[4])
    # gzip members, one of them damaged: the lines after it still come out.
    members = [gzip.compress((r + "\n").encode(), mtime=0) for r in rows[:2] * 3]
    bad = bytearray(members[2])
    for k in range(30, 60):
        bad[k] ^= 0x33
    members[2] = bytes(bad)
    rc, lines, _ = s.run(s.path("b.jsonl.gz", b"".join(members)))
    s.check("JSONL.gz with a corrupt member: every line accounted for",
            len(lines) == 6 and outcome(lines[2]).startswith("error:") and
            [outcome(r) for r in lines[3:]] == ["article"] * 3, [outcome(r) for r in lines])
    deep = '{"id": 1, "x": ' + "[" * 100000 + "]" * 100000 + ', "text": "A line of text."}'
    rc, lines, _ = s.run(s.path("deep.jsonl", deep.encode() + b"\n"))
    s.check("JSONL: 100,000-deep nesting is read", len(lines) == 1 and outcome(lines[0]) in
            ("article", "error:empty"), lines)


def test_limits(s, pages):
    warc = s.path("limit.warc.gz")
    make_warc.main_args(["--pages", pages, "--out", warc, "--limit", "6"])
    rc, lines, _ = s.run("--max-record-bytes", "60K", warc)
    big = [r for r in lines if outcome(r) == "error:record too large"]
    s.check("--max-record-bytes: big records are errors, the rest go on",
            len(lines) == 7 and big and any(outcome(r) == "article" for r in lines),
            [outcome(r) for r in lines])
    line = json.dumps({"id": 1, "text": "word " * 50000})
    rc, lines, _ = s.run("--max-record-bytes", "100K", s.path("long.jsonl",
                         (line + "\n" + json.dumps({"id": 2, "text": "Short text."}) + "\n").encode()))
    s.check("long JSONL line is an error, the next line is read",
            [outcome(r) for r in lines][:1] == ["error:record too large"] and len(lines) == 2)


def test_inputs(s, warc):
    d = os.path.join(s.tmp, "tree", "sub")
    os.makedirs(d)
    shutil.copy(warc, os.path.join(d, "x.warc.gz"))
    with open(os.path.join(s.tmp, "tree", "y.jsonl"), "w") as f:
        f.write(json.dumps({"id": 1, "text": PARAGRAPHS[0]}) + "\n")
    rc, lines, _ = s.run("-r", os.path.join(s.tmp, "tree"))
    sources = sorted(set(r["source"] for r in lines))
    s.check("-r reads files under a directory", len(sources) == 2, sources)
    lst = s.path("list.txt", ("%s\n%s\n" % (warc, os.path.join(s.tmp, "missing.warc"))).encode())
    rc, lines2, _ = s.run("--files-from", lst)
    s.check("--files-from reads listed inputs; a missing one is an error record",
            outcome(lines2[-1]) == "error:cannot open input" and len(lines2) > 5)


def test_nasty(s):
    """Inputs built to break readers: each must give valid JSON lines, one per
    record, and an exit status of 0 or 1 (never a crash or a usage error)."""
    page = article_html("Story", PARAGRAPHS)
    info = make_warc.warc_record("warcinfo", b"x\r\n")
    zeros = gzip.compress(bytes(64 << 20), compresslevel=9, mtime=0)
    cases = {
        "no Content-Length": (info + b"WARC/1.1\r\nWARC-Type: response\r\n\r\nabc\r\n\r\n" +
                              make_warc.response("u", page), 3),
        "bad Content-Length": (info + make_warc.response("u", page).replace(
            b"Content-Length: ", b"Content-Length: x", 1) + make_warc.response("v", page), 3),
        "short Content-Length": (info + make_warc.warc_record(
            "response", make_warc.http_response(page), "u", length=100) +
            make_warc.response("v", page), None),
        "megabyte header line": (info + b"WARC/1.1\r\nX-Long: " + b"a" * (2 << 20) + b"\r\n" +
                                 b"Content-Length: 0\r\n\r\n\r\n\r\n" +
                                 make_warc.response("v", page), 3),
        "NUL bytes and invalid UTF-8": (info + make_warc.response(
            "http://x/\xff\x00".encode("latin-1").decode("latin-1"),
            page.replace(b"<p>", b"<p>\x00\xff\xfe", 3)), 2),
        "gzip bomb body": (info + make_warc.response("u", zeros, extra="Content-Encoding: gzip\r\n"),
                           2),
        "gzip bomb file": (zeros, 1),
        "HTTP without headers end": (info + make_warc.warc_record(
            "response", b"HTTP/1.1 200 OK\r\nContent-Type: text/html", "u",
            "application/http; msgtype=response"), 2),
        "chunked body": (info + make_warc.response("u", b"%x\r\n%s\r\n0\r\n\r\n" % (
            len(page), page), extra="Transfer-Encoding: chunked\r\n"), 2),
    }
    for name, (data, count) in cases.items():
        proc = subprocess.run([s.lede, "-i", "warc", "--max-record-bytes", "1M", "-"],
                              input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=120)
        try:
            lines = [json.loads(l.decode("utf-8")) for l in proc.stdout.splitlines()]
        except ValueError as e:
            lines = None
            count = e
        s.check("nasty input (%s): valid lines, status %d" % (name, proc.returncode),
                lines is not None and proc.returncode in (0, 1) and lines and
                (count is None or len(lines) == count),
                count if lines is None else [outcome(r) for r in lines][:6])
        if name == "chunked body":
            s.check("chunked transfer coding is undone", outcome(lines[-1]) == "article" and
                    "water authority" in lines[-1].get("body", ""), lines[-1:])
        if name == "gzip bomb body":
            s.check("gzip bomb body stops at the record limit",
                    outcome(lines[-1]) == "error:record too large", lines[-1:])


def test_dedup(s):
    base = PARAGRAPHS
    dateline = ["LONDON (Wire) - " + base[0]] + base[1:]
    byline = ["By Jane Smith, Staff Reporter"] + base
    reworded = base[:2] + [base[2].replace("is expected to vote next month",
                                           "will probably hold its vote in the coming weeks")] + base[3:]
    other = [p[::-1] for p in base]
    texts = [base, dateline, byline, reworded, other, base]
    rows = [json.dumps({"id": i, "text": "\n\n".join(t)}) for i, t in enumerate(texts)]
    path = s.path("dups.jsonl", ("\n".join(rows) + "\n").encode())
    rc, lines, _ = s.run("--dedup", "near", path)
    dup = [("duplicate_of" in r) for r in lines]
    s.check("--dedup near: dateline, byline, reworded copies marked",
            dup == [False, True, True, True, False, True], dup)
    s.check("--dedup near: duplicate_of names the first record",
            lines[2].get("duplicate_of", {}).get("offset") == 0)
    shouted = [p.upper().replace(" ", "  ") for p in base]
    rows = [json.dumps({"id": i, "text": "\n\n".join(t)})
            for i, t in enumerate([base, reworded, shouted, other])]
    path = s.path("exact.jsonl", ("\n".join(rows) + "\n").encode())
    rc, lines, _ = s.run("--dedup", "exact", "--stats", s.path("dups.stats"), path)
    dup = [("duplicate_of" in r) for r in lines]
    s.check("--dedup exact: same words in other case and spacing only", dup == [False, False, True, False], dup)
    s.check("--dedup: stats count duplicates", json.load(open(s.path("dups.stats")))["duplicates"] == 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lede", required=True)
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "..", "shared", "data"))
    args = ap.parse_args()
    pages = os.path.join(args.data, "aeb-dev", "html")
    tmp = tempfile.mkdtemp(prefix="lede-corpus-")
    s = Suite(os.path.abspath(args.lede), tmp)
    try:
        if not os.path.isdir(pages):
            # Without the dev pages, make a few of our own.
            pages = os.path.join(tmp, "pages")
            os.makedirs(pages)
            for i in range(12):
                with open(os.path.join(pages, "p%02d.html" % i), "wb") as f:
                    f.write(article_html("Story %d" % i, PARAGRAPHS[i % 4:] + PARAGRAPHS[:i % 4]))
        warc, lines = test_broken_warc(s, pages, plain=False)
        test_broken_warc(s, pages, plain=True)
        test_bad_crc(s)
        test_threads(s, warc, lines)
        test_stdin_and_zstd(s, pages, warc, lines)
        test_charset(s)
        test_wet(s)
        test_jsonl(s)
        test_limits(s, pages)
        test_inputs(s, warc)
        test_dedup(s)
        test_nasty(s)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (s.passed, s.failed))
    return 1 if s.failed else 0


if __name__ == "__main__":
    sys.exit(main())
