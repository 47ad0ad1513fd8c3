"""lede over many files on a Dask cluster.

    lede-dask --scheduler tcp://HOST:8786 crawl/*.warc.gz -o out/
    lede-dask --workers 2 pages/*.html.gz -o out/          # a LocalCluster here

The inputs (crawl files: WARC, WET, JSON Lines; or single pages) are cut, in
input order, into shards of about equal size in bytes; each task writes
OUTDIR/shard-NNNNN.jsonl (the same lines the `lede` tool writes for those
inputs, so the shards concatenated in name order are the tool's output) and
OUTDIR/shard-NNNNN.stats.json, and the driver merges the stats into
OUTDIR/stats.json. On a real cluster OUTDIR and the inputs must be paths
every worker sees (a shared file system), and each worker machine needs lede
installed (liblede, the `lede` tool, this package).

Also callable from Python: lede.dask.run(inputs, outdir, scheduler=...)."""

import argparse
import contextlib
import ctypes
import glob
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
import zlib

import lede

DEFAULT_PAGES_PER_TASK = 64
# Shards of at most 1 / (this x workers) of the bytes: with several tasks a
# worker, run largest first, the last ones, which some workers run while
# others have nothing left, are small.
TASKS_PER_WORKER = 4
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def is_crawl_file(path):
    """True for WARC, WET and JSON Lines files (compressed or not): those
    hold many records and go through the tool's crawl mode."""
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


