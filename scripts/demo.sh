#!/bin/sh
# Runs lede on every example page and prints the article it finds, first as
# plain text, then as the JSON record other programs would read.
# Usage: scripts/demo.sh LEDE_BINARY EXAMPLES_DIR
set -eu
lede=$1
dir=$2
for page in "$dir"/*; do
    [ -f "$page" ] || continue
    echo "==> $page (--format text)"
    "$lede" --format text "$page"
    echo "==> $page (--format json)"
    "$lede" "$page"
    echo
done
