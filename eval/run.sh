#!/bin/sh
# Scores lede on the AEB dev pages in both input modes (used by `make eval`).
# Usage: eval/run.sh [LEDE_BINARY] [extra aeb_eval.py options...]
# Exits 1 when either mode had failed pages or a faulty run.
set -u
here=$(dirname "$0")
lede=${1:-"$here/../build/lede"}
[ $# -gt 0 ] && shift
status=0
for mode in html text; do
    python3 "$here/aeb_eval.py" --lede "$lede" --mode "$mode" "$@" || status=1
    echo
done
# Metadata fields on the meta-dev pages (issue 4).
python3 "$here/meta_eval.py" --lede "$lede" || status=1
echo
# Quotes and speakers on quotes-dev (issue 6).
python3 "$here/quotes_eval.py" --lede "$lede" || status=1
exit $status
