"""ctypes binding of liblede: finds the shared library and declares the few
functions of include/lede.h that the package calls.

ctypes drops the GIL around every foreign call, so threads calling extract()
run the C library in parallel."""

import ctypes
import ctypes.util
import os
import pathlib
import sys

# Positions in the lede_input, lede_format and lede_status enums of lede.h.
INPUTS = {"auto": 0, "html": 1, "text": 2}
FORMATS = {"json": 0, "text": 1, "markdown": 2, "html": 3, "explain": 4}
STATUS_NAMES = ("ok", "empty", "too_large", "binary", "parse", "nomem")


class Options(ctypes.Structure):
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("input", ctypes.c_int),
        ("url", ctypes.c_char_p),
        ("source", ctypes.c_char_p),
        ("max_bytes", ctypes.c_size_t),
        ("charset", ctypes.c_char_p),
        ("no_quotes", ctypes.c_int),
    ]


def _candidates():
    """Where liblede may be, most specific first: an explicit path, the
    build tree this package sits in (PYTHONPATH=python after `make`), then
    the system's library path (after `make install`)."""
    explicit = os.environ.get("LEDE_LIBRARY")
    if explicit:
        yield explicit
        return
    repo = pathlib.Path(__file__).resolve().parent.parent.parent
    yield str(repo / "build" / "liblede.so")
    for prefix in (sys.prefix, "/usr/local", "/usr"):
        yield os.path.join(prefix, "lib", "liblede.so.0")
    found = ctypes.util.find_library("lede")
    if found:
        yield found
    yield "liblede.so.0"


def _load():
    errors = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as exc:
            errors.append(str(exc))
    raise ImportError(
        "lede: cannot load liblede (build it with `make`, install it with "
        "`make install`, or set LEDE_LIBRARY to its path)"
        + ("; " + "; ".join(errors) if errors else "")
    )


lib, library_path = _load()

lib.lede_init.restype = ctypes.c_int
lib.lede_init.argtypes = []
lib.lede_extract.restype = ctypes.c_void_p
lib.lede_extract.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(Options)]
lib.lede_doc_free.restype = None
lib.lede_doc_free.argtypes = [ctypes.c_void_p]
lib.lede_doc_status.restype = ctypes.c_int
lib.lede_doc_status.argtypes = [ctypes.c_void_p]
lib.lede_doc_error.restype = ctypes.c_char_p
lib.lede_doc_error.argtypes = [ctypes.c_void_p]
lib.lede_render.restype = ctypes.c_void_p
lib.lede_render.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_size_t)]
lib.lede_version.restype = ctypes.c_char_p
lib.lede_version.argtypes = []

if lib.lede_init() != 0:
    raise ImportError("lede: the library failed to initialise")
