"""Dask throughput with one worker process against two, on the AEB dev pages.

    LEDE_LIBRARY=build/liblede.so /usr/bin/python3 python/bench/dask_bench.py \
        [--data ../shared/data/aeb-dev] [--copies 32] [--repeats 3] [--pages-per-task N]

Each run starts a LocalCluster as lede-dask does (not timed), submits the
pages (each listed --copies times; shards as lede.dask plans them, at most
--pages-per-task pages, lede.dask's default unless given) and times
lede.dask.run, from planning and submission to the last shard and stats
written. Runs with 1 and 2 workers alternate, and the best and the median of
each are compared. Each run also prints the CPU seconds the workers and the
driver (client, scheduler and nannies: one process with a LocalCluster)
took, and what other processes on the machine took meanwhile: on two cores,
what the driver or anything else takes while two workers run, they lose.
On a shared machine the runs where others took under 5% of the CPU are
also compared on their own ("quiet"). For reference, the `lede` tool's
time over the same inputs as one process, and as two at once over halves
(the most two cores give this work here, Dask or not), is printed too
(--tool, default: the one beside the library)."""

import argparse
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import lede  # noqa: E402
import lede.dask as lede_dask  # noqa: E402


def _cpu_seconds(pid):
    """User + system CPU seconds of a process, from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine_busy_seconds():
    """CPU seconds every process on the machine has taken, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _driver_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed_run(inputs, workers, pages_per_task):
    """Wall seconds, records, tasks, and the CPU seconds of the workers, of
    the driver and of other processes on the machine, for one lede.dask.run
    over inputs on a fresh LocalCluster."""
    from dask.distributed import Client

    out = tempfile.mkdtemp(prefix="lede-dask-bench-")
    try:
        # The LocalCluster lede-dask --workers N starts.
        with lede_dask.local_cluster(workers) as cluster, Client(cluster) as client:
            client.wait_for_workers(workers)
            # A first small run loads liblede in every worker before timing.
            lede_dask.run(inputs[:4 * workers], out, client=client, pages_per_task=1)
            pids = list(client.run(os.getpid).values())
            workers_cpu, driver_cpu = sum(map(_cpu_seconds, pids)), _driver_cpu_seconds()
            busy = _machine_busy_seconds()
            start = time.perf_counter()
            stats = lede_dask.run(inputs, out, client=client, pages_per_task=pages_per_task)
            seconds = time.perf_counter() - start
            busy = _machine_busy_seconds() - busy
            workers_cpu = sum(map(_cpu_seconds, pids)) - workers_cpu
            driver_cpu = _driver_cpu_seconds() - driver_cpu
            others_cpu = max(0.0, busy - workers_cpu - driver_cpu)
            return seconds, stats["records"], stats["tasks"], workers_cpu, driver_cpu, others_cpu
    finally:
        shutil.rmtree(out, ignore_errors=True)


def tool_run(tool, inputs, processes):
    """Wall seconds of the tool writing the same records, as one process or
    as several at once over equal slices of the inputs (what this machine
    gives parallel work at best), and the CPU seconds other processes took
    meanwhile."""
    with tempfile.TemporaryDirectory() as out:
        before, busy = resource.getrusage(resource.RUSAGE_CHILDREN), _machine_busy_seconds()
        start = time.perf_counter()
        slices = [inputs[i::processes] for i in range(processes)]
        running = [subprocess.Popen([tool, "-o", os.path.join(out, f"{i}.jsonl"), "--", *part])
                   for i, part in enumerate(slices)]
        for proc in running:
            proc.wait()
        seconds = time.perf_counter() - start
        busy = _machine_busy_seconds() - busy
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        tool_cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        return seconds, max(0.0, busy - tool_cpu)


def _quiet(seconds, others_cpu):
    """Whether other processes took under 5% of the machine during a run."""
    return others_cpu < 0.05 * (os.cpu_count() or 1) * seconds


def main():
    parser = argparse.ArgumentParser()
    here = pathlib.Path(__file__).resolve()
    parser.add_argument("--data", default=str(here.parents[3] / "shared" / "data" / "aeb-dev"))
    # 4,192 pages: a run long enough that its fixed costs (planning, submission,
    # gathering, some 50 ms) weigh as little as in a real crawl-sized run.
    parser.add_argument("--copies", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pages-per-task", type=int, default=lede_dask.DEFAULT_PAGES_PER_TASK)
    parser.add_argument("--tool", default=None, help="the lede tool (default: beside liblede)")
    args = parser.parse_args()
    pages = [str(p) for p in sorted(pathlib.Path(args.data, "html").glob("*.html.gz"))]
    inputs = pages * args.copies
    tool = args.tool or lede.tool_path()
    # (wall seconds, quiet) of the tool ("tool", "tool x2") and of Dask (1, 2)
    runs = {"tool": [], "tool x2": [], 1: [], 2: []}
    for _ in range(args.repeats):
        for processes, key in ((1, "tool"), (2, "tool x2")):
            seconds, others_cpu = tool_run(tool, inputs, processes)
            runs[key].append((seconds, _quiet(seconds, others_cpu)))
            print(f"lede tool, {processes} process(es): {seconds:6.2f} s, "
                  f"{len(inputs) / seconds:6.1f} pages/s (CPU s: other processes "
                  f"{others_cpu:.2f})", flush=True)
        for workers in (1, 2):
            seconds, records, tasks, workers_cpu, driver_cpu, others_cpu = timed_run(
                inputs, workers, args.pages_per_task)
            assert records == len(inputs)
            runs[workers].append((seconds, _quiet(seconds, others_cpu)))
            print(f"{workers} worker(s): {seconds:6.2f} s, {records / seconds:6.1f} pages/s "
                  f"({tasks} tasks; CPU s: workers {workers_cpu:.2f}, driver {driver_cpu:.2f}, "
                  f"other processes {others_cpu:.2f})", flush=True)
    for label, quiet_only in (("all runs", False), ("quiet runs", True)):
        times = {k: [s for s, quiet in v if quiet or not quiet_only] for k, v in runs.items()}
        if not all(times.values()):
            print(f"{label}: not every kind of run was quiet")
            continue
        best = {k: min(v) for k, v in times.items()}
        median = {k: statistics.median(v) for k, v in times.items()}
        rate = {k: f"{len(inputs) / v:.1f}" for k, v in best.items()}
        print(f"{label} ({len(times[1])} + {len(times[2])}), {len(inputs)} pages, best pages/s: "
              f"tool {rate['tool']}, 2 tools at once {rate['tool x2']}, 1 worker {rate[1]}, "
              f"2 workers {rate[2]}; 2 / 1 workers = {best[1] / best[2]:.2f}x (median "
              f"{median[1] / median[2]:.2f}x), 2 / 1 tools = "
              f"{best['tool'] / best['tool x2']:.2f}x (median "
              f"{median['tool'] / median['tool x2']:.2f}x)")

if __name__ == "__main__":
    main()
