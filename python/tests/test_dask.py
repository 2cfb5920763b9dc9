"""newsgraph.dask on a real distributed cluster: a LocalCluster of two
worker processes on loopback extracts the corpus and a slice of the shared
news bench, and the graph equals the CLI's byte for byte; each worker
compiles the rules once.  Skipped only when dask or distributed cannot be
imported (scripts/deps.sh installs python3-dask and python3-distributed);
the comparisons with the CLI need NEWSGRAPH_BIN (set by ctest)."""
from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from typing import Any, Dict, Iterator, List

import pytest

import newsgraph
import newsgraph.dask as ngd
from conftest import SENTENCE, SOURCE, needs_graph

try:
    import dask
    import dask.bag as db
    import distributed
    HAVE_DASK = True
except ImportError:
    HAVE_DASK = False

BIN = os.environ.get("NEWSGRAPH_BIN")
BENCH = os.path.join(os.path.dirname(SOURCE), "shared", "bench", "news_bench.jsonl")
RULES = os.path.join(SOURCE, "rules")
SLICE_LINES = 300

needs_dask = pytest.mark.skipif(not HAVE_DASK, reason="dask/distributed not importable")
needs_bin = pytest.mark.skipif(not BIN, reason="NEWSGRAPH_BIN (the built CLI) not set")
needs_bench = pytest.mark.skipif(not os.path.exists(BENCH), reason=f"{BENCH} absent")


def cli(*args: str) -> str:
    r = subprocess.run([BIN, *args], capture_output=True, timeout=600)
    assert r.returncode == 0, r.stderr.decode()
    return r.stdout.decode("utf-8")


def stats(client: Any) -> Dict[str, Dict[str, int]]:
    return client.run(ngd.worker_stats)


def test_clear_import_error_without_dask(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(ImportError, match="python3-dask"):
        ngd.read_jsonl("x.jsonl")
    with pytest.raises(ImportError, match="python3-dask"):
        ngd.extract_graph([])


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    if not HAVE_DASK:
        pytest.skip("dask/distributed not importable")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                  ) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def records(corpus) -> List[Dict[str, str]]:
    out = []
    for path in corpus:
        with open(path, encoding="utf-8") as f:
            out.append({"id": os.path.basename(path), "text": f.read()})
    return out


@pytest.fixture(scope="module")
def bench_slice(tmp_path_factory) -> str:
    if not os.path.exists(BENCH):
        pytest.skip(f"{BENCH} absent")
    path = str(tmp_path_factory.mktemp("bench") / "slice.jsonl")
    with open(BENCH, "rb") as src, open(path, "wb") as dst:
        for _, line in zip(range(SLICE_LINES), src):
            dst.write(line)
    return path


@needs_dask
def test_workers_are_processes_with_library_and_rules(client):
    def env() -> Any:
        import newsgraph as ng
        return (os.getpid(), os.environ.get("NEWSGRAPH_LIBRARY"),
                os.environ.get("NEWSGRAPH_RULES"), ng.library_path)
    got = client.run(env)
    assert len(got) == 2
    pids = {v[0] for v in got.values()}
    assert len(pids) == 2 and os.getpid() not in pids
    for _, lib_env, rules_env, path in got.values():
        assert lib_env == os.environ.get("NEWSGRAPH_LIBRARY")
        assert rules_env == os.environ.get("NEWSGRAPH_RULES")
        assert path == newsgraph.library_path


@needs_dask
@needs_graph
@needs_bin
def test_corpus_graph_equals_cli(client, corpus, records, tmp_path):
    graph = ngd.extract_graph(db.from_sequence(records, npartitions=3))
    assert graph.render("json") == cli("graph", "--format", "json", *corpus)
    for fmt in ("json", "graphml", "dot", "csv"):
        ours, theirs = str(tmp_path / f"ours.{fmt}"), str(tmp_path / f"cli.{fmt}")
        ngd.write_graph(graph, ours, fmt)
        cli("graph", "-f", fmt, "-o", theirs, *corpus)
        if fmt == "csv":
            for name in ("nodes.csv", "relationships.csv"):
                assert filecmp.cmp(os.path.join(ours, name),
                                   os.path.join(theirs, name), shallow=False), name
        else:
            assert filecmp.cmp(ours, theirs, shallow=False), fmt
    graph.close()


@needs_dask
@needs_graph
@needs_bin
@needs_bench
def test_bench_slice_equals_cli(client, bench_slice):
    bag = ngd.read_jsonl(bench_slice, blocksize=16 * 1024)
    assert bag.npartitions > 4
    with ngd.extract_graph(bag) as graph:
        assert graph.node_count > 0
        assert graph.render("json") == cli("graph", "--jsonl", bench_slice)
    lines = ngd.extract_json(bag).compute()
    assert len(lines) == SLICE_LINES
    assert lines == cli("--jsonl", bench_slice).splitlines()


