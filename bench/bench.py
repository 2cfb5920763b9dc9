#!/usr/bin/env python3
"""The measurements behind bench/run.sh (README.md, "Benchmark").

Each figure is the median of --runs runs (default 5).  MB is 10^6 bytes
of input (the JSON lines file as it is on disk).  Times are wall clock,
end to end: process start, rules load, reading, extraction, JSON output
to /dev/null.  Peak RSS is GNU time's "Maximum resident set size".

Only the Python standard library is used.
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PEER_PYTHON = "/usr/bin/python3"
SLICE_BYTES = 1_000_000

# The targets: (label, test on the value) for the table.
TARGETS = {
    "st_mbs": (">= 20", lambda v: v >= 20),
    "j2_speedup": (">= 1.7x", lambda v: v >= 1.7),
    "rss_mb": ("<= 64", lambda v: v <= 64),
    "load_ms": ("<= 20", lambda v: v <= 20),
}


def die(msg):
    print(f"bench: {msg}", file=sys.stderr)
    sys.exit(2)


def timed(cmd, stdout=subprocess.DEVNULL, env=None):
    """Run cmd under GNU time: (wall seconds, peak RSS in KiB, CPU seconds)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        full = ["/usr/bin/time", "-v", "-o", tf.name] + cmd
        t0 = time.perf_counter()
        proc = subprocess.run(full, stdout=stdout, stderr=subprocess.PIPE, env=env)
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            die(f"{' '.join(cmd)} failed ({proc.returncode}): "
                f"{proc.stderr.decode(errors='replace').strip()[-400:]}")
        rss, cpu = None, 0.0
        for line in tf.read().splitlines():
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", line)
            if m:
                rss = int(m.group(1))
            m = re.search(r"(?:User|System) time \(seconds\): ([0-9.]+)", line)
            if m:
                cpu += float(m.group(1))
        if rss is None:
            die("GNU time gave no peak RSS (is /usr/bin/time GNU time?)")
        return wall, rss, cpu


def median_run(cmd, runs, env=None):
    """Median wall time, largest peak RSS (KiB), median CPU time over runs."""
    walls, rsss, cpus = [], [], []
    for _ in range(runs):
        w, r, c = timed(cmd, env=env)
        walls.append(w)
        rsss.append(r)
        cpus.append(c)
    return statistics.median(walls), max(rsss), statistics.median(cpus)


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), {mem} RAM, {platform.system()} {platform.release()}"


