"""lede: clean articles (headline, deck, dateline, body) from raw news pages.

    import lede
    article = lede.extract(html_bytes, url="https://example.com/story")
    article["title"], article["paragraphs"]
    for record in lede.iter_records("crawl.warc.gz"):
        ...

The work is done by the C library (liblede) through ctypes, which releases
the GIL during each call: threads extracting pages run in parallel."""

import ctypes
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import zlib

from . import _native

__all__ = ["Error", "extract", "extract_file", "render", "iter_records", "version"]

_lib = _native.lib


class Error(Exception):
    """An input lede could not extract: status is a short code ("empty",
    "binary", "too_large", "parse", "nomem", "io"), reason the library's
    text, source the path when known."""

    def __init__(self, reason, status="error", source=None):
        super().__init__(reason if source is None else f"{source}: {reason}")
        self.reason = reason
        self.status = status
        self.source = source


def version():
    return _lib.lede_version().decode()


def _as_bytes(data):
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"lede: data must be bytes or str, not {type(data).__name__}")


def _options(url, input, source, quotes):
    try:
        kind = _native.INPUTS[input]
    except KeyError:
        raise ValueError(f"lede: input must be auto, html or text, not {input!r}") from None
    return _native.Options(
        struct_size=ctypes.sizeof(_native.Options),
        input=kind,
        url=url.encode() if url is not None else None,
        source=source.encode("utf-8", "surrogateescape") if source is not None else None,
        no_quotes=0 if quotes else 1,
    )


def _render(data, url, input, source, fmt, quotes=True):
    """Extracts data and renders it in format number fmt. Returns (output
    bytes, None), or (the JSON error record or None, Error) when the library
    could not extract the page."""
    opts = _options(url, input, source, quotes)
    doc = _lib.lede_extract(data, len(data), ctypes.byref(opts))
    if not doc:
        raise MemoryError("lede: out of memory")
    try:
        status = _lib.lede_doc_status(doc)
        error = None
        if status != 0:
            reason = (_lib.lede_doc_error(doc) or b"extraction failed").decode("utf-8", "replace")
            names = _native.STATUS_NAMES
            error = Error(reason, names[status] if status < len(names) else "error", source)
            if fmt != 0:  # only JSON has an error record
                return None, error
        size = ctypes.c_size_t()
        out = _lib.lede_render(doc, fmt, ctypes.byref(size))
        if not out:
            raise MemoryError("lede: out of memory")
        return ctypes.string_at(out, size.value), error
    finally:
        _lib.lede_doc_free(doc)


def render(data, format="json", url=None, input="auto", source=None, quotes=True):
    """The article rendered by the library as text: format is json (one
    line), text, markdown, html (a reader view) or explain (an HTML report of
    every block with its label, score and evidence). quotes=False skips the
    quotes stage (quotes, people, places). Raises Error when the input cannot
    be extracted."""
    try:
        fmt = _native.FORMATS[format]
    except KeyError:
        raise ValueError(f"lede: unknown format {format!r}") from None
    out, error = _render(_as_bytes(data), url, input, source, fmt, quotes)
    if error:
        raise error
    return out.decode("utf-8")


def extract(data, url=None, input="auto", source=None, quotes=True):
    """Extracts the article from one page (bytes in any charset, or str) and
    returns the JSON record as a dict: title, deck, dateline, language,
    truncated, body, paragraphs, ... (see docs/schema.json). input is
    "auto", "html" or "text"; quotes=False skips quotes, people and places,
    which are then absent. Raises Error when the page cannot be read."""
    out, error = _render(_as_bytes(data), url, input, source, 0, quotes)
    if error:
        raise error
    return json.loads(out)


def _gunzip(data, source):
    """Gunzips data as the tool does: members one after the other while the
    next bytes start another one, anything else after a member ignored."""
    out = []
    while data[:2] == b"\x1f\x8b":
        z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out.append(z.decompress(data))
        except zlib.error:
            raise Error("corrupt gzip data", "io", source) from None
        if not z.eof:
            raise Error("truncated gzip data", "io", source)
        data = z.unused_data
    return b"".join(out)


def _read_page(path):
    """The bytes of a page file, gunzipped when they are gzip, as the tool
    reads them."""
    with open(path, "rb") as f:
        data = f.read()
    return _gunzip(data, os.fspath(path)) if data[:2] == b"\x1f\x8b" else data


def extract_file(path, url=None, input="auto", quotes=True):
    """extract() over a file (gzip-compressed or not); "source" is the path
    as given, like the tool's."""
    source = os.fspath(path)
    try:
        data = _read_page(path)
    except OSError as exc:
        raise Error(exc.strerror or str(exc), "io", source) from None
    return extract(data, url=url, input=input, source=source, quotes=quotes)


def _error_line(source, reason):
    """An error record written the way the tool writes it."""
    return json.dumps({"source": source, "error": reason}, ensure_ascii=False, separators=(",", ":"))


def page_record(path, input="auto"):
    """The tool's JSON line for one page file, as text, and whether it is an
    article: an error record (never an exception) when it cannot be read.
    Used where records must match `lede FILE` byte for byte."""
    source = os.fspath(path)
    try:
        data = _read_page(path)
    except Error as exc:
        return _error_line(source, exc.reason), False
    except OSError as exc:
        return _error_line(source, exc.strerror or str(exc)), False
    out, error = _render(data, None, input, source, 0)
    return out.decode("utf-8"), error is None


def tool_path():
    """The lede command-line tool: $LEDE_TOOL, the one built beside the
    loaded library, or the one on PATH."""
    explicit = os.environ.get("LEDE_TOOL")
    if explicit:
        return explicit
    beside = pathlib.Path(_native.library_path).parent / "lede"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("lede")
    if found:
        return found
    raise Error("cannot find the lede tool (set LEDE_TOOL or put it on PATH)", "io")


def iter_lines(path, jobs=None, extra_args=()):
    """The tool's JSON Lines for one input (a WARC, WET or JSON Lines crawl
    file, gzip or zstd or plain, or a single page), streamed as text lines
    without their newline. Raises Error when the tool cannot process the
    input at all."""
    source = os.fspath(path)
    args = [tool_path()] + (["-j", str(jobs)] if jobs else []) + list(extra_args)
    args += ["--", source]
    with tempfile.TemporaryFile() as errors:
        # stderr goes to a file: a pipe nobody reads could fill and block
        # the tool while we read its output.
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=errors)
        try:
            for line in proc.stdout:
                yield line.rstrip(b"\n").decode("utf-8")
        finally:
            proc.stdout.close()
            rc = proc.wait()
        # 1 means some records failed (they are error records); 2 means the
        # input or the output failed as a whole.
        if rc not in (0, 1):
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip()
            raise Error(message or f"lede exited with status {rc}", "io", source)


def iter_records(path, jobs=None, args=()):
    """Streams the records of a WARC, WET or JSON Lines file (or one page)
    as dicts, one per record in: articles, and records with an "error" (or a
    "skipped" reason) for those that gave none. Memory stays bounded
    whatever the file's size. jobs is the tool's thread count (default: one
    per core); args are more of its crawl options, e.g. ("--html-field",
    "content") or ("--dedup", "exact")."""
    for line in iter_lines(path, jobs=jobs, extra_args=args):
        yield json.loads(line)
