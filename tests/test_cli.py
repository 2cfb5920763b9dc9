#!/usr/bin/env python3
"""Tests of the newsgraph command-line tool (standard library only).

Run by ctest with NEWSGRAPH_BIN (the built CLI), NEWSGRAPH_SOURCE,
NEWSGRAPH_BUILD and NEWSGRAPH_LIBRARY set.  The extraction rules keep
changing, so these check the shape of the output and that every offset
cuts its entity out of the ORIGINAL input, never which entities are found.
Prints "N passed, N failed"; exits 1 if any test failed.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

from testlib import BIN, BUILD, SOURCE, check, main, run, test

SENTENCE = "新华社北京11月21日电 国务院总理李强21日在人民大会堂会见了来华访问的法国总统马克龙。"
SENTENCE2 = "广东省佛山市南海区桂城街道平东社区党委书记张碧波介绍，平东社区位于桂城。"


def env_without_rules():
    env = dict(os.environ)
    env.pop("NEWSGRAPH_RULES", None)
    return env


def norm(s):
    return "".join(c for c in unicodedata.normalize("NFKC", s) if not c.isspace())


def check_doc(d, raw, doc_id=None):
    """Shape of one output object, offsets checked against `raw` bytes."""
    check(isinstance(d, dict), f"output is not an object: {d!r:.200}")
    if doc_id is not None:
        check(d.get("doc") == doc_id, f"doc is {d.get('doc')!r}, expected {doc_id!r}")
    for k in ("entities", "relations"):
        check(isinstance(d.get(k), list), f"no '{k}' array in {d!r:.200}")
    if "warnings" in d:
        check(isinstance(d["warnings"], list), "warnings is not an array")
    text = raw.decode("utf-8", "replace")
    ids = set()
    for e in d["entities"]:
        check(e.get("type") in ("PERSON", "POSITION", "ORG", "PLACE"),
              f"entity type {e.get('type')!r}")
        check(isinstance(e.get("text"), str) and e["text"], f"entity text {e!r:.200}")
        ids.add(e.get("id"))
        names = {norm(e["text"])} | {norm(a) for a in e.get("aliases", [])}
        check(e.get("mentions"), f"entity {e['text']!r} has no mention")
        for m in e["mentions"]:
            s, t = m["start"], m["end"]
            check(0 <= s < t <= len(text), f"mention {s}-{t} out of range")
            cut = text[s:t]
            check(norm(cut) in names,
                  f"mention {s}-{t} cuts {cut!r}, entity is {e['text']!r}")
            bs, be = m["byte_start"], m["byte_end"]
            check(0 <= bs < be <= len(raw), f"byte span {bs}-{be} out of range")
            bcut = raw[bs:be].decode("utf-8", "replace")
            check(bcut == cut, f"byte span {bs}-{be} cuts {bcut!r}, code points cut {cut!r}")
    for r in d["relations"]:
        check(r.get("type") in ("holds_position", "located_in"), f"relation type {r!r:.200}")
        for k in ("person", "org", "position", "child", "parent"):
            v = r.get(k)
            check(v is None or v in ids, f"relation names unknown entity {v!r}")
        ev = r.get("evidence")
        if ev is not None:
            check(0 <= ev["start"] <= ev["end"] <= len(text), f"evidence {ev!r} out of range")


def lines_of(out):
    text = out.decode("utf-8")
    check(text == "" or text.endswith("\n"), "output does not end with a newline")
    return [json.loads(l) for l in text.splitlines()]


# ---------------------------------------------------------------- usage

@test
def help_lists_options_and_exit_codes():
    p = run(["--help"])
    check(p.returncode == 0, f"--help exited {p.returncode}")
    out = p.stdout.decode()
    for opt in ("--rules", "--no-default-rules", "--jsonl", "-o", "--pretty",
                "--warnings", "--threads", "-j", "--help", "--version"):
        check(opt in out, f"--help does not mention {opt}")
    check(re.search(r"(?i)exit", out), "--help does not give exit codes")
    for code in ("0", "1", "2"):
        check(re.search(r"^\s*%s\s" % code, out, re.M), f"--help does not explain exit {code}")


@test
def version():
    p = run(["--version"])
    check(p.returncode == 0, f"--version exited {p.returncode}")
    check(re.fullmatch(r"newsgraph 0\.1\.0 \(library \S+\)\n", p.stdout.decode()),
          f"--version printed {p.stdout!r}")


@test
def bad_usage_exits_2():
    for args in (["--no-such-option"], ["-Z"], ["--threads"], ["-j", "x"],
                 ["-j", "-3"], ["--no-default-rules"],
                 ["--jsonl", "-", "file.txt"]):
        p = run(args)
        check(p.returncode == 2, f"{args}: exit {p.returncode}, expected 2")
        check(p.stderr.strip(), f"{args}: no message on stderr")
        check(p.stdout == b"", f"{args}: wrote to stdout")


@test
def missing_rules_dir_exits_2():
    missing = os.path.join(tempfile.gettempdir(), "newsgraph-no-such-rules-dir")
    p = run(["--rules", missing], data=SENTENCE.encode())
    check(p.returncode == 2, f"exit {p.returncode}")
    check(missing.encode() in p.stderr, f"message does not name the dir: {p.stderr!r}")
    env = dict(os.environ, NEWSGRAPH_RULES=missing)
    p = run([], data=SENTENCE.encode(), env=env)
    check(p.returncode == 2, f"NEWSGRAPH_RULES missing: exit {p.returncode}")
    check(p.stderr.strip(), "NEWSGRAPH_RULES missing: no message")


@test
def rules_options_load():
    rules = os.path.join(SOURCE, "rules")
    for args in (["--rules", rules], ["--no-default-rules", "--rules", rules]):
        p = run(args, data=SENTENCE.encode())
        check(p.returncode == 0, f"{args}: exit {p.returncode}: {p.stderr!r}")
        check_doc(lines_of(p.stdout)[0], SENTENCE.encode(), "stdin")


@test
def user_rules_dir_overrides():
    # A user lexicon entry wins over the base pack (newsgraph.h).
    name = "甲乙丙丁戊己"
    raw = f"昨天{name}在北京开会。".encode()
    with tempfile.TemporaryDirectory() as tmp:
        user = os.path.join(tmp, "user")
        empty = os.path.join(tmp, "empty")
        os.mkdir(user)
        os.mkdir(empty)
        open(os.path.join(user, "org.txt"), "w", encoding="utf-8").write(name + "\n")
        for args in (["--rules", user], ["--no-default-rules", "--rules", user],
                     ["--rules", empty, "--rules", user]):
            p = run(args, data=raw)
            check(p.returncode == 0, f"{args}: exit {p.returncode}: {p.stderr!r}")
            d = lines_of(p.stdout)[0]
            check_doc(d, raw, "stdin")
            check(any(e["type"] == "ORG" and e["text"] == name for e in d["entities"]),
                  f"{args}: user ORG {name} not found in {d['entities']!r:.300}")


@test
def graph_subcommand_dispatches():
    p = run(["graph", "--help"])
    check(p.returncode in (0, 2), f"graph exited {p.returncode}")


# ---------------------------------------------------------------- files

@test
def file_argument():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "a.txt")
        raw = (SENTENCE + "\n" + SENTENCE2 + "\n").encode()
        open(path, "wb").write(raw)
        p = run([path], env=env_without_rules(), cwd=tmp)
        check(p.returncode == 0, f"exit {p.returncode}: {p.stderr!r}")
        docs = lines_of(p.stdout)
        check(len(docs) == 1, f"{len(docs)} lines")
        check_doc(docs[0], raw, "a.txt")


@test
def file_name_not_utf8():
    # the id comes from the file name; bytes that are not UTF-8 become
    # U+FFFD so that the line is still JSON
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp.encode(), b"bad\xffname.txt")
        open(path, "wb").write(SENTENCE.encode())
        p = run([path], env=env_without_rules(), cwd=tmp)
        check(p.returncode == 0, f"exit {p.returncode}: {p.stderr!r}")
        doc = json.loads(p.stdout.decode("utf-8"))
        check(doc["doc"] == "bad\ufffdname.txt", f"doc id {doc['doc']!r}")


@test
def stdin_document():
    raw = SENTENCE.encode()
    for args in ([], ["-"]):
        p = run(args, data=raw)
        check(p.returncode == 0, f"{args}: exit {p.returncode}: {p.stderr!r}")
        docs = lines_of(p.stdout)
        check(len(docs) == 1, f"{args}: {len(docs)} lines")
        check_doc(docs[0], raw, "stdin")


@test
def files_in_order_and_unreadable_file():
    with tempfile.TemporaryDirectory() as tmp:
        names = ["one.txt", "two.txt", "missing.txt", "three.txt"]
        texts = {"one.txt": SENTENCE, "two.txt": SENTENCE2, "three.txt": "李强。"}
        for n, t in texts.items():
            open(os.path.join(tmp, n), "wb").write(t.encode())
        p = run([os.path.join(tmp, n) for n in names] + [tmp])
        check(p.returncode == 1, f"exit {p.returncode}, expected 1")
        check(b"missing.txt" in p.stderr, f"stderr does not name the file: {p.stderr!r}")
        docs = lines_of(p.stdout)
        check([d["doc"] for d in docs] == ["one.txt", "two.txt", "three.txt"],
              f"docs {[d.get('doc') for d in docs]}")
        for d in docs:
            check_doc(d, texts[d["doc"]].encode())


@test
def nul_bytes_and_invalid_utf8():
    raw = ("李强" + "\x00" + "在北京").encode() + b"\xff\xfe\xc3" + SENTENCE.encode() \
        + b"\x00\x00" + b"\xe4\xb8" + SENTENCE2.encode()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bad.txt")
        open(path, "wb").write(raw)
        for args in ([path], ["--warnings", path]):
            p = run(args)
            check(p.returncode == 0, f"{args}: exit {p.returncode}: {p.stderr!r}")
            docs = lines_of(p.stdout)
            check(len(docs) == 1, f"{len(docs)} lines for one document")
            check_doc(docs[0], raw, "bad.txt")
    p = run([], data=raw)
    check(p.returncode == 0 and len(lines_of(p.stdout)) == 1, "stdin with NULs")


@test
def empty_document():
    p = run([], data=b"")
    check(p.returncode == 0, f"exit {p.returncode}: {p.stderr!r}")
    docs = lines_of(p.stdout)
    check(len(docs) == 1, f"{len(docs)} lines")
    check_doc(docs[0], b"", "stdin")


@test
def output_file():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.jsonl")
        p = run(["-o", out], data=SENTENCE.encode())
        check(p.returncode == 0, f"exit {p.returncode}: {p.stderr!r}")
        check(p.stdout == b"", "-o also wrote to stdout")
        docs = lines_of(open(out, "rb").read())
        check(len(docs) == 1, f"{len(docs)} lines in the file")
        check_doc(docs[0], SENTENCE.encode(), "stdin")
        p2 = run(["--output", out, "-"], data=SENTENCE.encode())
        check(p2.returncode == 0 and lines_of(open(out, "rb").read()) == docs,
              "--output rewrote the file differently")


@test
def write_error_exits_1():
    if not os.path.exists("/dev/full"):
        return
    p = run(["-o", "/dev/full"], data=SENTENCE.encode())
    check(p.returncode == 1, f"exit {p.returncode}, expected 1")
    check(p.stderr.strip(), "no message for a write error")


@test
def pretty_output():
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, t in enumerate((SENTENCE, SENTENCE2)):
            paths.append(os.path.join(tmp, f"p{i}.txt"))
            open(paths[-1], "wb").write(t.encode())
        p = run(["--pretty"] + paths)
        check(p.returncode == 0, f"exit {p.returncode}: {p.stderr!r}")
        text = p.stdout.decode()
        dec, pos, docs = json.JSONDecoder(), 0, []
        while text[pos:].strip():
            while text[pos].isspace():
                pos += 1
            d, pos = dec.raw_decode(text, pos)
            docs.append(d)
        check([d["doc"] for d in docs] == ["p0.txt", "p1.txt"], "pretty docs")
        check(text.count("\n") > 2, "--pretty did not indent")


# ---------------------------------------------------------------- jsonl

def jsonl_bytes(records):
    return b"".join((r if isinstance(r, bytes) else
                     json.dumps(r, ensure_ascii=False).encode()) + b"\n"
                    for r in records)


@test
def jsonl_broken_lines_skipped_in_order():
    records = [
        {"id": "a", "text": SENTENCE},
        b"{not json",
        {"id": "b", "text": SENTENCE2},
        b"[1, 2]",
        {"id": "c"},
        {"id": "d", "text": 5},
        b"",
        b"   ",
        {"id": "e", "text": "李强。"},
        b"\"just a string\"",
        {"id": "f", "text": SENTENCE} ,
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "in.jsonl")
        open(path, "wb").write(jsonl_bytes(records))
        p = run(["--jsonl", path])
        check(p.returncode == 1, f"exit {p.returncode}, expected 1")
        docs = lines_of(p.stdout)
        check([d["doc"] for d in docs] == ["a", "b", "e", "f"],
              f"docs {[d.get('doc') for d in docs]}")
        by_id = {r["id"]: r["text"] for r in records if isinstance(r, dict) and isinstance(r.get("text"), str)}
        for d in docs:
            check_doc(d, by_id[d["doc"]].encode())
        err = p.stderr.decode()
        for line in (2, 4, 5, 6, 10):
            check(f"in.jsonl:{line}:" in err, f"stderr lacks line {line}: {err!r}")
        for line in (7, 8):
            check(f"in.jsonl:{line}:" not in err, f"blank line {line} reported")


@test
def jsonl_ids():
    records = [
        {"text": SENTENCE},                 # line index 0
        b"",                                # blank: no record
        {"id": 42, "text": SENTENCE2},
        {"id": None, "text": "李强。"},      # null: like no id, index 3
        {"id": "x y", "text": ""},
        {"id": 2.5, "text": "北京"},
        {"text": "上海", "extra": [1, {"a": 2}]},  # index 6
    ]
    p = run(["--jsonl", "-"], data=jsonl_bytes(records))
    check(p.returncode == 0, f"exit {p.returncode}: {p.stderr!r}")
    docs = lines_of(p.stdout)
    check([d["doc"] for d in docs] == ["0", "42", "3", "x y", "2.5", "6"],
          f"docs {[d.get('doc') for d in docs]}")
    texts = [SENTENCE, SENTENCE2, "李强。", "", "北京", "上海"]
    for d, t in zip(docs, texts):
        check_doc(d, t.encode())


@test
def jsonl_nul_and_long_line():
    long_text = (SENTENCE + "\n") * 3000     # ~270 KB on one JSON line
    records = [{"id": "nul", "text": "李强\u0000在北京。"},
               {"id": "long", "text": long_text}]
    p = run(["--jsonl", "-"], data=jsonl_bytes(records))
    check(p.returncode == 0, f"exit {p.returncode}: {p.stderr!r}")
    docs = lines_of(p.stdout)
    check([d["doc"] for d in docs] == ["nul", "long"], "docs")
    check_doc(docs[0], records[0]["text"].encode())
    check_doc(docs[1], long_text.encode())


@test
def jsonl_invalid_utf8_is_broken_record():
    data = jsonl_bytes([{"id": "a", "text": "李强"}]) + b'{"id": "b", "text": "\xff"}\n' \
        + jsonl_bytes([{"id": "c", "text": "北京"}])
    p = run(["--jsonl", "-"], data=data)
    check(p.returncode == 1, f"exit {p.returncode}")
    check([d["doc"] for d in lines_of(p.stdout)] == ["a", "c"], "docs")
    check(b":2:" in p.stderr, f"stderr {p.stderr!r}")


def corpus_sentences():
    out = []
    for path in sorted(glob.glob(os.path.join(SOURCE, "corpus", "*.txt"))):
        for line in open(path, encoding="utf-8", errors="replace"):
            line = line.strip()
            if line:
                out.append(line)
    return out or [SENTENCE, SENTENCE2]


@test
def threads_give_identical_output():
    sents = corpus_sentences()
    records = []
    for i in range(600):
        text = "".join(sents[(i * 7 + k) % len(sents)] for k in range(1 + i % 4))
        if i % 50 == 17:
            records.append(b"{broken")
        elif i % 3 == 0:
            records.append({"text": text})
        else:
            records.append({"id": f"doc-{i}", "text": text})
    data = jsonl_bytes(records)
    p1 = run(["--jsonl", "-", "-j", "1"], data=data)
    p2 = run(["--jsonl", "-", "--threads", "2"], data=data)
    p4 = run(["--jsonl", "-", "-j4"], data=data)
    check(p1.returncode == 1, f"-j 1 exit {p1.returncode}")
    check(p2.returncode == p1.returncode and p4.returncode == p1.returncode,
          f"exits {p1.returncode} {p2.returncode} {p4.returncode}")
    check(p1.stdout == p2.stdout, "-j 2 output differs from -j 1")
    check(p1.stdout == p4.stdout, "-j 4 output differs from -j 1")
    check(p1.stderr == p2.stderr, "-j 2 messages differ from -j 1")
    docs = lines_of(p1.stdout)
    check(len(docs) == sum(isinstance(r, dict) for r in records), f"{len(docs)} docs")
    for d, r in zip(docs, [r for r in records if isinstance(r, dict)]):
        check_doc(d, r["text"].encode())


@test
def threads_pipelined_on_regular_files():
    # From a regular file the reader reads the next batch (256 lines) while
    # the workers extract the last: several batches per file, two files,
    # broken and blank lines, must still come out as -j 1 has them.
    sents = corpus_sentences()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for f in range(2):
            records = []
            for i in range(700 + 90 * f):
                text = "".join(sents[(i * 5 + f + k) % len(sents)] for k in range(1 + i % 3))
                if i % 97 == 13:
                    records.append(b"{broken")
                elif i % 131 == 7:
                    records.append(b"")
                else:
                    records.append({"id": f"f{f}-{i}", "text": text})
            path = os.path.join(tmp, f"in{f}.jsonl")
            with open(path, "wb") as out:
                out.write(jsonl_bytes(records))
            paths.append(path)
        args = ["--jsonl", paths[0], "--jsonl", paths[1]]
        p1 = run(args + ["-j", "1"])
        p2 = run(args + ["-j", "2"])
        p3 = run(args + ["-j", "3"])
        check(p1.returncode == 1, f"-j 1 exit {p1.returncode}")
        check(p2.returncode == 1 and p3.returncode == 1,
              f"exits {p2.returncode} {p3.returncode}")
        check(p1.stdout == p2.stdout, "-j 2 output differs from -j 1")
        check(p1.stdout == p3.stdout, "-j 3 output differs from -j 1")
        check(p1.stderr == p2.stderr and p1.stderr == p3.stderr,
              "-j N messages differ from -j 1")
        want = [f"f{f}-{i}" for f in range(2) for i in range(700 + 90 * f)
                if i % 97 != 13 and i % 131 != 7]
        check([d["doc"] for d in lines_of(p1.stdout)] == want, "doc ids")
        check(len(p1.stderr.decode().splitlines()) == 8 + 9, p1.stderr[:300])


@test
def threads_on_files():
    paths = sorted(glob.glob(os.path.join(SOURCE, "corpus", "*.txt")))
    if not paths:
        return
    p1 = run(paths)
    p2 = run(["-j", "2"] + paths)
    check(p1.returncode == 0, f"exit {p1.returncode}: {p1.stderr[:500]!r}")
    check(p1.stdout == p2.stdout, "-j 2 output differs from -j 1 on the corpus")
    docs = lines_of(p1.stdout)
    check([d["doc"] for d in docs] == [os.path.basename(x) for x in paths], "doc ids")
    for d, path in zip(docs, paths):
        check_doc(d, open(path, "rb").read())


@test
def threads_keep_messages_in_input_order():
    # Warnings, an unreadable FILE and broken --jsonl lines all come out on
    # stderr in input order whatever -j is, as the output does.
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(12):
            path = os.path.join(tmp, f"d{i:02}.txt")
            with open(path, "wb") as f:
                f.write(SENTENCE.encode() + (b"\xff\xfe" if i % 3 == 0 else b""))
            paths.append(path)
        paths[5] = os.path.join(tmp, "missing.txt")
        p1 = run(["--warnings", "-j", "1"] + paths)
        p2 = run(["--warnings", "-j", "2"] + paths)
        check(p1.returncode == 1, f"exit {p1.returncode}")
        check(p2.returncode == 1, f"-j 2 exit {p2.returncode}")
        check(p1.stdout == p2.stdout, "-j 2 output differs from -j 1")
        check(len(lines_of(p1.stdout)) == 11, "not every readable file output")
        lines = p1.stderr.decode().splitlines()
        check(len(lines) == 5 and "missing.txt" in lines[2], lines)
        check(p1.stderr == p2.stderr, f"-j 2 messages {p2.stderr!r} differ "
              f"from -j 1 {p1.stderr!r}")


# ---------------------------------------------------------------- install

C_PROGRAM = r"""
#include <stdio.h>
#include <string.h>
#include <newsgraph.h>