def make_slice(data, path):
    """The first whole lines of data holding at most SLICE_BYTES bytes."""
    size = docs = 0
    with open(data, "rb") as src, open(path, "wb") as dst:
        for line in src:
            if size + len(line) > SLICE_BYTES and size:
                break
            dst.write(line)
            size += len(line)
            docs += 1
    return size, docs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--runs", type=int, default=5, help="runs per figure (median; default 5)")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ap.add_argument("--no-peer", action="store_true", help="skip the jieba peer")
    a = ap.parse_args()
    if a.runs < 1:
        die("--runs takes a count from 1")

    cli = os.path.join(a.build, "cli", "newsgraph")
    loader = os.path.join(a.build, "bench", "load_rules")
    for exe in (cli, loader):
        if not os.access(exe, os.X_OK):
            die(f"{exe} is missing: build the targets newsgraph_cli and ng_bench_load_rules")
    rules = os.path.join(a.root, "rules")
    env = dict(os.environ, NEWSGRAPH_RULES=rules, LC_ALL="C.UTF-8")
    peer = os.path.join(os.path.dirname(a.data), "peer_jieba.py")

    size = os.path.getsize(a.data)
    with open(a.data, "rb") as fh:
        docs = sum(1 for line in fh if line.strip())
    mb = size / 1e6
    build_type = "?"
    try:
        with open(os.path.join(a.build, "CMakeCache.txt")) as fh:
            for line in fh:
                if line.startswith("CMAKE_BUILD_TYPE:"):
                    build_type = line.split("=", 1)[1].strip() or "none"
    except OSError:
        pass

    rows = []  # (key, measure, value text, numeric value)

    def row(key, label, text, value=None):
        rows.append((key, label, text, value))

    load0 = os.getloadavg()[0]
    base = [cli, "--jsonl", a.data, "-o", "/dev/null"]
    t1, rss1, cpu1 = median_run(base, a.runs, env)
    row("st_mbs", "single thread, MB/s", f"{mb / t1:.2f}", mb / t1)
    row("st_docs", "single thread, documents/s", f"{docs / t1:,.0f}")
    row("st_cpu", "single thread, MB per CPU second (user+sys)", f"{mb / cpu1:.2f}")
    t2, rss2, _ = median_run(base + ["-j", "2"], a.runs, env)
    row("j2_mbs", "-j 2, MB/s", f"{mb / t2:.2f}")
    row("j2_speedup", "-j 2 speed-up over one thread", f"{t1 / t2:.2f}x", t1 / t2)
    rss = max(rss1, rss2) / 1024
    row("rss_mb", "peak RSS, MB (-j 1 / -j 2)",
        f"{rss1 / 1024:.1f} / {rss2 / 1024:.1f}", rss)

    out = subprocess.run([loader, "--runs", str(max(a.runs, 10)), rules],
                         capture_output=True, text=True, env=env)
    if out.returncode != 0:
        die(f"load_rules failed: {out.stderr.strip()}")
    load_ms = float(out.stdout.split()[0])
    row("load_ms", "rules load (ng_rules_load), ms", f"{load_ms:.1f}", load_ms)

    with tempfile.TemporaryDirectory() as tmp:
        slice_path = os.path.join(tmp, "slice.jsonl")
        ssize, sdocs = make_slice(a.data, slice_path)
        smb = ssize / 1e6
        ts, rss_s, _ = median_run([cli, "--jsonl", slice_path, "-o", "/dev/null"], a.runs, env)
        row("slice_mbs", f"1 MB slice ({sdocs} documents): newsgraph, MB/s",
            f"{smb / ts:.2f}")
        row("slice_rss", "1 MB slice: newsgraph peak RSS, MB", f"{rss_s / 1024:.1f}")
        if a.no_peer:
            row("peer", "1 MB slice: jieba peer", "skipped (--no-peer)")
        elif not os.path.exists(peer):
            row("peer", "1 MB slice: jieba peer", f"skipped ({peer} is missing)")
        elif subprocess.run([PEER_PYTHON, "-c", "import jieba"],
                            capture_output=True).returncode != 0:
            row("peer", "1 MB slice: jieba peer",
                "skipped (python3-jieba is not installed: scripts/deps.sh)")
        else:
            tj, rss_j, _ = median_run([PEER_PYTHON, peer, "--jsonl", slice_path], a.runs, env)
            row("peer_mbs", "1 MB slice: jieba peer, MB/s", f"{smb / tj:.3f}")
            row("peer_ratio", "1 MB slice: newsgraph / jieba", f"{tj / ts:.1f}x")
            row("peer_rss", "1 MB slice: jieba peak RSS, MB", f"{rss_j / 1024:.1f}")

    tw, _, _ = median_run(["wc", "-m", a.data], a.runs, env)
    row("wc_mbs", "wc -m (decoding floor), MB/s", f"{mb / tw:.1f}")

    header = (f"newsgraph benchmark: median of {a.runs} runs; MB = 10^6 bytes\n"
              f"input:   {os.path.relpath(a.data, a.root)} ({mb:.2f} MB, {docs:,} documents)\n"
              f"machine: {machine()}\n"
              f"build:   {a.build} ({build_type}); {time.strftime('%Y-%m-%d %H:%M %Z')}\n"
              f"load:    1-minute load average {load0:.2f} before, {os.getloadavg()[0]:.2f} after "
              f"(the benchmark itself adds about 1; more means other work shared the CPUs)")
    if a.markdown:
        print("\n".join("    " + h for h in header.splitlines()))
        print()
        print("| measure | value | target |")
        print("| --- | ---: | --- |")
        for key, label, text, value in rows:
            tgt = TARGETS.get(key)
            mark = ""
            if tgt and value is not None:
                mark = f"{tgt[0]} ({'met' if tgt[1](value) else 'not met'})"
            print(f"| {label} | {text} | {mark} |")
    else:
        print(header)
        print()
        w = max(len(r[1]) for r in rows)
        vw = max(len(r[2]) for r in rows)
        print(f"{'measure':<{w}}  {'value':>{vw}}  target")
        print(f"{'-' * w}  {'-' * vw}  ------")
        for key, label, text, value in rows:
            tgt = TARGETS.get(key)
            mark = ""
            if tgt and value is not None:
                mark = f"{tgt[0]} ({'met' if tgt[1](value) else 'not met'})"
            print(f"{label:<{w}}  {text:>{vw}}  {mark}".rstrip())


if __name__ == "__main__":
    main()
