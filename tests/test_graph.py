#!/usr/bin/env python3
"""Tests of `newsgraph graph` (the corpus graph) over corpus/*.txt.

Run by ctest with NEWSGRAPH_BIN, NEWSGRAPH_SOURCE and NEWSGRAPH_BUILD set.
Extraction keeps improving, so nothing here names an entity: the expected
graph is computed from the per-document output of the main command with
an independent reading of the merge rules (README.md, "Corpus graph"),
and every format is read back by the tool it is meant for (json, networkx
for GraphML, Graphviz for DOT, the csv module and neo4j-admin's header
rules for CSV).  Prints "N passed, N failed"; exits 1 if any test failed.
"""
import csv
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from testlib import BIN, SOURCE, check, main, run, test

CORPUS = sorted(glob.glob(os.path.join(SOURCE, "corpus", "*.txt")))

NODE_HEADER = ["id:ID", ":LABEL", "name", "aliases:string[]", "docs:string[]",
               "mentions:int"]
EDGE_HEADER = [":START_ID", ":END_ID", ":TYPE", "id", "position", "status",
               "docs:string[]", "evidence:string[]", "weight:int"]


def ok(args, data=b""):
    p = run(args, data)
    check(p.returncode == 0,
          f"newsgraph {' '.join(args)[:200]}: exit {p.returncode}: "
          f"{p.stderr.decode(errors='replace')[:500]}")
    return p.stdout


_cache = {}


def per_doc():
    """The main command's output for the corpus, one object per document."""
    if "docs" not in _cache:
        out = ok(CORPUS)
        _cache["docs"] = [json.loads(l) for l in out.decode().splitlines() if l]
    return _cache["docs"]


def graph_json(args=None):
    key = ("json",) + tuple(args or CORPUS)
    if key not in _cache:
        _cache[key] = json.loads(ok(["graph"] + list(args or CORPUS)))
    return _cache[key]


# ---------------------------------------------------------------------
# The merge rules, read independently from README.md


def expected_graph(docs):
    """(nodes, edges) as the README's rules give them, in first-seen order."""
    up = {}

    def find(x):
        while up[x] != x:
            up[x] = up[up[x]]
            x = up[x]
        return x

    def union(a, b):
        a, b = find(a), find(b)
        if a != b:
            up[max(a, b)] = min(a, b)

    ents = {}            # (doc index, entity id) -> entity
    order = []           # keys in document and entity order
    for di, d in enumerate(docs):
        for e in d["entities"]:
            k = (di, e["id"])
            ents[k] = e
            order.append(k)
    # union-find over positions in `order`
    rank = {k: i for i, k in enumerate(order)}
    up = {rank[k]: rank[k] for k in order}
    E = lambda di, eid: rank[(di, eid)]  # noqa: E731

    def hp_target(di, r):
        if r.get("org"):
            return r["org"], ("org", ents[(di, r["org"])]["text"])
        if r.get("position"):
            return r["position"], ("pos", ents[(di, r["position"])]["text"])
        return None, None

    related = set()
    first_unit = {}
    for di, d in enumerate(docs):
        for r in d["relations"]:
            if r["type"] != "holds_position" or not r.get("person"):
                continue
            target, unit = hp_target(di, r)
            p = ents[(di, r["person"])]
            if target is None or p["type"] != "PERSON":
                continue
            i = E(di, r["person"])
            related.add(i)
            key = (p["text"],) + unit
            if key in first_unit:
                union(first_unit[key], i)
            else:
                first_unit[key] = i
    persons = [rank[k] for k in order if ents[k]["type"] == "PERSON"]
    name = {rank[k]: ents[k]["text"] for k in order}
    first_lone = {}
    for i in persons:
        if i not in related:
            n = name[i]
            if n in first_lone:
                union(first_lone[n], i)
            else:
                first_lone[n] = i
    roots = {}
    for i in persons:
        if i in related:
            roots.setdefault(name[i], set()).add(find(i))
    for i in persons:
        if i not in related and len(roots.get(name[i], ())) == 1:
            union(next(iter(roots[name[i]])), i)

    nodes, node_of, key_node = [], {}, {}
    for k in order:
        e, i = ents[k], rank[k]
        nkey = ("P", find(i)) if e["type"] == "PERSON" else (e["type"], e["text"])
        if nkey not in key_node:
            key_node[nkey] = len(nodes)
            nodes.append({"id": f"n{len(nodes)}", "type": e["type"],
                          "name": e["text"], "aliases": [], "docs": [],
                          "mentions": 0})
        nd = nodes[key_node[nkey]]
        node_of[k] = key_node[nkey]
        doc = docs[k[0]]["doc"]
        if doc not in nd["docs"]:
            nd["docs"].append(doc)
        nd["mentions"] += len(e.get("mentions", []))
        for a in e.get("aliases", []):
            if a != nd["name"] and a not in nd["aliases"]:
                nd["aliases"].append(a)

    edges, key_edge = [], {}
    for di, d in enumerate(docs):
        for r in d["relations"]:
            if r["type"] == "holds_position":
                target, _ = hp_target(di, r)
                if not r.get("person") or target is None:
                    continue
                src, dst = node_of[(di, r["person"])], node_of[(di, target)]
                pos = ents[(di, r["position"])]["text"] if r.get("position") else None
                status = r.get("status", "current")
            else:
                if not r.get("child") or not r.get("parent"):
                    continue
                src, dst = node_of[(di, r["child"])], node_of[(di, r["parent"])]
                pos = status = None
            ekey = (r["type"], src, dst, pos, status)
            if ekey not in key_edge:
                key_edge[ekey] = len(edges)
                e = {"id": f"e{len(edges)}", "type": r["type"],
                     "source": f"n{src}", "target": f"n{dst}", "docs": [],
                     "evidence": []}
                if r["type"] == "holds_position":
                    e["position"] = pos
                    e["status"] = status
                edges.append(e)
            e = edges[key_edge[ekey]]
            if d["doc"] not in e["docs"]:
                e["docs"].append(d["doc"])
            ev = dict(r["evidence"], doc=d["doc"], rule=r["rule"])
            if r.get("resolved"):
                ev["resolved"] = True
            e["evidence"].append(ev)
    return nodes, edges


