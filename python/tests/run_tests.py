"""Runs the Python tests against a given build (CTest calls this):

    /usr/bin/python3 python/tests/run_tests.py --library build/liblede.so \
        --tool build/lede [--data ../shared/data] [--pattern 'test_*.py']

A library built with -fsanitize=address,undefined can only be loaded into
Python when the sanitizer runtimes are loaded first, so for such a library
this re-runs itself with them in LD_PRELOAD (leak checking off: the
interpreter itself keeps memory until exit). The tests take the paths from
the environment (LEDE_LIBRARY, LEDE_TOOL, LEDE_TEST_DATA)."""

import argparse
import os
import pathlib
import re
import subprocess
import sys
import unittest


def sanitizer_runtimes(library):
    """Paths of the sanitizer runtimes the library links, from ldd."""
    try:
        out = subprocess.run(["ldd", library], capture_output=True, text=True, timeout=60).stdout
    except OSError:
        return []
    return re.findall(r"lib(?:asan|ubsan)\.so\S* => (\S+)", out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--library", required=True)
    parser.add_argument("--tool", required=True)
    parser.add_argument("--data")
    parser.add_argument("--pattern", default="test_*.py")
    args = parser.parse_args()
    os.environ["LEDE_LIBRARY"] = os.path.abspath(args.library)
    os.environ["LEDE_TOOL"] = os.path.abspath(args.tool)
    if args.data:
        os.environ["LEDE_TEST_DATA"] = os.path.abspath(args.data)
    runtimes = sanitizer_runtimes(args.library)
    if runtimes and "LEDE_SANITIZER_PRELOADED" not in os.environ:
        env = dict(os.environ, LD_PRELOAD=" ".join(runtimes), LEDE_SANITIZER_PRELOADED="1",
                   ASAN_OPTIONS="detect_leaks=0:" + os.environ.get("ASAN_OPTIONS", ""))
        return subprocess.call([sys.executable, *sys.argv], env=env)
    here = pathlib.Path(__file__).resolve().parent
    suite = unittest.defaultTestLoader.discover(str(here), pattern=args.pattern,
                                                top_level_dir=str(here))
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    if result.testsRun == 0:
        print("no tests ran", file=sys.stderr)
        return 1
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
