#!/usr/bin/env python3
"""The compiled tables (src/**/*.inc) are what the generators in tools/ make
of data/ today: an edit to a data file without a re-run fails here, not as a
silent difference in what the library recognises.

Usage: check_generated.py REPO_ROOT
"""
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

GENERATORS = ["gen_lexicons.py", "gen_word_lists.py", "gen_stopwords.py"]
TABLE_DIRS = ["src/quotes", "src/classify"]


def main():
    root = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(root, "data"), os.path.join(tmp, "data"))
        shutil.copytree(os.path.join(root, "tools"), os.path.join(tmp, "tools"))
        for d in TABLE_DIRS:
            os.makedirs(os.path.join(tmp, d))
        for gen in GENERATORS:
            subprocess.run([sys.executable, os.path.join(tmp, "tools", gen), tmp], check=True)
        stale = []
        made = 0
        for d in TABLE_DIRS:
            for name in sorted(os.listdir(os.path.join(tmp, d))):
                made += 1
                ours = os.path.join(root, d, name)
                if not os.path.exists(ours) or not filecmp.cmp(ours, os.path.join(tmp, d, name),
                                                               shallow=False):
                    stale.append(os.path.join(d, name))
    if made == 0:
        print("FAIL the generators made no table")
        return 1
    for path in stale:
        print("FAIL %s differs from what tools/ generates: re-run the generator" % path)
    if not stale:
        print("ok   %d generated tables match data/" % made)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