# ---------------------------------------------------------------------
# JSON


@test
def json_matches_the_merge_rules():
    g = graph_json()
    check(set(g) == {"nodes", "edges"}, f"top-level keys {sorted(g)}")
    nodes, edges = expected_graph(per_doc())
    check(len(g["nodes"]) == len(nodes),
          f"{len(g['nodes'])} nodes, the rules give {len(nodes)}")
    check(len(g["edges"]) == len(edges),
          f"{len(g['edges'])} edges, the rules give {len(edges)}")
    for got, want in zip(g["nodes"], nodes):
        check(got == want, f"node {got!r:.300}\n  expected {want!r:.300}")
    for got, want in zip(g["edges"], edges):
        check(got == want, f"edge {got!r:.300}\n  expected {want!r:.300}")


@test
def json_is_well_formed():
    g = graph_json()
    ids = [n["id"] for n in g["nodes"]]
    check(ids == [f"n{i}" for i in range(len(ids))], "node ids are not n0, n1, ...")
    check([e["id"] for e in g["edges"]] == [f"e{i}" for i in range(len(g["edges"]))],
          "edge ids are not e0, e1, ...")
    byid = {n["id"]: n for n in g["nodes"]}
    names = {d["doc"] for d in per_doc()}
    for n in g["nodes"]:
        check(n["type"] in ("PERSON", "POSITION", "ORG", "PLACE"), f"type {n!r}")
        check(n["docs"] and set(n["docs"]) <= names, f"docs of {n!r:.200}")
        check(len(set(n["docs"])) == len(n["docs"]), f"repeated docs {n!r:.200}")
        check(n["name"] not in n["aliases"], f"name among aliases {n!r:.200}")
        check(isinstance(n["mentions"], int) and n["mentions"] >= 1, f"{n!r:.200}")
    for e in g["edges"]:
        check(e["source"] in byid and e["target"] in byid, f"dangling {e!r:.200}")
        check(e["type"] in ("holds_position", "located_in"), f"{e!r:.200}")
        check({ev["doc"] for ev in e["evidence"]} == set(e["docs"]),
              f"evidence and docs disagree in {e!r:.300}")
        if e["type"] == "holds_position":
            check(byid[e["source"]]["type"] == "PERSON", f"source of {e!r:.200}")
            check(e["status"] in ("current", "former"), f"{e!r:.200}")
        for ev in e["evidence"]:
            check(0 <= ev["start"] <= ev["end"] and
                  0 <= ev["byte_start"] <= ev["byte_end"], f"evidence {ev!r}")


