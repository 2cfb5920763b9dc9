#!/usr/bin/env python3
"""Documents per second of newsgraph.dask with 1 and 2 worker processes.

Takes the first --lines lines of the news bench, starts a LocalCluster of N
worker processes (one thread each) on loopback, warms the workers (rules
compiled), then times, best of --repeat:
  graph    read_jsonl -> extract_graph -> render("json") on the client
  extract  read_jsonl -> extract_json, only the byte count comes back
and, with --cli, the same graph from the CLI on one machine for comparison
(`newsgraph graph --jsonl`, and `newsgraph -j N --jsonl | newsgraph graph
--from-json -`).  Each graph is checked against the CLI's, byte for
byte.  Run as ctest's python does:

  PYTHONPATH=python NEWSGRAPH_LIBRARY=build/libnewsgraph.so NEWSGRAPH_RULES=rules \\
    /usr/bin/python3 bench/dask_scaling.py --cli build/cli/newsgraph
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from typing import Callable, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE, "python"))

import newsgraph.dask as ngd  # noqa: E402


def best(fn: Callable[[], object], repeat: int,
         docs: Optional[Callable[[], int]] = None, want: int = 0) -> float:
    """The fastest of ``repeat`` timed calls, in seconds; with ``docs``
    (documents extracted so far), check that each call extracted ``want``."""
    times = []
    for _ in range(repeat):
        before = docs() if docs else 0
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
        if docs and docs() - before != want:
            raise SystemExit(f"{docs() - before} documents extracted, not {want}")
    return min(times)


def run_cli(cli: str, args: List[str]) -> str:
    return subprocess.run([cli, *args], check=True, capture_output=True).stdout.decode()


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", default=os.path.join(os.path.dirname(SOURCE), "shared",
                                                     "bench", "news_bench.jsonl"))
    ap.add_argument("--lines", type=int, default=5000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--blocksize", default="256KiB", help="read_jsonl partition size")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cli", help="the newsgraph binary: time it too, and check the graphs")
    args = ap.parse_args(argv)

    from distributed import Client, LocalCluster

    tmp = tempfile.mkdtemp(prefix="ng-dask-bench-")
    path = os.path.join(tmp, "slice.jsonl")
    with open(args.bench, "rb") as src, open(path, "wb") as dst:
        n = 0
        for line in src:
            if n == args.lines:
                break
            dst.write(line)
            n += 1
    print(f"{n} documents ({os.path.getsize(path) / 1e6:.1f} MB) from {args.bench}, "
          f"{os.cpu_count()} CPUs, blocksize {args.blocksize}, "
          f"load average {os.getloadavg()[0]:.2f}")

    want = None
    if args.cli:
        want = run_cli(args.cli, ["graph", "--jsonl", path])
        t = best(lambda: run_cli(args.cli, ["graph", "--jsonl", path]), args.repeat)
        print(f"cli graph --jsonl:                 {n / t:8.0f} docs/s ({t:.2f} s)")
        for j in sorted(set(args.workers) - {1}):
            pipe = (f"{args.cli} -j {j} --jsonl {path} | "
                    f"{args.cli} graph --from-json -")
            if subprocess.run(pipe, shell=True, check=True, capture_output=True
                              ).stdout.decode() != want:
                raise SystemExit("newsgraph -j | graph --from-json differs")
            t = best(lambda: subprocess.run(pipe, shell=True, check=True,
                                            capture_output=True), args.repeat)
            print(f"cli -j {j} | graph --from-json -:  {n / t:8.0f} docs/s ({t:.2f} s)")

    for workers in args.workers:
        with LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                          host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster, \
                Client(cluster) as client:
            client.wait_for_workers(workers)
            bag = ngd.read_jsonl(path, blocksize=args.blocksize)
            client.run(lambda: ngd._extractor(None, ()) and None)   # rules loaded

            def graph() -> None:
                with ngd.extract_graph(bag) as g:
                    out = g.render("json")
                if want is not None and out != want:
                    raise SystemExit("the Dask graph differs from the CLI's")

            def docs() -> int:
                return sum(s["documents"] for s in client.run(ngd.worker_stats).values())

            def cpu() -> float:
                return sum(client.run(time.process_time).values())

            t_graph = best(graph, args.repeat, docs, n)
            cpu0 = cpu()
            t_extract = best(lambda: ngd.extract_json(bag).map(len).sum().compute(),
                             args.repeat, docs, n)
            per_cpu = n * args.repeat / (cpu() - cpu0)
            loads = sum(s["rule_loads"] for s in client.run(ngd.worker_stats).values())
            print(f"dask {workers} worker(s), {bag.npartitions} partitions, "
                  f"{loads} rule loads: graph {n / t_graph:6.0f} docs/s ({t_graph:.2f} s), "
                  f"extract {n / t_extract:6.0f} docs/s ({t_extract:.2f} s), "
                  f"{per_cpu:.0f} docs per worker CPU second")
    print(f"load average {os.getloadavg()[0]:.2f}")
    os.remove(path)
    os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
