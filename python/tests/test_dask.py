"""lede.dask on a LocalCluster of two worker processes: every record in comes
out once, and the lines are exactly the single-machine tool's."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import unittest

from support import HAND_PAGE, REPO, aeb_pages, example_pages, lede, make_jsonl, make_warc, tool

try:
    import dask.distributed  # noqa: F401
    import lede.dask as lede_dask
except ImportError:  # python3-distributed is installed for /usr/bin/python3
    lede_dask = None


@unittest.skipIf(lede_dask is None, "dask.distributed is not installed (python3-distributed)")
class DaskTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        root = cls.tmp.name
        pages = [("https://example.com/hand", HAND_PAGE.encode())]
        pages += [(f"https://example.com/{p.name}", p.read_bytes()) for p in example_pages()]
        cls.warc = os.path.join(root, "crawl.warc.gz")
        cls.jsonl = os.path.join(root, "pages.jsonl")
        make_warc(cls.warc, pages)
        make_jsonl(cls.jsonl, pages)
        missing = os.path.join(root, "missing.html")
        cls.singles = [str(p) for p in example_pages() + aeb_pages(24)] + [missing]
        cls.inputs = [cls.warc] + cls.singles + [cls.jsonl]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def tool_lines(self, *paths):
        out = subprocess.run([tool(), "--", *paths], capture_output=True, timeout=600)
        return out.stdout.decode("utf-8").splitlines()

    def shard_lines(self, outdir):
        lines = []
        for name in sorted(os.listdir(outdir)):
            if name.endswith(".jsonl"):
                with open(os.path.join(outdir, name), encoding="utf-8") as f:
                    lines += f.read().splitlines()
        return lines

    def test_local_cluster_matches_the_tool(self):
        outdir = os.path.join(self.tmp.name, "out")
        stats = lede_dask.run(self.inputs, outdir, workers=2, pages_per_task=8)
        expected = (self.tool_lines(self.warc) + self.tool_lines(*self.singles)
                    + self.tool_lines(self.jsonl))
        # Shards cut the inputs in order: read in name order they are the
        # tool's output.
        self.assertEqual(self.shard_lines(outdir), expected)
        self.assertGreaterEqual(stats["tasks"], -(-len(self.inputs) // 8))
        self.assertLessEqual(max(shard["inputs"] for shard in stats["shards"]), 8)
        self.assertEqual(stats["records"], len(expected))
        self.assertEqual(stats["inputs"], len(self.inputs))
        self.assertEqual(stats["errors"], 1)  # the missing file
        self.assertGreater(stats["skips"], 0)  # the WARC's request records
        self.assertEqual(stats["articles"] + stats["errors"] + stats["skips"], stats["records"])
        self.assertEqual(stats["workers"], 2)
        with open(os.path.join(outdir, "stats.json"), encoding="utf-8") as f:
            self.assertEqual(json.load(f)["records"], stats["records"])
        for shard in stats["shards"]:
            with open(os.path.join(outdir, "shard-%05d.stats.json" % shard["shard"])) as f:
                self.assertEqual(json.load(f), shard)
        self.assertFalse([n for n in os.listdir(outdir) if n.endswith(".part")])

    def test_plan_cuts_shards_of_about_equal_bytes_in_order(self):
        sizes = [100] * 40 + [5000] + [100] * 9
        paths = []
        for i, size in enumerate(sizes):
            paths.append(os.path.join(self.tmp.name, f"plan-{i:02d}"))
            with open(paths[-1], "wb") as f:
                f.write(b"x" * size)
        tasks = lede_dask.plan_tasks(paths, pages_per_task=16, workers=2)
        self.assertEqual([p for shard, _ in tasks for p in shard], paths)
        self.assertIn(([paths[40]], 5000), tasks)  # the big file alone
        self.assertLessEqual(max(len(shard) for shard, _ in tasks), 16)
        # The rest in shards of at most an eighth of the bytes (4 per worker).
        self.assertLessEqual(max(size for shard, size in tasks if len(shard) > 1), sum(sizes) / 8)
        self.assertEqual([size for _, size in tasks],
                         [sum(os.path.getsize(p) for p in shard) for shard, _ in tasks])
        # Equal files: eighths of the bytes (4 shards a worker), but the last
        # quarter (a share a worker) in shards a quarter that size.
        tasks = lede_dask.plan_tasks(paths[:40] + paths[41:] + paths[:15], 64, workers=2)
        self.assertEqual([len(shard) for shard, _ in tasks], [8] * 6 + [2] * 8)

    def test_command_line(self):
        outdir = os.path.join(self.tmp.name, "cli")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            filter(None, [str(REPO / "python"), os.environ.get("PYTHONPATH")])))
        done = subprocess.run([sys.executable, "-m", "lede.dask", "--workers", "2",
                               self.warc, self.jsonl, "-o", outdir],
                              capture_output=True, env=env, timeout=600)
        self.assertEqual(done.returncode, 0, done.stderr.decode(errors="replace"))
        self.assertIn(b"records", done.stderr)
        expected = self.tool_lines(self.warc) + self.tool_lines(self.jsonl)
        self.assertEqual(sorted(self.shard_lines(outdir)), sorted(expected))

    def test_external_scheduler(self):
        """A scheduler and two workers started the way a cluster starts them,
        on 127.0.0.1, then lede-dask --scheduler tcp://HOST:PORT."""
        from dask.distributed import Client

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        address = f"tcp://127.0.0.1:{port}"
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            filter(None, [str(REPO / "python"), os.environ.get("PYTHONPATH")])))
        logs = open(os.path.join(self.tmp.name, "cluster.log"), "wb")
        self.addCleanup(logs.close)
        cluster = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler",
                                     "--host", "127.0.0.1", "--port", str(port),
                                     "--no-dashboard"], stdout=logs, stderr=logs, env=env)]
        cluster.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker",
                                         address, "--nworkers", "2", "--nthreads", "1",
                                         "--host", "127.0.0.1", "--no-dashboard"],
                                        stdout=logs, stderr=logs, env=env))
        for proc in cluster:
            self.addCleanup(proc.wait, 60)
            self.addCleanup(proc.terminate)
        with Client(address, timeout=120) as client:
            client.wait_for_workers(2, timeout=240)
        outdir = os.path.join(self.tmp.name, "remote")
        done = subprocess.run([sys.executable, "-m", "lede.dask", "--scheduler", address,
                               self.warc, *self.singles[:6], "-o", outdir],
                              capture_output=True, env=env, timeout=600)
        self.assertEqual(done.returncode, 0, done.stderr.decode(errors="replace"))
        expected = self.tool_lines(self.warc) + self.tool_lines(*self.singles[:6])
        self.assertEqual(sorted(self.shard_lines(outdir)), sorted(expected))
        with open(os.path.join(outdir, "stats.json"), encoding="utf-8") as f:
            self.assertEqual(json.load(f)["workers"], 2)


if __name__ == "__main__":
    unittest.main()