def _size(path):
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def plan_tasks(inputs, pages_per_task=DEFAULT_PAGES_PER_TASK, workers=1):
    """Cuts inputs, in order, into shards of about equal bytes: (paths, their
    bytes) pairs, at most pages_per_task paths and about 1 / (TASKS_PER_WORKER
    x workers) of all the bytes each (a quarter of that in the last shares; a
    bigger file alone). Only sizes are looked at here, so planning a million
    inputs costs a stat each on the driver; what each input is, the workers
    find out."""
    inputs = list(inputs)
    if not inputs:
        return []
    sizes = [_size(path) for path in inputs]
    count = max(-(-len(inputs) // pages_per_task), min(len(inputs), TASKS_PER_WORKER * workers))
    total = sum(sizes)
    share = max(1, total) / count
    # The bytes of the last shares, one a worker, are cut in quarters: as
    # tasks run largest first, these run last, and workers finish closer
    # together when the last tasks are short.
    tail_from = total - workers * share
    tasks, current, current_bytes, done = [], [], 0, 0
    for path, size in zip(inputs, sizes):
        target = share if done < tail_from else share / 4
        # A file is added while that brings the shard nearer its target: a
        # big file fills a shard of its own, small ones share one.
        if current and (len(current) == pages_per_task or current_bytes + size / 2 > target):
            tasks.append((current, current_bytes))
            current, current_bytes = [], 0
        current.append(path)
        current_bytes += size
        done += size
    tasks.append((current, current_bytes))
    return tasks


def _crawl_files(paths, out, stats):
    """Runs the tool over crawl files, its lines going straight into out (a
    binary file) and its counts into stats: no record passes through Python."""
    out.flush()
    with tempfile.NamedTemporaryFile(suffix=".json") as counts, \
            tempfile.TemporaryFile() as errors:
        args = [lede.tool_path(), "-j", "1", "--quiet", "--stats", counts.name, "--", *paths]
        # Without the worker's fixed malloc thresholds (see
        # _allocator_for_documents): the tool gives its memory back by exiting.
        env = {k: v for k, v in os.environ.items() if not (k.startswith("MALLOC_")
                                                             and k.endswith("_THRESHOLD_"))}
        rc = subprocess.run(args, stdout=out, stderr=errors, env=env).returncode
        # 1 means some records failed (they are error records); 2 means an
        # input or the output failed as a whole.
        if rc not in (0, 1):
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip()
            raise lede.Error(message or f"lede exited with status {rc}", "io", " ".join(paths))
        summary = json.load(counts)
    stats["records"] += summary["records_out"]
    stats["articles"] += summary["articles"]
    stats["errors"] += summary["errors"]
    stats["skips"] += summary["skipped"]


# glibc's mallopt parameters (malloc.h).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_GLIBC_THRESHOLD = 128 << 10  # both thresholds' default once they are fixed


@contextlib.contextmanager
def _allocator_for_documents():
    """Lets the C library reuse its memory from one document to the next
    while a task runs, then gives it back to the system.

    Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536 so that they
    return freed memory. Setting any threshold also stops glibc from raising
    its mmap threshold as it sees big blocks freed, so every arena block of
    128 KiB or more is mapped and unmapped again for each document: each page
    of a document's memory comes fresh from the kernel, which costs a worker
    about a third more CPU than the same pages extracted in a plain process
    (220,000 page faults against 3,000 for the AEB dev pages 8 times). Where
    no threshold was set, glibc's own adaptive thresholds already do the
    right thing and are left alone."""
    env = {name: os.environ.get(f"MALLOC_{name}_THRESHOLD_") for name in ("TRIM", "MMAP")}
    try:
        restore = {name: int(value) if value else _GLIBC_THRESHOLD for name, value in env.items()}
        libc = ctypes.CDLL(None) if any(env.values()) else None
    except (ValueError, OSError):
        libc = None
    if libc is None or not hasattr(libc, "mallopt") or not hasattr(libc, "malloc_trim"):
        yield
        return
    # glibc's adaptive limits: blocks up to 32 MiB from the heap, kept while
    # the free top of the heap is below twice that.
    libc.mallopt(_M_MMAP_THRESHOLD, 32 << 20)
    libc.mallopt(_M_TRIM_THRESHOLD, 64 << 20)
    try:
        yield
    finally:
        libc.mallopt(_M_MMAP_THRESHOLD, restore["MMAP"])
        libc.mallopt(_M_TRIM_THRESHOLD, restore["TRIM"])
        libc.malloc_trim(0)


def process_shard(index, inputs, outdir, input="auto"):
    """The task run on a worker: extracts every input path into
    OUTDIR/shard-INDEX.jsonl and returns (and writes) the shard's stats.
    Single pages are extracted in this process through the library; runs of
    crawl files go to one `lede` tool process writing into the shard.
    Written under a temporary name first so that a retried task never
    leaves a half shard behind."""
    name = os.path.join(outdir, f"shard-{index:05d}")
    stats = {"shard": index, "inputs": len(inputs), "records": 0, "articles": 0,
             "errors": 0, "skips": 0, "bytes_in": 0,
             "worker": f"{socket.gethostname()}:{os.getpid()}"}
    start = time.perf_counter()
    tmp = name + ".jsonl.part"
    crawl = []
    with _allocator_for_documents(), open(tmp, "wb") as out:
        for path in inputs:
            stats["bytes_in"] += _size(path)
            if is_crawl_file(path):
                crawl.append(path)
                continue
            if crawl:
                _crawl_files(crawl, out, stats)
                crawl = []
            line, ok = lede.page_record(path, input=input)
            out.write(line.encode("utf-8", "surrogateescape") + b"\n")
            stats["records"] += 1
            stats["articles" if ok else "errors"] += 1
        if crawl:
            _crawl_files(crawl, out, stats)
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


def local_cluster(workers):
    """A LocalCluster of `workers` single-threaded worker processes on this
    machine, as run() starts one. Threads would do too (ctypes releases the
    GIL), but separate processes keep one crashing page from taking all
    workers down. On a machine the workers fill, what Dask's housekeeping
    takes is theirs, so: no statistical profiler (it samples each worker's
    Python stack every 10 ms, which here shows nothing but the call into the
    library), and the event-loop health check (every 20 ms) and the system
    monitor (every 500 ms), which feed a dashboard this cluster does not
    start, at 1 s and 2 s: idle, the driver and two workers then take 30
    ms of CPU a second instead of 60 (and 100 with the profiler)."""
    import dask
    from dask.distributed import LocalCluster

    with dask.config.set({"distributed.worker.profile.enabled": False,
                          "distributed.admin.tick.interval": "1s",
                          "distributed.admin.system-monitor.interval": "2s"}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            host="127.0.0.1", dashboard_address=None)


def run(inputs, outdir, scheduler=None, workers=2, input="auto",
        pages_per_task=DEFAULT_PAGES_PER_TASK, client=None):
    """Runs lede over inputs on the cluster at `scheduler` (an address such
    as tcp://HOST:8786), on `client` (a dask.distributed Client) or, without
    either, on a LocalCluster of `workers` single-threaded processes on this
    machine. Returns the merged stats, also written to OUTDIR/stats.json."""
    from dask.distributed import Client

    inputs = list(inputs)
    os.makedirs(outdir, exist_ok=True)
    cluster = None
    own_client = client is None
    if client is None:
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = local_cluster(workers)
            client = Client(cluster)
    try:
        nworkers = len(client.scheduler_info().get("workers", {})) or workers
        start = time.perf_counter()
        tasks = plan_tasks(inputs, pages_per_task, nworkers)
        # Largest first (the sizes are known only here, at the driver): the
        # tail where some workers idle is then made of the smallest shards.
        # Dask runs tasks of one map call in the order of their keys.
        order = sorted(range(len(tasks)), key=lambda i: -tasks[i][1])
        run_id = uuid.uuid4().hex[:12]
        # One map call submits the whole run in one message (a submit per
        # task costs the client a look at its caller's source each time).
        futures = client.map(process_shard, order, [tasks[i][0] for i in order],
                             [os.path.abspath(outdir)] * len(order), [input] * len(order),
                             key=[f"lede-{rank:05d}-shard-{i:05d}-{run_id}"
                                  for rank, i in enumerate(order)], pure=False)
        shards = client.gather(futures)
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
        description="Run lede over many files on a Dask cluster: the inputs cut into "
        "shards of about equal bytes, one task and one JSON Lines shard with its stats "
        "each, merged stats in OUTDIR/stats.json.",
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
    parser.add_argument("--pages-per-task", type=int, default=DEFAULT_PAGES_PER_TASK,
                        metavar="N", help="at most N inputs a task (default: %(default)s)")
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