@test
def persons_of_one_name_merge_as_the_rule_says():
    """Today's extraction: each name is as many nodes as the rule gives
    groups, and a name whose every mention shares a unit is one node."""
    docs = per_doc()
    g = graph_json()
    got = {}
    for n in g["nodes"]:
        if n["type"] == "PERSON":
            got[n["name"]] = got.get(n["name"], 0) + 1
    nodes, _ = expected_graph(docs)
    want = {}
    for n in nodes:
        if n["type"] == "PERSON":
            want[n["name"]] = want.get(n["name"], 0) + 1
    check(got == want, f"persons per name differ: "
          f"{ {k: (got.get(k), want.get(k)) for k in set(got) | set(want) if got.get(k) != want.get(k)} }")
    # The plain cases, computed from the documents alone: a name in several
    # documents whose relations all share one unit is exactly one node.
    units = {}
    for d in docs:
        ents = {e["id"]: e for e in d["entities"]}
        for e in d["entities"]:
            if e["type"] == "PERSON":
                units.setdefault(e["text"], []).append(set())
        for r in d["relations"]:
            if r["type"] == "holds_position" and r.get("person") and r.get("org"):
                units[ents[r["person"]]["text"]][-1].add(ents[r["org"]]["text"])
    multi = 0
    for name, sets in units.items():
        if len(sets) > 1 and all(sets) and set.intersection(*sets):
            multi += 1
            check(got.get(name) == 1, f"{name} should be one node, is {got.get(name)}")
    print(f"     {multi} person name(s) in several stories merged by a shared unit")


@test
def from_json_gives_the_same_graph():
    out = ok(CORPUS)
    for fmt in ("json", "graphml", "dot"):
        a = ok(["graph", "-f", fmt] + CORPUS)
        b = ok(["graph", "-f", fmt, "--from-json", "-"], out)
        check(a == b, f"{fmt}: --from-json differs from extracting")


@test
def deterministic_and_order_independent_merging():
    a = ok(["graph"] + CORPUS)
    b = ok(["graph"] + CORPUS)
    check(a == b, "two runs differ")
    rev = json.loads(ok(["graph"] + CORPUS[::-1]))
    g = graph_json()
    part = lambda gr: sorted((n["type"], n["name"], tuple(sorted(n["docs"])))  # noqa: E731
                             for n in gr["nodes"])
    check(part(rev) == part(g), "another document order gives other nodes")
    check(len(rev["edges"]) == len(g["edges"]), "another order gives other edges")


@test
def jsonl_input_and_ids():
    recs = [{"id": "a-1", "text": "平东社区党委书记罗锦华介绍。"},
            {"id": 7, "text": "平东社区党委书记罗锦华说。"},
            {"text": "桂城平东社区。"}]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs).encode()
    g = json.loads(ok(["graph", "--jsonl", "-"], data))
    docs = set()
    for n in g["nodes"]:
        docs.update(n["docs"])
    check(docs <= {"a-1", "7", "2"} and "a-1" in docs, f"document ids {docs}")
    per = [json.loads(l) for l in ok(["--jsonl", "-"], data).decode().splitlines()]
    nodes, edges = expected_graph(per)
    check(len(g["nodes"]) == len(nodes) and len(g["edges"]) == len(edges),
          "--jsonl graph does not follow the rules")


# ---------------------------------------------------------------------
# GraphML, DOT, CSV


@test
def graphml_reads_back_in_networkx():
    import networkx as nx
    tmp = tempfile.mkdtemp()
    try:
        path = os.path.join(tmp, "g.graphml")
        ok(["graph", "--format", "graphml", "-o", path] + CORPUS)
        G = nx.read_graphml(path)
        g = graph_json()
        check(G.is_directed(), "GraphML graph is not directed")
        check(G.number_of_nodes() == len(g["nodes"]),
              f"networkx: {G.number_of_nodes()} nodes, JSON {len(g['nodes'])}")
        check(G.number_of_edges() == len(g["edges"]),
              f"networkx: {G.number_of_edges()} edges, JSON {len(g['edges'])}")
        for n in g["nodes"]:
            a = G.nodes[n["id"]]
            check(a["name"] == n["name"] and a["type"] == n["type"] and
                  a["label"] == n["name"] and a["mentions"] == n["mentions"],
                  f"node {n['id']}: {a!r} vs {n!r:.200}")
            check(a["docs"].split(";") == n["docs"], f"docs of {n['id']}")
        for e in g["edges"]:
            found = [d for d in G.get_edge_data(e["source"], e["target"]).values()
                     if d.get("type") == e["type"]
                     and d.get("position") == e.get("position")
                     and d.get("status") == e.get("status")] \
                if G.is_multigraph() else [G.get_edge_data(e["source"], e["target"])]
            check(len(found) == 1, f"edge {e['id']} not found once in GraphML")
            check(found[0]["weight"] == len(e["evidence"]), f"weight of {e['id']}")
    finally:
        shutil.rmtree(tmp)


