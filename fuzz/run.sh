#!/bin/sh
# Builds the libFuzzer target with clang (ASan + UBSan) and runs it.
# Usage: fuzz/run.sh [SECONDS]   (default 60; used by `make fuzz`)
# Crashes are written to build-fuzz/artifacts/, new inputs to build-fuzz/corpus/.
set -eu
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build-fuzz"
# libFuzzer ships with clang; install it (and the build dependencies) if missing.
command -v clang >/dev/null || sh "$root/scripts/install-deps.sh" clang
mkdir -p "$out/corpus" "$out/artifacts"
# The library's pkg-config dependencies, as the root CMakeLists.txt lists them.
deps="zlib $(sed -n 's/.*pkg_check_modules([A-Z0-9_]* REQUIRED IMPORTED_TARGET \([^)]*\)).*/\1/p' \
    "$root/CMakeLists.txt" | tr '\n' ' ')"
# shellcheck disable=SC2046
clang -std=c11 -g -O1 -D_POSIX_C_SOURCE=200809L \
    \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -I"$root/include" $(pkg-config --cflags $deps) \
    "$root/fuzz/fuzz_extract.c" $(find "$root/src" -name '*.c' | sort) \
    $(pkg-config --libs $deps) -lm -o "$out/fuzz_extract"
"$out/fuzz_extract" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -dict="$root/fuzz/html.dict" \
    -artifact_prefix="$out/artifacts/" "$out/corpus" "$root/fuzz/corpus"