@needs_dask
def test_rules_compiled_once_per_worker(client, records):
    # A key of its own (an explicit rules path), many partitions of work.
    items = [{"id": f"{r['id']}#{k}", "text": r["text"]}
             for k in range(8) for r in records]
    bag = db.from_sequence(items, npartitions=16)
    before = stats(client)
    lines = ngd.extract_json(bag, rules=RULES).compute()
    after = stats(client)
    assert [json.loads(x)["doc"] for x in lines] == [i["id"] for i in items]
    loads = {w: after[w]["rule_loads"] - before[w]["rule_loads"] for w in after}
    parts = sum(after[w]["partitions"] - before[w]["partitions"] for w in after)
    docs = sum(after[w]["documents"] - before[w]["documents"] for w in after)
    assert parts == bag.npartitions > 2 and docs == len(items)
    assert all(n <= 1 for n in loads.values()) and 1 <= sum(loads.values()) <= 2
    # The same rules again: no worker compiles them again.
    ngd.extract_json(bag, rules=RULES).compute()
    again = stats(client)
    assert all(again[w]["rule_loads"] == after[w]["rule_loads"] for w in after)


@needs_dask
def test_items_without_ids_take_their_bag_index(client, extractor):
    texts = [SENTENCE, "😀 " + SENTENCE, "", "第二段。" + SENTENCE] * 3
    want = [d.to_json() for d in extractor.extract_many(texts)]
    assert ngd.extract_json(db.from_sequence(texts, npartitions=5)).compute() == want
    pairs = [(f"p{i}", t) for i, t in enumerate(texts)]
    want = [d.to_json() for d in extractor.extract_many(pairs)]
    assert ngd.extract_json(db.from_sequence(pairs, npartitions=4)).compute() == want


TRICKY = [
    '{"text": "昨日,星湖社区党委书记宋立平介绍。"}', "", "   \t",
    '{"id": 7, "text": "星湖社区党委书记宋立平"}', '{"id": 1.5, "text": "a"}',
    '{"id": 12345.0, "text": "b"}', '{"id": 1e20, "text": "c"}',
    '{"id": null, "text": "d"}', '{"id": true, "text": "e"}', "not json", "[1, 2]",
    '{"id": "x"}', '{"id": "y", "text": 3}', '{"id": "z", "text": "a\\u0000b 宋立平"}',
    '{"id": "s", "text": "\\ud800"}', '{"id": "s2", "text": "\\ud83d\\ude00 宋立平"}',
    '{"id": 99999999999999999999, "text": "x"}', '{"id": "n", "text": "x", "n": 1e400}',
    '{"id": NaN, "text": "x"}', '{"text": "crlf"}\r', '\ufeff{"id": "bom", "text": "x"}',
]


@needs_dask
@needs_bin
def test_jsonl_read_as_the_cli_reads_it(client, tmp_path):
    path = tmp_path / "tricky.jsonl"
    path.write_bytes("\n".join(TRICKY * 3).encode("utf-8")
                     + b'\n{"text": "\xff"}\n{"text": "tail"}')    # bad UTF-8; no final \n
    r = subprocess.run([BIN, "--jsonl", str(path)], capture_output=True, timeout=60)
    assert r.returncode == 1 and r.stderr          # broken lines are reported
    want = r.stdout.decode("utf-8").splitlines()
    for blocksize in (None, 48, 200):              # ids are line numbers across blocks
        bag = ngd.read_jsonl(str(path), blocksize=blocksize)
        assert ngd.extract_json(bag).compute() == want, blocksize
    with pytest.raises(ValueError, match=r"tricky\.jsonl:9: \"id\" is neither"):
        ngd.read_jsonl(str(path), blocksize=None, errors="raise").compute()
    # Blocks run in parallel: whichever broken line is met first.
    with pytest.raises(ValueError, match=r"tricky\.jsonl:\d+: "):
        ngd.read_jsonl(str(path), blocksize=48, errors="raise").compute()


@needs_dask
@needs_graph
@needs_bin
def test_shipped_rules(client, corpus, records, tmp_path):
    copy = tmp_path / "myrules"
    shutil.copytree(RULES, copy)
    shipped = ngd.ship_rules(client, copy)
    try:
        assert all(client.run(os.path.isdir, os.fspath(shipped)).values())
        bag = db.from_sequence(records, npartitions=2)
        with ngd.extract_graph(bag, rules=shipped) as graph:
            assert graph.render("json") == cli("graph", *corpus)
    finally:
        shutil.rmtree(os.fspath(shipped), ignore_errors=True)   # loopback: our /tmp


@needs_dask
def test_bad_rules_fail_on_the_client(client, records):
    with pytest.raises(TypeError, match="dask.bag.Bag"):
        ngd.extract_json(records)
    bag = db.from_sequence(records[:2], npartitions=1)
    with pytest.raises(newsgraph.NewsgraphError, match="no-such-rules") as ei:
        ngd.extract_graph(bag, rules="/no-such-rules")
    assert ei.value.code == newsgraph.Status.IO


@needs_dask
@needs_graph
@needs_bin
def test_without_distributed(monkeypatch, corpus, records):
    monkeypatch.setattr(ngd, "_default_client", lambda: None)
    with dask.config.set(scheduler="threads"):
        graph = ngd.extract_graph(db.from_sequence(records, npartitions=2))
    assert graph.render("json") == cli("graph", *corpus)
    graph.close()
