#!/bin/sh
# Builds tests/corpus/fuzz_corpus.c with libFuzzer, ASan and UBSan, seeds it
# with generated crawl files and runs it: fuzz_corpus.sh [SECONDS] [BUILD_DIR].
# New inputs found are kept in BUILD_DIR/corpus-fuzz/ for the next run.
set -eu
secs=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${2:-$root/build-fuzz-corpus}
mkdir -p "$out/corpus-fuzz" "$out/corpus-seed"
# The library's pkg-config dependencies, as the root CMakeLists.txt lists them.
deps="zlib $(sed -n 's/.*pkg_check_modules([A-Z0-9_]* REQUIRED IMPORTED_TARGET \([^)]*\)).*/\1/p' \
    "$root/CMakeLists.txt" | tr '\n' ' ')"
# shellcheck disable=SC2046
clang -std=c11 -g -O1 -D_POSIX_C_SOURCE=200809L \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -I"$root/include" $(pkg-config --cflags $deps) \
    $(find "$root/src" -name '*.c' | sort) "$root"/tools/corpus/*.c "$root/tests/corpus/fuzz_corpus.c" \
    $(pkg-config --libs $deps) -lm -lpthread -o "$out/fuzz_corpus"
# Seeds: a damaged WARC (gzip and plain) and a JSON Lines file, each behind
# the format byte the target reads first.
pages="$root/../shared/data/aeb-dev/html"
if [ -d "$pages" ]; then
    python3 "$root/tests/corpus/make_warc.py" --pages "$pages" --out "$out/seed.warc.gz" --broken --limit 4
    python3 "$root/tests/corpus/make_warc.py" --pages "$pages" --out "$out/seed.warc" --plain --broken --limit 4
    for f in seed.warc.gz seed.warc; do
        { printf '\001'; head -c 200000 "$out/$f"; } > "$out/corpus-seed/$f"
    done
fi
printf '\002{"id":1,"html":"<p>Hello \\u00e9 world</p>","url":"u"}\n{"id":[2],"text":"A\\nB"}\n' \
    > "$out/corpus-seed/a.jsonl"
mkdir -p "$out/artifacts"
"$out/fuzz_corpus" -max_total_time="$secs" -max_len=262144 -timeout=20 -rss_limit_mb=2048 \
    -artifact_prefix="$out/artifacts/" "$out/corpus-fuzz" "$out/corpus-seed"
