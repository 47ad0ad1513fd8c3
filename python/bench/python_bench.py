"""Python extract() against the C library on the AEB dev pages.

    LEDE_LIBRARY=build/liblede.so /usr/bin/python3 python/bench/python_bench.py \
        --c-bench build/lede-bench [--data ../shared/data/aeb-dev] [--rounds 5]

Both sides hold the gunzipped pages in memory and run extract + JSON render
+ free per page, single-threaded; Python adds ctypes and json.loads. Time is
CPU time, which other processes on a shared machine disturb far less than
wall time: for C, the CPU time lede-bench takes for N+1 rounds minus what it
takes for 1 (loading the pages), for Python the CPU time of its rounds.
The two alternate, 6 rounds a run, and the best and median runs of each are
compared."""

import argparse
import concurrent.futures
import gzip
import pathlib
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import lede  # noqa: E402


def python_round(pages):
    start = time.process_time()
    for page in pages:
        lede.extract(page)
    return len(pages) / (time.process_time() - start)


def c_cpu_seconds(bench, data, rounds):
    before = os.times()
    subprocess.run([bench, "--mode", "html", "--data", data, "--rounds", str(rounds)],
                   capture_output=True, check=True)
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system -
                                                           before.children_system)


def c_round(bench, data, npages, rounds=6):
    """pages/s of CPU time over `rounds` rounds, the loading cost taken off."""
    work = c_cpu_seconds(bench, data, rounds + 1) - c_cpu_seconds(bench, data, 1)
    return rounds * npages / work


def threads_wall(pages, threads):
    """Wall-clock pages/s with `threads` threads calling extract(): ctypes
    drops the GIL during the C call, so they should scale with cores."""
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        for _ in pool.map(lede.extract, pages):
            pass
    return len(pages) / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser()
    here = pathlib.Path(__file__).resolve()
    parser.add_argument("--data", default=str(here.parents[3] / "shared" / "data" / "aeb-dev"))
    parser.add_argument("--c-bench", required=True, help="lede-bench from the same build")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=0,
                        help="also compare 1 and N threads (wall clock; needs an idle machine)")
    args = parser.parse_args()
    pages = [gzip.decompress(p.read_bytes())
             for p in sorted(pathlib.Path(args.data, "html").glob("*.html.gz"))]
    python_rounds, c_rounds = [], []
    python_round(pages)  # warm-up
    for _ in range(args.rounds):
        c_rounds.append(c_round(args.c_bench, args.data, len(pages)))
        python_rounds.append(6 / sum(1 / python_round(pages) for _ in range(6)))
    c_best, py_best = max(c_rounds), max(python_rounds)
    print(f"{len(pages)} pages, {args.rounds} alternating runs of 6 rounds, CPU time; "
          f"library {lede._native.library_path}")
    print(f"C (lede-bench)     best {c_best:7.1f} pages/s  median {statistics.median(c_rounds):7.1f}")
    print(f"Python extract()   best {py_best:7.1f} pages/s  median {statistics.median(python_rounds):7.1f}")
    print(f"Python / C: {py_best / c_best:.3f} (best rounds), "
          f"{statistics.median(python_rounds) / statistics.median(c_rounds):.3f} (medians)")
    if args.threads > 1:
        one = max(threads_wall(pages * 2, 1) for _ in range(3))
        many = max(threads_wall(pages * 2, args.threads) for _ in range(3))
        print(f"threads: 1 -> {one:.1f} pages/s, {args.threads} -> {many:.1f} pages/s "
              f"({many / one:.2f}x, wall clock)")


if __name__ == "__main__":
    main()