@test
def dot_renders_with_graphviz():
    dot = ok(["graph", "-f", "dot"] + CORPUS)
    g = graph_json()
    text = dot.decode()
    check(len(re.findall(r"^  n\d+ \[", text, re.M)) == len(g["nodes"]),
          "DOT node statements")
    check(len(re.findall(r"^  n\d+ -> n\d+ \[", text, re.M)) == len(g["edges"]),
          "DOT edge statements")
    if not shutil.which("dot"):
        raise AssertionError("Graphviz 'dot' not installed (scripts/deps.sh)")
    p = subprocess.run(["dot", "-Tsvg"], input=dot, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=600)
    check(p.returncode == 0, f"dot -Tsvg: exit {p.returncode}: {p.stderr[:500]!r}")
    check(b"<svg" in p.stdout, "dot -Tsvg gave no <svg")
    check(b"Error" not in p.stderr, f"dot -Tsvg: {p.stderr[:500]!r}")


@test
def csv_is_neo4j_admin_import_form():
    tmp = tempfile.mkdtemp()
    try:
        out = os.path.join(tmp, "neo4j")   # made by the command
        ok(["graph", "-f", "csv", "-o", out] + CORPUS)
        with open(os.path.join(out, "nodes.csv"), newline="", encoding="utf-8") as f:
            nrows = list(csv.reader(f))
        with open(os.path.join(out, "relationships.csv"), newline="",
                  encoding="utf-8") as f:
            erows = list(csv.reader(f))
        check(nrows[0] == NODE_HEADER, f"nodes.csv header {nrows[0]}")
        check(erows[0] == EDGE_HEADER, f"relationships.csv header {erows[0]}")
        g = graph_json()
        check(len(nrows) - 1 == len(g["nodes"]), "nodes.csv row count")
        check(len(erows) - 1 == len(g["edges"]), "relationships.csv row count")
        ids = set()
        for row, n in zip(nrows[1:], g["nodes"]):
            check(len(row) == len(NODE_HEADER), f"node row {row}")
            check(row[0] == n["id"] and row[1] == n["type"] and row[2] == n["name"],
                  f"node row {row} vs {n!r:.200}")
            check(row[4].split(";") == n["docs"], f"docs {row[4]!r}")
            check((row[3].split(";") if row[3] else []) == n["aliases"],
                  f"aliases {row[3]!r}")
            check(int(row[5]) == n["mentions"], "mentions")
            ids.add(row[0])
        for row, e in zip(erows[1:], g["edges"]):
            check(len(row) == len(EDGE_HEADER), f"edge row {row}")
            check(row[0] in ids and row[1] in ids, f"dangling {row}")
            check(row[0] == e["source"] and row[1] == e["target"] and row[3] == e["id"],
                  f"edge row {row} vs {e!r:.200}")
            check(row[2] == e["type"].upper(), f":TYPE {row[2]}")
            check(row[4] == (e.get("position") or "") and
                  row[5] == e.get("status", ""), f"properties {row}")
            check(row[6].split(";") == e["docs"], "edge docs")
            check(len(row[7].split(";")) == len(e["evidence"]) == int(row[8]),
                  "evidence")
    finally:
        shutil.rmtree(tmp)


# ---------------------------------------------------------------------
# Command line


@test
def usage_and_exit_codes():
    check(run(["graph", "--help"]).returncode == 0, "--help")
    check(b"--format" in run(["graph", "--help"]).stdout, "--help text")
    for args in (["graph", "-f", "xml"], ["graph", "-f", "csv"] + CORPUS[:1],
                 ["graph", "--bogus"], ["graph", "--no-default-rules"],
                 ["graph", "--rules", "/nonexistent/rules"] + CORPUS[:1],
                 ["graph", "--jsonl", "-", CORPUS[0]]):
        p = run(args)
        check(p.returncode == 2, f"{args}: exit {p.returncode}, expected 2")
        check(p.stderr, f"{args}: no message")
    # Input problems: 1, and the rest of the graph is still written.
    p = run(["graph", "/nonexistent/file.txt"] + CORPUS[:1])
    check(p.returncode == 1, f"missing file: exit {p.returncode}")
    check(json.loads(p.stdout)["nodes"], "no graph written after a bad input")
    good = json.dumps(per_doc()[0], ensure_ascii=False).encode()
    p = run(["graph", "--from-json", "-"], b"not json\n\n" + good + b"\n{}\n")
    check(p.returncode == 1, f"broken --from-json line: exit {p.returncode}")
    check(b"stdin:1:" in p.stderr and b"stdin:4:" in p.stderr, p.stderr)
    check(json.loads(p.stdout)["nodes"], "good line not merged")
    # --from-json needs no rules at all.
    env = dict(os.environ, NEWSGRAPH_RULES="/nonexistent/rules")
    p = subprocess.run([BIN, "graph", "--from-json", "-"], input=good,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                       timeout=300)
    check(p.returncode == 0, f"--from-json without rules: {p.stderr!r}")


if __name__ == "__main__":
    sys.exit(main())
