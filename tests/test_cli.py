#!/usr/bin/env python3
"""Tests of the lede command-line tool: options, exit status (0 all inputs
extracted, 1 some failed, 2 usage error), error records with the next input
still processed, -o, output formats, standard input, gzip input.
Prints one line per test and finally "N passed, N failed"."""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile

ARTICLE_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Council approves bridge repair | The Courier</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sports">Sports</a></li></ul></nav>
<main><article><h1>Council approves bridge repair</h1>
<p>The city council voted 7-2 on Tuesday night to approve a $12 million plan to repair
the Harbor Street bridge, ending more than a year of debate over the aging crossing.</p>
<p>Engineers told council members that the bridge, which opened in 1961, has corroded
support beams and a deck that no longer meets state load standards.</p>
<p>Work is expected to begin in early spring and to last about 14 months, with one lane
in each direction open during construction.</p>
</article></main><footer><p>© 2024 Courier Media. All rights reserved.</p></footer>
</body></html>
"""
TITLE = "Council approves bridge repair"
FIRST = "The city council voted 7-2 on Tuesday night"

ARTICLE_TEXT = """Reef surveys find coral recovering faster than expected

Coral on several reefs in the western Pacific has recovered faster than scientists expected after a severe bleaching event three years ago, according to a study published on Monday.

Researchers surveyed 48 sites in 2019 and again this year. At more than half of them, living coral cover had returned to at least 80 percent of its level before the bleaching.