int main(int argc, char **argv)
{
    ng_error err;
    ng_rules *rules = ng_rules_load(argc > 1 ? argv[1] : NULL, &err);
    if (!rules) { fprintf(stderr, "rules: %s\n", err.message); return 1; }
    const char *text = argc > 2 ? argv[2] : "";
    ng_doc *doc = ng_extract(rules, text, strlen(text), "c-program", &err);
    if (!doc) { fprintf(stderr, "extract: %s\n", err.message); return 1; }
    char *json = ng_doc_to_json(doc, 0, NULL);
    if (!json) return 1;
    puts(json);
    ng_free(json);
    ng_doc_free(doc);
    ng_rules_free(rules);
    return 0;
}
"""


# Loads the library named by argv[1] and prints the lexicon entry counts
# of ng_rules_load(NULL) and of ng_rules_load(argv[2]).
RULES_LOAD_PROGRAM = r"""
import ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
lib.ng_rules_load.restype = ctypes.c_void_p
lib.ng_rules_load.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
lib.ng_rules_entry_count.restype = ctypes.c_size_t
lib.ng_rules_entry_count.argtypes = [ctypes.c_void_p]
lib.ng_rules_free.argtypes = [ctypes.c_void_p]
for d in (None, sys.argv[2].encode()):
    err = ctypes.create_string_buffer(1024)   # an ng_error
    r = lib.ng_rules_load(d, err)
    if not r:
        sys.exit("ng_rules_load(%r): %s" % (d, err.raw[4:516].split(b"\0")[0]))
    print(lib.ng_rules_entry_count(r))
    lib.ng_rules_free(r)
