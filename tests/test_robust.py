#!/usr/bin/env python3
"""Hostile input through the newsgraph CLI: it never crashes, hangs or
loses a document (standard library only).

Run by ctest with NEWSGRAPH_BIN (the built CLI) and NEWSGRAPH_SOURCE set.
  - Each hostile document (empty, NULs, invalid UTF-8, 64 KB of seeded
    random bytes, 10 MB of Chinese on one line, 100,000 opening quotes,
    300,000 repetitions of 书记, punctuation only, many distinct names)
    gives exactly one output line whose offsets cut every entity out of
    the ORIGINAL bytes, and a warning where bytes were repaired.
  - Cost: every family runs at size N and 4N.  There are no timed
    asserts: subprocess timeouts of minutes only guard against hangs.
    The CPU time of each pair is printed; NG_ROBUST_TIMING=1 also asserts
    that 4N costs at most 8 times N (linear is 4, quadratic 16), for
    runs on a quiet machine.
  - A user pattern with catastrophic backtracking stops with a warning
    naming it, and the document is otherwise extracted as without it.
  - A broken rules file exits 2 naming FILE:LINE and the reason.
  - --jsonl: output lines plus reported errors equal the non-blank input
    lines, over a large generated file with many kinds of broken records.
Prints "N passed, N failed"; exits 1 if any test failed.
"""
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import unicodedata

from testlib import BIN, SOURCE, check, main, test

TIMING = os.environ.get("NG_ROBUST_TIMING") == "1"
HANG_GUARD = 900    # seconds: only a hang takes this long, even under ASan

S1 = "新华社北京11月21日电 国务院总理李强21日在人民大会堂会见了来华访问的法国总统马克龙。"
S2 = "广东省佛山市南海区桂城街道平东社区党委书记张碧波介绍，平东社区位于桂城。"


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(args, data=b"", env=None, timeout=HANG_GUARD):
    """Run the CLI; returns (process, CPU seconds it used)."""
    t0 = cpu_children()
    try:
        p = subprocess.run([BIN] + list(args), input=data, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"newsgraph {' '.join(args)[:100]} hung for {timeout} s")
    return p, cpu_children() - t0


def lines_of(out):
    return [json.loads(l) for l in out.decode("utf-8").splitlines() if l.strip()]


def norm(s):
    return "".join(c for c in unicodedata.normalize("NFKC", s) if not c.isspace())


def check_doc(d, raw, doc_id):
    """Shape of one output object; every offset checked against `raw`."""
    check(d.get("doc") == doc_id, f"doc is {d.get('doc')!r}, expected {doc_id!r}")
    text = raw.decode("utf-8", "replace")
    # byte offset of each code point of `text` (one U+FFFD per maximal
    # invalid subpart, as Python decodes it)
    starts, pos = [], 0
    for ch in text:
        starts.append(pos)
        if ch == "\ufffd" and raw[pos:pos + 3] != b"\xef\xbf\xbd":
            pos += bad_len(raw, pos)
        else:
            pos += len(ch.encode("utf-8"))
    starts.append(pos)
    check(pos == len(raw), "code point map does not cover the input")
    ids = set()
    for e in d["entities"]:
        check(e["type"] in ("PERSON", "POSITION", "ORG", "PLACE"), f"type {e['type']!r}")
        ids.add(e["id"])
        names = {norm(e["text"])} | {norm(a) for a in e.get("aliases", [])}
        check(e["mentions"], f"entity {e['text']!r} has no mention")
        for m in e["mentions"]:
            s, t = m["start"], m["end"]
            check(0 <= s < t <= len(text), f"mention {s}-{t} out of range")
            check(m["byte_start"] == starts[s] and m["byte_end"] == starts[t],
                  f"bytes {m['byte_start']}-{m['byte_end']} are not code points {s}-{t}")
            cut = text[s:t]
            check(norm(cut.replace("\x00", " ")) in names or "\ufffd" in cut,
                  f"{cut!r} at {s}-{t} is not {e['text']!r}")
    for r in d["relations"]:
        for k in ("person", "org", "position", "child", "parent"):
            if r.get(k) is not None:
                check(r[k] in ids, f"relation {r['id']} names unknown {r[k]}")


def bad_len(raw, pos):
    """Length of the maximal invalid subpart at raw[pos] (Unicode Table 3-7)."""
    b = raw[pos]
    if 0xC2 <= b <= 0xDF:
        need, lo, hi = 1, 0x80, 0xBF
    elif 0xE0 <= b <= 0xEF:
        need, lo, hi = 2, 0xA0 if b == 0xE0 else 0x80, 0x9F if b == 0xED else 0xBF
    elif 0xF0 <= b <= 0xF4:
        need, lo, hi = 3, 0x90 if b == 0xF0 else 0x80, 0x8F if b == 0xF4 else 0xBF
    else:
        return 1
    k = 1
    while k <= need and pos + k < len(raw):
        c = raw[pos + k]
        if not ((lo if k == 1 else 0x80) <= c <= (hi if k == 1 else 0xBF)):
            break
        k += 1
    return k