Ocean temperatures in the region are forecast to stay above average through next summer.
"""


class Cli:
    def __init__(self, lede, tmp):
        self.lede = lede
        self.tmp = tmp

    def path(self, name, data):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def run(self, *args, stdin=b""):
        proc = subprocess.run([self.lede] + list(args), input=stdin,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=300)
        err = proc.stderr.decode("utf-8", "replace")
        # Sanitizer reports would hide behind the expected exit status 1.
        expect("Sanitizer" not in err and "runtime error:" not in err,
               "sanitizer report for %s: %s" % (args, err[-1500:]))
        return proc.returncode, proc.stdout, err

    def records(self, out):
        """Parses JSON Lines output; raises on invalid UTF-8 or JSON."""
        return [json.loads(line.decode("utf-8")) for line in out.splitlines()]


def expect(cond, message):
    if not cond:
        raise AssertionError(message)


def test_help_and_version(cli):
    code, out, _ = cli.run("--help")
    expect(code == 0, "--help exits %d" % code)
    expect(b"Usage" in out or b"usage" in out, "--help prints no usage")
    code, out, _ = cli.run("--version")
    expect(code == 0, "--version exits %d" % code)
    expect(any(ch.isdigit() for ch in out.decode()), "--version prints no version")


def test_usage_errors_exit_2(cli):
    html = cli.path("a.html", ARTICLE_HTML)
    for args in (["--no-such-option", html], ["--input", "pdf", html],
                 ["--format", "xml", html], ["--input"],
                 ["--url", "https://example.com/a", html, html]):
        code, out, err = cli.run(*args)
        expect(code == 2, "%s exits %d, want 2" % (args, code))
        expect(err.strip(), "%s prints nothing on stderr" % args)
        expect(not out.strip(), "%s prints on stdout" % args)


def test_html_file(cli):
    html = cli.path("article.html", ARTICLE_HTML)
    code, out, err = cli.run(html)
    expect(code == 0, "exit %d: %s" % (code, err))
    recs = cli.records(out)
    expect(len(recs) == 1, "want one line, got %d" % len(recs))
    r = recs[0]
    expect(r.get("source") == html, "source %r" % r.get("source"))
    expect(r.get("title") == TITLE, "title %r" % r.get("title"))
    expect(isinstance(r.get("paragraphs"), list) and len(r["paragraphs"]) == 3,
           "paragraphs %r" % r.get("paragraphs"))
    expect(r.get("body") == "\n\n".join(r.get("paragraphs") or []),
           "body is not the paragraphs joined by a blank line")
    expect(r["body"].startswith(FIRST), "body starts %r" % r["body"][:60])
    expect("error" not in r, "unexpected error")


def test_gzip_input_is_transparent(cli):
    plain = cli.path("p.html", ARTICLE_HTML)
    packed = cli.path("p.html.gz", gzip.compress(ARTICLE_HTML.encode()))
    _, out_plain, _ = cli.run(plain)
    code, out_gz, err = cli.run(packed)
    expect(code == 0, "gzip input exits %d: %s" % (code, err))
    a, b = cli.records(out_plain)[0], cli.records(out_gz)[0]
    a.pop("source")
    b.pop("source")
    expect(a == b, "gzip and plain give different records")


def test_error_record_then_next_input(cli):
    good = cli.path("good.html", ARTICLE_HTML)
    missing = os.path.join(cli.tmp, "no-such-file.html")
    code, out, err = cli.run(missing, good)
    expect(code == 1, "exit %d, want 1" % code)
    recs = cli.records(out)
    expect(len(recs) == 2, "want two lines, got %d" % len(recs))
    expect(recs[0].get("source") == missing and recs[0].get("error"),
           "first record %r" % recs[0])
    expect(set(recs[0]) <= {"source", "url", "error"},
           "error record has extra fields %r" % sorted(recs[0]))
    expect(recs[1].get("source") == good and recs[1].get("title") == TITLE,
           "second input not processed: %r" % recs[1])
    expect("no-such-file" in err, "stderr does not name the failed input")


def test_bad_inputs_give_error_records(cli):
    good = cli.path("good.html", ARTICLE_HTML)
    raw = gzip.compress(ARTICLE_HTML.encode())
    bad = {
        "empty": cli.path("empty.html", b""),
        "garbage": cli.path("garbage.bin", bytes(range(256)) * 64),
        "truncated gzip": cli.path("cut.html.gz", raw[:len(raw) // 2]),
        "gzip header only": cli.path("hdr.gz", raw[:10]),
    }
    for what, path in bad.items():
        code, out, err = cli.run(path, good)
        expect(code == 1, "%s: exit %d, want 1" % (what, code))
        recs = cli.records(out)
        expect(len(recs) == 2, "%s: want two lines, got %d" % (what, len(recs)))
        expect(recs[0].get("error") and recs[0].get("source") == path,
               "%s: no error record: %r" % (what, recs[0]))
        expect(recs[1].get("title") == TITLE, "%s: next input lost" % what)
        expect(err.strip(), "%s: nothing on stderr" % what)


def test_output_file(cli):
    html = cli.path("o.html", ARTICLE_HTML)
    dest = os.path.join(cli.tmp, "out.jsonl")
    code, out, err = cli.run("-o", dest, html)
    expect(code == 0, "exit %d: %s" % (code, err))
    expect(out == b"", "stdout not empty with -o")
    with open(dest, "rb") as f:
        recs = cli.records(f.read())
    expect(len(recs) == 1 and recs[0].get("title") == TITLE, "-o file content")


def test_text_and_markdown_formats(cli):
    html = cli.path("f.html", ARTICLE_HTML)
    code, out, _ = cli.run("--format", "text", html)
    text = out.decode("utf-8")
    expect(code == 0, "text format exits %d" % code)
    expect(TITLE in text and FIRST in text, "text output lacks title or body")
    expect(not text.lstrip().startswith("{"), "text output looks like JSON")
    code, out, _ = cli.run("--format", "markdown", html)
    md = out.decode("utf-8")
    expect(code == 0, "markdown format exits %d" % code)
    expect(md.startswith("# " + TITLE), "markdown starts %r" % md[:40])
    expect(FIRST in md, "markdown lacks the body")
    # errors in a non-JSON format go to stderr only, and the status says so
    code, out, err = cli.run("--format", "text", cli.path("e.html", b""), html)
    expect(code == 1, "text format with a bad input exits %d" % code)
    expect(err.strip(), "no error on stderr in text format")
    expect(FIRST in out.decode("utf-8"), "text format: next input lost")


def test_no_quotes(cli):
    text = cli.path("q.txt", ARTICLE_TEXT)
    code, out, _ = cli.run("-i", "text", text)
    full = cli.records(out)[0]
    code, out, _ = cli.run("--no-quotes", "-i", "text", text)
    bare = cli.records(out)[0]
    expect(code == 0, "--no-quotes exits %d" % code)
    expect("quotes" in full and "people" in full, "quotes stage fields missing")
    expect(not any(k in bare for k in ("quotes", "people", "places")),
           "--no-quotes still gives quotes fields")
    expect(bare.get("paragraphs") == full.get("paragraphs"), "--no-quotes changed the body")


def test_stdin(cli):
    for args in (["-"], []):
        code, out, err = cli.run(*args, stdin=ARTICLE_HTML.encode())
        expect(code == 0, "stdin %s exits %d: %s" % (args, code, err))
        recs = cli.records(out)
        expect(len(recs) == 1, "stdin: want one line")
        expect(recs[0].get("source") == "-", "stdin source %r" % recs[0].get("source"))
        expect(recs[0].get("title") == TITLE, "stdin title %r" % recs[0].get("title"))
    code, out, _ = cli.run("-", stdin=gzip.compress(ARTICLE_TEXT.encode()))
    expect(code == 0, "gzipped stdin exits %d" % code)
    expect(cli.records(out)[0].get("input") == "text", "gzipped text on stdin")


def test_url_and_input_kinds(cli):
    html = cli.path("u.html", ARTICLE_HTML)
    code, out, _ = cli.run("--url", "https://example.com/news/bridge", html)
    r = cli.records(out)[0]
    expect(code == 0 and r.get("url") == "https://example.com/news/bridge",
           "url %r" % r.get("url"))
    txt = cli.path("t.txt", ARTICLE_TEXT)
    for args, want in (([txt], "text"), (["--input", "text", txt], "text"),
                       ([html], "html"), (["--input", "html", html], "html"),
                       (["--input", "text", html], "text")):
        code, out, _ = cli.run(*args)
        r = cli.records(out)[0]
        expect(code == 0 and r.get("input") == want,
               "%s: input %r, want %r" % (args, r.get("input"), want))
    code, out, _ = cli.run(txt)
    r = cli.records(out)[0]
    expect(r.get("title") == "Reef surveys find coral recovering faster than expected",
           "text title %r" % r.get("title"))


def test_many_inputs_keep_order(cli):
    paths = [cli.path("m%d.html" % i, ARTICLE_HTML) for i in range(5)]
    code, out, _ = cli.run(*paths)
    recs = cli.records(out)
    expect(code == 0, "exit %d" % code)
    expect([r.get("source") for r in recs] == paths, "records out of order")


def test_large_and_deep_inputs(cli):
    # A 50 MB page, gzipped: inflated and extracted.
    paras = "".join("<p>In part %d of the report, the council said the bridge "
                    "repair would take fourteen months to finish.</p>\n" % i
                    for i in range(480000))
    page = ("<html><body><article><h1>%s</h1>%s<p>The last paragraph ends "
            "here.</p></article></body></html>" % (TITLE, paras)).encode()
    expect(len(page) >= 50 << 20, "page is only %d bytes" % len(page))
    big = cli.path("big.html.gz", gzip.compress(page, 1))
    code, out, err = cli.run(big)
    expect(code == 0, "50 MB page exits %d: %s" % (code, err[-300:]))
    r = cli.records(out)[0]
    expect(r.get("body", "").endswith("The last paragraph ends here."),
           "50 MB page: body ends %r" % r.get("body", "")[-60:])
    # A gzip bomb: 200 MB of zeros inflates past the size limit and is
    # refused with an error record; the next input is still processed.
    bomb = cli.path("bomb.gz", gzip.compress(bytes(200 << 20), 9))
    good = cli.path("good.html", ARTICLE_HTML)
    code, out, err = cli.run(bomb, good)
    recs = cli.records(out)
    expect(code == 1 and len(recs) == 2 and recs[0].get("error"),
           "gzip bomb: exit %d, records %r" % (code, [sorted(r) for r in recs]))
    expect(recs[1].get("title") == TITLE, "gzip bomb: next input lost")
    # 100,000 nested <div>s from a file.
    deep = cli.path("deep.html", "<html><body>" + "<div>" * 100000 +
                    "<p>%s</p>" % ARTICLE_TEXT.split("\n\n")[1] + "</body></html>")
    code, out, err = cli.run(deep)
    recs = cli.records(out)
    expect(code in (0, 1) and len(recs) == 1, "nested divs: exit %d" % code)


TESTS = [test_help_and_version, test_usage_errors_exit_2, test_html_file,
         test_gzip_input_is_transparent, test_error_record_then_next_input,
         test_bad_inputs_give_error_records, test_output_file,
         test_text_and_markdown_formats, test_no_quotes, test_stdin,
         test_url_and_input_kinds,
         test_many_inputs_keep_order, test_large_and_deep_inputs]


def main():
    ap = argparse.ArgumentParser(description="lede CLI tests")
    ap.add_argument("--lede", required=True)
    args = ap.parse_args()
    passed = failed = 0
    for test in TESTS:
        with tempfile.TemporaryDirectory(prefix="lede-cli.") as tmp:
            try:
                test(Cli(os.path.abspath(args.lede), tmp))
                print("ok   %s" % test.__name__)
                passed += 1
            except (AssertionError, ValueError, IndexError, KeyError,
                    subprocess.TimeoutExpired) as err:
                print("FAIL %s\n     %s: %s" % (test.__name__, type(err).__name__, err))
                failed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