"""


def install(prefix):
    """`cmake --install` of the build into `prefix`."""
    if not shutil.which("cmake"):
        raise AssertionError("cmake not found")
    p = subprocess.run(["cmake", "--install", BUILD, "--prefix", prefix],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    check(p.returncode == 0, f"cmake --install failed: {p.stdout[-2000:]!r}")


@test
def moved_install_finds_its_rules():
    # ng_rules_load(NULL) in a library whose install tree was moved after
    # `cmake --install`: no NEWSGRAPH_RULES, and the configured prefix
    # says nothing of where the tree is now.
    with tempfile.TemporaryDirectory() as tmp:
        first = os.path.join(tmp, "first")
        install(first)
        moved = os.path.join(tmp, "moved", "elsewhere")
        os.makedirs(os.path.dirname(moved))
        os.rename(first, moved)
        libs = glob.glob(os.path.join(moved, "**", "libnewsgraph.so"), recursive=True)
        check(len(libs) == 1, f"libnewsgraph.so files: {libs}")
        rules = os.path.join(moved, "share", "newsgraph", "rules")
        # One entry more than the source rules: the moved copy is the one read.
        with open(os.path.join(rules, "surname.txt"), "a", encoding="utf-8") as f:
            f.write("\n𠀋𠀌\n")
        p = subprocess.run([sys.executable, "-c", RULES_LOAD_PROGRAM, libs[0],
                            os.path.join(SOURCE, "rules")],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=env_without_rules(), cwd=tmp, timeout=300)
        check(p.returncode == 0, f"exit {p.returncode}: {p.stderr!r}")
        default, source = [int(x) for x in p.stdout.split()]
        check(default == source + 1,
              f"ng_rules_load(NULL) has {default} entries, the source rules "
              f"{source}: not the moved install's rules")


@test
def installed_layout():
    with tempfile.TemporaryDirectory() as tmp:
        prefix = os.path.join(tmp, "prefix")
        install(prefix)
        exe = os.path.join(prefix, "bin", "newsgraph")
        check(os.access(exe, os.X_OK), "no bin/newsgraph installed")
        check(os.path.isfile(os.path.join(prefix, "include", "newsgraph.h")), "no header")
        rules = os.path.join(prefix, "share", "newsgraph", "rules")
        check(os.path.isdir(rules), "no share/newsgraph/rules")
        for f in glob.glob(os.path.join(SOURCE, "rules", "*.txt")) + \
                glob.glob(os.path.join(SOURCE, "rules", "README.md")):
            check(os.path.isfile(os.path.join(rules, os.path.basename(f))),
                  f"rules file {os.path.basename(f)} not installed")

        # The installed CLI finds its own rules: no flag, no env, other cwd.
        elsewhere = os.path.join(tmp, "elsewhere")
        os.mkdir(elsewhere)
        p = run([], data=SENTENCE.encode(), env=env_without_rules(), cwd=elsewhere,
                binary=exe)
        check(p.returncode == 0, f"installed CLI exit {p.returncode}: {p.stderr!r}")
        check_doc(lines_of(p.stdout)[0], SENTENCE.encode(), "stdin")
        p = run(["--help"], binary=exe, env=env_without_rules(), cwd=elsewhere)
        check(p.returncode == 0, "installed --help")

        # A C program built with pkg-config against the installed library.
        pcs = glob.glob(os.path.join(prefix, "**", "newsgraph.pc"), recursive=True)
        check(len(pcs) == 1, f"newsgraph.pc files: {pcs}")
        env = env_without_rules()
        env["PKG_CONFIG_PATH"] = os.path.dirname(pcs[0])
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "newsgraph"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, timeout=60)
        check(flags.returncode == 0, f"pkg-config failed: {flags.stderr!r}")
        src = os.path.join(tmp, "prog.c")
        prog = os.path.join(tmp, "prog")
        open(src, "w").write(C_PROGRAM)
        cc = os.environ.get("CC", "cc")
        p = subprocess.run([cc, "-std=c11", "-Wall", "-Wextra", "-Werror", src,
                            "-o", prog] + flags.stdout.decode().split(),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
        check(p.returncode == 0, f"compile failed: {p.stdout.decode()[-2000:]}")
        libdir = os.path.dirname(glob.glob(os.path.join(prefix, "**", "libnewsgraph.so*"),
                                           recursive=True)[0])
        env["LD_LIBRARY_PATH"] = libdir
        p = subprocess.run([prog, rules, SENTENCE], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env, cwd=elsewhere, timeout=120)
        check(p.returncode == 0, f"program exit {p.returncode}: {p.stderr!r}")
        check_doc(json.loads(p.stdout), SENTENCE.encode(), "c-program")
        # It really used the installed library, not one from the build tree.
        ldd = subprocess.run(["ldd", prog], stdout=subprocess.PIPE, env=env, timeout=60)
        if ldd.returncode == 0:
            check(libdir.encode() in ldd.stdout, f"not linked to the installed lib: {ldd.stdout!r}")

        # find_package(newsgraph) from a CMake project.
        proj = os.path.join(tmp, "proj")
        os.mkdir(proj)
        open(os.path.join(proj, "prog.c"), "w").write(C_PROGRAM)
        open(os.path.join(proj, "CMakeLists.txt"), "w").write(
            "cmake_minimum_required(VERSION 3.16)\nproject(user C)\n"
            "find_package(newsgraph 0.1 REQUIRED)\n"
            "add_executable(prog prog.c)\n"
            "target_link_libraries(prog PRIVATE newsgraph::newsgraph)\n"
            "add_executable(prog_static prog.c)\n"
            "target_link_libraries(prog_static PRIVATE newsgraph::newsgraph_static)\n")
        pb = os.path.join(proj, "build")
        p = subprocess.run(["cmake", "-S", proj, "-B", pb, "-DCMAKE_PREFIX_PATH=" + prefix],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        check(p.returncode == 0, f"find_package configure failed: {p.stdout.decode()[-2000:]}")
        p = subprocess.run(["cmake", "--build", pb], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=300)
        check(p.returncode == 0, f"find_package build failed: {p.stdout.decode()[-2000:]}")
        for name in ("prog", "prog_static"):
            p = subprocess.run([os.path.join(pb, name), rules, SENTENCE],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env_without_rules(), timeout=120)
            check(p.returncode == 0, f"{name} exit {p.returncode}: {p.stderr!r}")
            check_doc(json.loads(p.stdout), SENTENCE.encode(), "c-program")


if __name__ == "__main__":
    sys.exit(main())
