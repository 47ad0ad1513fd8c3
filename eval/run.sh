#!/bin/sh
# Scores lede on the AEB dev pages in both input modes (used by `make eval`).
# Usage: eval/run.sh [LEDE_BINARY] [extra aeb_eval.py options...]
set -eu
here=$(dirname "$0")
lede=${1:-"$here/../build/lede"}
[ $# -gt 0 ] && shift
for mode in html text; do
    python3 "$here/aeb_eval.py" --lede "$lede" --mode "$mode" "$@"
    echo
done
