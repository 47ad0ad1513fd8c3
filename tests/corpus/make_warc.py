#!/usr/bin/env python3
"""Builds a WARC 1.1 file from a directory of pages (ID.html or ID.html.gz),
one response record per page after a warcinfo record, each record its own
gzip member as crawlers write them. With --broken it also writes the damage
crawl mode must survive, and --manifest lists what each record should give
("article", "skip:REASON" or "error:REASON") so a test can account for every
one of them."""
import argparse
import gzip
import json
import os
import uuid
import zlib


def warc_record(warc_type, block, uri=None, content_type=None, length=None):
    head = ["WARC/1.1", "WARC-Type: " + warc_type,
            "WARC-Record-ID: <urn:uuid:%s>" % uuid.uuid4(),
            "WARC-Date: 2024-01-01T00:00:00Z"]
    if uri:
        head.append("WARC-Target-URI: " + uri)
    if content_type:
        head.append("Content-Type: " + content_type)
    head.append("Content-Length: %d" % (len(block) if length is None else length))
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(body, content_type="text/html", status="200 OK", extra=""):
    head = "HTTP/1.1 %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n" % (
        status, content_type, extra, len(body))
    return head.encode() + body


def response(uri, body, **kw):
    return warc_record("response", http_response(body, **kw), uri,
                       "application/http; msgtype=response")


def load_pages(directory):
    pages = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if name.endswith(".html.gz"):
            with gzip.open(path, "rb") as f:
                pages.append((name[:-8], f.read()))
        elif name.endswith(".html"):
            with open(path, "rb") as f:
                pages.append((name[:-5], f.read()))
    return pages


def member(data, compress):
    # mtime=0 keeps the output byte-identical from run to run.
    return gzip.compress(data, mtime=0) if compress else data


def main_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", required=True, help="directory of ID.html[.gz] pages")
    ap.add_argument("--out", required=True)
    ap.add_argument("--plain", action="store_true", help="no gzip")
    ap.add_argument("--repeat", type=int, default=1, help="write the pages this many times")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N pages")
    ap.add_argument("--broken", action="store_true", help="add damaged and non-HTML records")
    ap.add_argument("--manifest", help="write the expected outcome of each record here")
    args = ap.parse_args(argv)
    uuid_seed = [0]

    def next_uuid():
        uuid_seed[0] += 1
        return uuid.UUID(int=uuid_seed[0])

    real_uuid4, uuid.uuid4 = uuid.uuid4, next_uuid  # repeatable record ids
    pages = load_pages(args.pages)
    if args.limit:
        pages = pages[:args.limit]
    compress = not args.plain
    out, expected = [], []

    def add(data, outcome):
        out.append(member(data, compress))
        expected.append(outcome)

    add(warc_record("warcinfo", b"software: lede tests/corpus/make_warc.py\r\n",
                    content_type="application/warc-fields"), "skip:warcinfo record")
    for rep in range(args.repeat):
        for i, (page_id, html) in enumerate(pages):
            uri = "https://example.org/%d/%s" % (rep, page_id)
            add(response(uri, html), "article")
            if not args.broken or rep or i >= 3:
                continue
            if i == 0:
                add(warc_record("request", b"GET / HTTP/1.1\r\n\r\n", uri,
                                "application/http; msgtype=request"), "skip:request record")
                add(response(uri + ".png", b"\x89PNG\r\n\x1a\n" + bytes(200),
                             content_type="image/png"), "skip:not HTML")
                add(response(uri + "/old", b"", status="301 Moved Permanently",
                             extra="Location: /new\r\n"), "skip:redirect")
                text = html.decode("utf-8", "replace")[:0] + "Headline\n\n" + \
                    "A paragraph of extracted text from the page. " * 20
                add(warc_record("conversion", text.encode(), uri, "text/plain"), "article")
            elif i == 1:
                # A gzip member whose deflate data is damaged.
                good = member(response(uri + "/corrupt", html), True)
                bad = bytearray(good)
                for k in range(len(bad) // 3, len(bad) // 3 + 16):
                    bad[k] ^= 0x5A
                out.append(bytes(bad) if compress else response(uri + "/corrupt", html)[:100])
                expected.append("error:corrupt gzip member" if compress else
                                "error:truncated record")
            elif i == 2:
                # Content-Length promises more than the record holds: the next
                # record's header falls inside it.
                body = http_response(html[:2000])
                add(warc_record("response", body, uri + "/short",
                                "application/http; msgtype=response",
                                length=len(body) + 5000)[:-4], "error:truncated record")
    if args.broken:
        # A record cut off by the end of the file.
        rec = response("https://example.org/cut", pages[0][1])
        out.append(member(rec, compress)[:-40] if compress else rec[:len(rec) // 2])
        expected.append("error:truncated gzip member" if compress else "error:truncated record")
    with open(args.out, "wb") as f:
        for chunk in out:
            f.write(chunk)
    if args.manifest:
        with open(args.manifest, "w") as f:
            json.dump(expected, f)
            f.write("\n")
    uuid.uuid4 = real_uuid4


if __name__ == "__main__":
    main_args()