# ------------------------------------------------------------- inputs

def corpus_line():
    parts = []
    for name in sorted(os.listdir(os.path.join(SOURCE, "corpus"))):
        if name.endswith(".txt"):
            with open(os.path.join(SOURCE, "corpus", name), "rb") as f:
                parts.append(f.read().replace(b"\r", b"").replace(b"\n", b""))
    return b"".join(parts) or (S1 + S2).encode()


def repeat_to(unit, size):
    return unit * max(1, size // len(unit))


def distinct_names(size, seed):
    """Many different names, titles, villages and generic units."""
    rnd = random.Random(seed)
    sur = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    giv = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志"
    out, n = [], 0
    while n < size:
        a, b, c = rnd.choice(giv), rnd.choice(giv), rnd.choice(sur)
        piece = rnd.choice([
            f"{a}{b}村党支部书记{c}{a}{b}，",
            f"{c}{a}{b}、",
            f"{a}{b}社区、{b}{a}村等2个社区",
            f"社区党委书记{c}{b}，",
            f"区委书记{c}{a}介绍，",
            f"{a}{b}镇{b}{a}村",
        ]).encode()
        out.append(piece)
        n += len(piece)
    return b"".join(out)


def binary(size, seed=12345):
    return random.Random(seed).randbytes(size)


CORPUS = corpus_line()
MB = 1 << 20

# (family, input of size N, input of size 4N, expect a repair warning)
FAMILIES = [
    ("chinese_one_line", lambda k: repeat_to(CORPUS, k * 5 * MB // 2), False),
    ("opening_quotes", lambda k: "“".encode() * (25000 * k), False),
    ("title_word", lambda k: "书记".encode() * (75000 * k), False),
    ("punctuation", lambda k: repeat_to("，。、；：？！“”《》（）…—!?.,;:()\"'".encode(), 250000 * k), False),
    ("binary", lambda k: binary(16384 * k), True),
    ("distinct_names", lambda k: distinct_names(250000 * k, 7), False),
]


@test
def hostile_documents_one_line_each():
    docs = {
        "empty.txt": b"",
        "nul.txt": ("李强" + "\x00" + "在北京").encode() + b"\x00\x00" + S1.encode() + b"\x00" * 1000,
        "invalid.txt": "李强".encode() + b"\xff\xfe\xc3" + S1.encode() + b"\xe4\xb8" + S2.encode()
                       + b"\xed\xa0\x80\xf4\x90\x80\x80" + S2.encode(),
        "binary.bin": binary(65536),
        "quotes.txt": "“".encode() * 100000,
        "shuji.txt": "书记".encode() * 300000,
        "punct.txt": "，。、；：？！“”《》（）…—".encode() * 2000,
    }
    repaired = {"invalid.txt", "binary.bin"}
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, raw in docs.items():
            paths.append(os.path.join(tmp, name))
            with open(paths[-1], "wb") as f:
                f.write(raw)
        p, _ = run(["--warnings"] + paths)
        check(p.returncode == 0, f"exit {p.returncode}: {p.stderr[-500:]!r}")
        out = lines_of(p.stdout)
        check([d["doc"] for d in out] == list(docs), f"docs {[d['doc'] for d in out]}")
        err = p.stderr.decode("utf-8", "replace")
        for d in out:
            check_doc(d, docs[d["doc"]], d["doc"])
            warned = any("invalid UTF-8" in w for w in d.get("warnings", []))
            check(warned == (d["doc"] in repaired), f"{d['doc']}: warnings {d.get('warnings')!r:.200}")
            check((f"newsgraph: {d['doc']}: invalid UTF-8" in err) == (d["doc"] in repaired),
                  f"{d['doc']}: --warnings printed {err[:300]!r}")
        inv = next(d for d in out if d["doc"] == "invalid.txt")
        check(any("byte 6" in w for w in inv["warnings"]), f"first bad byte not named: {inv['warnings']}")
        # text around the bad bytes is still read
        after = [m for e in inv["entities"] for m in e["mentions"] if m["byte_start"] > 9]
        check(after, "nothing found after the invalid bytes")


@test
def size_n_and_4n_stay_linear():
    report = []
    with tempfile.TemporaryDirectory() as tmp:
        for family, make, warns in FAMILIES:
            cost = []
            for k in (1, 4):
                raw = make(k)
                path = os.path.join(tmp, f"{family}.{k}")
                with open(path, "wb") as f:
                    f.write(raw)
                p, cpu = run([path])
                check(p.returncode == 0, f"{family} x{k}: exit {p.returncode}: {p.stderr[-300:]!r}")
                out = lines_of(p.stdout)
                check(len(out) == 1, f"{family} x{k}: {len(out)} output lines")
                check_doc(out[0], raw, f"{family}.{k}")
                if warns:
                    check(out[0].get("warnings"), f"{family} x{k}: no warning")
                cost.append(cpu)
            ratio = cost[1] / max(cost[0], 0.05)
            report.append(f"{family}: N {cost[0]:.2f}s, 4N {cost[1]:.2f}s, x{ratio:.1f}")
            if TIMING:
                check(cost[1] <= 8 * cost[0] + 1.0,
                      f"{family}: 4N took {cost[1]:.2f}s, N {cost[0]:.2f}s: super-linear?")
    print("  cost (CPU, incl. loading the rules): " + "; ".join(report))


# -------------------------------------------------------------- rules

def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def without_warnings(out):
    docs = lines_of(out)
    for d in docs:
        d.pop("warnings", None)
    return docs


@test
def hostile_user_pattern_stops_with_warning():
    raw = (S2 + "a" * 5000 + "b" + S1).encode()
    base, _ = run([], data=raw)
    check(base.returncode == 0, f"exit {base.returncode}")
    with tempfile.TemporaryDirectory() as tmp:
        write(os.path.join(tmp, "patterns.txt"), "evil\t(?<PERSON>(?:a|a)+$)\n")
        p, _ = run(["--rules", tmp, "--warnings"], data=raw, timeout=300)
        check(p.returncode == 0, f"exit {p.returncode}: {p.stderr!r}")
        err = p.stderr.decode("utf-8", "replace")
        check(re.search(r"newsgraph: stdin: rule evil \(\S*patterns\.txt:1\)", err),
              f"no warning naming the rule: {err!r}")
        check(without_warnings(p.stdout) == without_warnings(base.stdout),
              "the rest of the document is not extracted as without the rule")


@test
def broken_rules_file_exits_2_with_file_line():
    cases = [
        ("patterns.txt", "ok\t(?<PERSON>{NAME})\nbad\t(?<PERSON>[\n", "patterns.txt:2"),
        ("patterns.txt", "x\t(?<PERSON>{NOSUCH})\n", "patterns.txt:1"),
        ("patterns.txt", "# only a name\nlonely\n", "patterns.txt:2"),
        ("title.txt", b"\xe4\xb9\xa6\xe8\xae\xb0\n\xff\xfe\n", "title.txt:2"),
        ("title.txt", "书记\n" + "长" * 300 + "\n", "title.txt:2"),
        ("org_suffix.txt", "# x\n公司\t!!\n", "org_suffix.txt:2"),
        ("title.txt", b"a\n\x00\n", "title.txt"),
        ("no_such_kind.txt", "x\n", "no_such_kind.txt"),
    ]
    for name, content, where in cases:
        with tempfile.TemporaryDirectory() as tmp:
            write(os.path.join(tmp, name), content)
            for args in (["--rules", tmp], ["--no-default-rules", "--rules", tmp]):
                p, _ = run(args, data=S1.encode())
                err = p.stderr.decode("utf-8", "replace")
                check(p.returncode == 2, f"{name} {content!r:.40}: exit {p.returncode}")
                check(where in err, f"{name}: stderr does not name {where}: {err!r}")
                check(len(err.strip()) > len(where) + 12, f"{name}: no reason given: {err!r}")
                check(p.stdout == b"", f"{name}: wrote output")
    # NEWSGRAPH_RULES naming a file, not a directory
    with tempfile.TemporaryDirectory() as tmp:
        f = os.path.join(tmp, "title.txt")
        write(f, "书记\n")
        p, _ = run([], data=S1.encode(), env=dict(os.environ, NEWSGRAPH_RULES=f))
        check(p.returncode == 2 and f.encode() in p.stderr,
              f"rules dir that is a file: exit {p.returncode}: {p.stderr!r}")


# -------------------------------------------------------------- jsonl

GOOD = [
    lambda i, r: json.dumps({"id": f"g{i}", "text": r.choice([S1, S2, S1 + S2, ""])}, ensure_ascii=False).encode(),
    lambda i, r: json.dumps({"id": f"g{i}", "text": "李强\u0000在北京。" + S2}).encode(),
    lambda i, r: b"   " + json.dumps({"text": S1, "id": f"g{i}"}).encode() + b"\r",
    lambda i, r: json.dumps({"id": f"g{i}", "text": S2 * r.randint(1, 400), "x": [1, {"y": None}]},
                            ensure_ascii=False).encode(),
    lambda i, r: ('{"text": "\\u674e\\u5f3a\\n\\t\\"q\\"", "id": "g%d"}' % i).encode(),
]
BROKEN = [
    b"{not json", b"[1, 2]", b'"just a string"', b"42", b"null", b"true",
    b'{"id": "x"}', b'{"text": 5}', b'{"text": null}', b'{"text": ["a"]}',
    b'{"text": {"a": 1}}', b'{"text": true}', b'{"id": [1], "text": "a"}',
    b'{"id": {}, "text": "a"}', b'{"id": true, "text": "a"}',
    b'{"text": "a"} trailing', b'{"text": "a"}{"text": "b"}',
    b'{"text": "\xff\xfe"}', b'{"text": "a\xc3"}', b'{"text": "\\ud800"}',
    b'{"text": "a\x00b"}', b'\x00', b'{"text": "tab\there"}',
    b'\xef\xbb\xbf{"text": "a"}', b'{"text": "a",}', b"{'text': 'a'}",
    b'{"text": "a"', b'{"text": NaN}', b'{"text": "' + "长".encode() * 50000,
    b'{"text": "\\x41"}', b"\x1b[31m", b"{" * 5000,
]
BLANK = [b"", b"   ", b"\t", b" \t ", b"\r"]


def jsonl_file(n, seed):
    """(bytes, good ids in order, broken line numbers, non-blank count)"""
    rnd = random.Random(seed)
    lines, good, broken = [], [], []
    for i in range(n):
        kind = rnd.random()
        if kind < 0.5:
            lines.append(rnd.choice(GOOD)(i, rnd))
            good.append(f"g{i}")
        elif kind < 0.85:
            lines.append(rnd.choice(BROKEN))
            broken.append(i + 1)
        else:
            lines.append(rnd.choice(BLANK))
    return b"\n".join(lines) + b"\n", good, broken, len(good) + len(broken)


def error_lines(stderr, name):
    pat = re.compile(r"^newsgraph: %s:(\d+): \S" % re.escape(name))
    return [int(m.group(1)) for m in map(pat.match, stderr.decode("utf-8", "replace").splitlines()) if m]


@test
def jsonl_never_drops_a_record():
    data, good, broken, nonblank = jsonl_file(4000, 11)
    check(len(good) > 1000 and len(broken) > 1000, "generator too one-sided")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "mixed.jsonl")
        write(path, data)
        runs = [(["--jsonl", path], b"", path), (["-j", "3", "--jsonl", path], b"", path),
                (["--jsonl", "-"], data, "stdin")]
        for args, stdin, name in runs:
            p, _ = run(args, data=stdin)
            check(p.returncode == 1, f"{args}: exit {p.returncode}")
            out = lines_of(p.stdout)
            errs = error_lines(p.stderr, name)
            check(len(out) + len(errs) == nonblank,
                  f"{args}: {len(out)} documents + {len(errs)} errors != {nonblank} records")
            check([d["doc"] for d in out] == good, f"{args}: documents out of order or lost")
            check(errs == broken, f"{args}: errors on lines {errs[:10]}..., expected {broken[:10]}...")
            for d in out[:50]:
                check(isinstance(d.get("entities"), list), "output is not a document")
        # two files: each keeps its own line numbers
        path2 = os.path.join(tmp, "second.jsonl")
        data2, good2, broken2, nonblank2 = jsonl_file(500, 12)
        write(path2, data2)
        p, _ = run(["--jsonl", path, "--jsonl", path2])
        out = lines_of(p.stdout)
        check([d["doc"] for d in out] == good + good2, "two files: documents lost")
        check(error_lines(p.stderr, path) == broken and error_lines(p.stderr, path2) == broken2,
              "two files: errors not reported per file and line")
        check(len(out) + len(error_lines(p.stderr, path)) + len(error_lines(p.stderr, path2))
              == nonblank + nonblank2, "two files: count")


@test
def jsonl_large_record_and_no_final_newline():
    big = CORPUS.decode("utf-8", "replace") * 8
    data = (json.dumps({"id": "big", "text": big}, ensure_ascii=False) + "\n"
            + json.dumps({"id": "last", "text": S1}, ensure_ascii=False)).encode()
    p, _ = run(["--jsonl", "-"], data=data)
    check(p.returncode == 0, f"exit {p.returncode}: {p.stderr[-300:]!r}")
    out = lines_of(p.stdout)
    check([d["doc"] for d in out] == ["big", "last"], f"docs {[d['doc'] for d in out]}")
    check_doc(out[0], big.encode(), "big")


if __name__ == "__main__":
    sys.exit(main())
