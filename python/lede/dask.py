"""lede over many files on a Dask cluster.

    lede-dask --scheduler tcp://HOST:8786 crawl/*.warc.gz -o out/
    lede-dask --workers 2 pages/*.html.gz -o out/          # a LocalCluster here

One task per crawl file (WARC, WET, JSON Lines), or per shard of single
pages; each task writes OUTDIR/shard-NNNNN.jsonl (the same lines the `lede`
tool writes for those inputs) and OUTDIR/shard-NNNNN.stats.json, and the
driver merges the stats into OUTDIR/stats.json. On a real cluster OUTDIR and
the inputs must be paths every worker sees (a shared file system), and each
worker machine needs lede installed (liblede, the `lede` tool, this package).

Also callable from Python: lede.dask.run(inputs, outdir, scheduler=...)."""

import argparse
import glob
import json
import os
import socket
import sys
import time
import zlib

import lede

DEFAULT_PAGES_PER_TASK = 64
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def is_crawl_file(path):
    """True for WARC, WET and JSON Lines files (compressed or not): those
    hold many records and go through the tool's crawl mode, as one task."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    if head[:4] == _ZSTD_MAGIC:
        return True
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    head = head.lstrip(b" \t\r\n\xef\xbb\xbf")
    return head.startswith(b"WARC/") or head.startswith(b"{")


def plan_tasks(inputs, pages_per_task=DEFAULT_PAGES_PER_TASK):
    """Groups inputs into tasks, lists of (path, is a crawl file): each
    crawl file alone, single pages in runs of pages_per_task, in input
    order."""
    tasks, pages = [], []
    for path in inputs:
        if is_crawl_file(path):
            tasks.append([(path, True)])
        else:
            pages.append((path, False))
            if len(pages) == pages_per_task:
                tasks.append(pages)
                pages = []
    if pages:
        tasks.append(pages)
    return tasks


def _count(line, stats):
    """Adds one output line to the stats by its outcome."""
    stats["records"] += 1
    record = json.loads(line)
    if "error" in record:
        stats["errors"] += 1
    elif "skip" in record or "skipped" in record:
        stats["skips"] += 1
    else:
        stats["articles"] += 1


def process_shard(index, inputs, outdir, input="auto"):
    """The task run on a worker: extracts every input, a (path, is a crawl
    file) pair from plan_tasks(), into OUTDIR/shard-INDEX.jsonl and returns
    (and writes) the shard's stats.
    Written under a temporary name first so that a retried task never
    leaves a half shard behind."""
    name = os.path.join(outdir, f"shard-{index:05d}")
    stats = {"shard": index, "inputs": len(inputs), "records": 0, "articles": 0,
             "errors": 0, "skips": 0, "bytes_in": 0,
             "worker": f"{socket.gethostname()}:{os.getpid()}"}
    start = time.perf_counter()
    tmp = name + ".jsonl.part"
    with open(tmp, "w", encoding="utf-8") as out:
        for path, crawl in inputs:
            try:
                stats["bytes_in"] += os.path.getsize(path)
            except OSError:
                pass
            if crawl:
                for line in lede.iter_lines(path, jobs=1, extra_args=["--quiet"]):
                    out.write(line + "\n")
                    _count(line, stats)
            else:
                line, ok = lede.page_record(path, input=input)
                out.write(line + "\n")
                stats["records"] += 1
                stats["articles" if ok else "errors"] += 1
    os.replace(tmp, name + ".jsonl")
    stats["seconds"] = round(time.perf_counter() - start, 6)
    with open(name + ".stats.json", "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1)
    return stats


def merge_stats(shards, wall_seconds, workers):
    total = {key: sum(s[key] for s in shards)
             for key in ("inputs", "records", "articles", "errors", "skips", "bytes_in")}
    total.update(
        tasks=len(shards),
        workers=workers,
        wall_seconds=round(wall_seconds, 6),
        task_seconds=round(sum(s["seconds"] for s in shards), 6),
        records_per_second=round(total["records"] / wall_seconds, 2) if wall_seconds > 0 else None,
        shards=sorted(shards, key=lambda s: s["shard"]),
    )
    return total


def run(inputs, outdir, scheduler=None, workers=2, input="auto",
        pages_per_task=DEFAULT_PAGES_PER_TASK, client=None):
    """Runs lede over inputs on the cluster at `scheduler` (an address such
    as tcp://HOST:8786), on `client` (a dask.distributed Client) or, without
    either, on a LocalCluster of `workers` single-threaded processes on this
    machine. Returns the merged stats, also written to OUTDIR/stats.json."""
    from dask.distributed import Client, LocalCluster, as_completed

    os.makedirs(outdir, exist_ok=True)
    tasks = plan_tasks(list(inputs), pages_per_task)
    cluster = None
    own_client = client is None
    if client is None:
        if scheduler:
            client = Client(scheduler)
        else:
            # Threads would do too (ctypes releases the GIL), but separate
            # processes keep one crashing page from taking all workers down.
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
            client = Client(cluster)
    try:
        nworkers = len(client.scheduler_info().get("workers", {})) or workers
        start = time.perf_counter()
        futures = [client.submit(process_shard, i, paths, os.path.abspath(outdir), input,
                                 pure=False, key=f"lede-shard-{i:05d}-{time.time_ns()}")
                   for i, paths in enumerate(tasks)]
        shards = [future.result() for future in as_completed(futures)]
        stats = merge_stats(shards, time.perf_counter() - start, nworkers)
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
    with open(os.path.join(outdir, "stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1)
    return stats


def _expand(inputs, files_from):
    paths = []
    for item in inputs:
        matches = sorted(glob.glob(item)) if any(c in item for c in "*?[") else [item]
        paths.extend(matches)
    if files_from:
        with open(files_from, encoding="utf-8") as f:
            paths.extend(line.strip() for line in f if line.strip())
    return paths


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="lede-dask",
        description="Run lede over many files on a Dask cluster: one task per crawl file "
        "or shard of pages, a JSON Lines shard and its stats each, merged stats in "
        "OUTDIR/stats.json.",
        epilog="example: lede-dask --scheduler tcp://10.0.0.5:8786 crawl/*.warc.gz -o out/")
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="WARC, WET or JSON Lines files, or single pages")
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="the Dask scheduler (default: a LocalCluster on this machine)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="LocalCluster worker processes (default: one per core)")
    parser.add_argument("-i", "--input", choices=("auto", "html", "text"), default="auto",
                        help="what single pages are (default: sniffed)")
    parser.add_argument("--pages-per-task", type=int, default=DEFAULT_PAGES_PER_TASK)
    parser.add_argument("--files-from", metavar="LIST", help="more inputs, one path a line")
    args = parser.parse_args(argv)
    inputs = _expand(args.inputs, args.files_from)
    if not inputs:
        parser.error("no inputs")
    try:
        stats = run(inputs, args.output, scheduler=args.scheduler, workers=args.workers,
                    input=args.input, pages_per_task=max(1, args.pages_per_task))
    except lede.Error as exc:
        print(f"lede-dask: {exc}", file=sys.stderr)
        return 2
    print(f"lede-dask: {stats['records']} records ({stats['articles']} articles, "
          f"{stats['errors']} errors, {stats['skips']} skipped) from {stats['inputs']} inputs "
          f"in {stats['wall_seconds']:.2f} s on {stats['workers']} workers: "
          f"{stats['records_per_second']} records/s; {args.output}/stats.json", file=sys.stderr)
    return 1 if stats["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
