#!/usr/bin/env python3
"""Traditional Chinese: the corpus stories converted to traditional
characters (by ICU's Simplified-Traditional transliterator, through the
build's own table generator in --reverse mode) give the same entities and
relations as the originals, mapped one to one through the simplified
alias, with offsets that cut the traditional strings exactly.  Also the
--script option: forcing simplified reading of a traditional story finds
less, and auto-detection leaves simplified stories as they are.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

from testlib import BIN, BUILD, SOURCE as SRC, expect as check, tally
GEN = os.path.join(BUILD, "ng_gen_script_table")



def simplified_view(doc):
    """(type, simplified text) of every entity, and relations by those."""
    simp = {}
    for e in doc["entities"]:
        # the simplified form is the text itself, or the alias that the
        # traditional reading added (the one that differs from the text)
        names = [e["text"]] + e.get("aliases", [])
        simp[e["id"]] = (e["type"], names)
    return simp


def keyset(doc, pick):
    simp = simplified_view(doc)
    ents = {(t, pick(names)) for t, names in simp.values()}
    rels = set()
    for r in doc["relations"]:
        if r["type"] == "holds_position":
            org = pick(simp[r["org"]][1]) if r["org"] else ""
            rels.add(("h", pick(simp[r["person"]][1]), org, pick(simp[r["position"]][1]), r["status"]))
        else:
            rels.add(("l", pick(simp[r["child"]][1]), pick(simp[r["parent"]][1])))
    return ents, rels


def run(args, data=None):
    r = subprocess.run([BIN] + args, input=data, capture_output=True, timeout=300)
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


def main():
    if not os.path.exists(GEN):
        print(f"no {GEN}: build the project first")
        print("0 passed, 1 failed")
        return 1
    docs = sorted(glob.glob(os.path.join(SRC, "corpus", "*.txt")))
    with tempfile.TemporaryDirectory() as tmp:
        trad_files = []
        for path in docs:
            with open(path, "rb") as fh:
                conv = subprocess.run([GEN, "--reverse"], input=fh.read(), capture_output=True,
                                      check=True).stdout
            out = os.path.join(tmp, os.path.basename(path))
            with open(out, "wb") as fh:
                fh.write(conv)
            trad_files.append(out)
            check(conv.decode("utf-8") != open(path, encoding="utf-8").read(),
                  f"{os.path.basename(path)} really changed by the conversion")
        rc, simp_out, _ = run(docs)
        check(rc == 0, "simplified corpus extracts")
        rc, trad_out, err = run(trad_files)
        check(rc == 0, f"traditional corpus extracts ({err[:200]})")
        trad_path = os.path.join(tmp, "trad.jsonl")
        with open(trad_path, "w", encoding="utf-8") as fh:
            fh.write(trad_out)
        c = subprocess.run([sys.executable, os.path.join(SRC, "tests", "tools", "check_output.py"),
                            trad_path] + trad_files, capture_output=True, text=True)
        print(c.stdout.strip().splitlines()[-1] if c.stdout.strip() else c.stdout)
        check(c.returncode == 0, "offsets cut the traditional strings exactly")
        for s_line, t_line in zip(simp_out.splitlines(), trad_out.splitlines()):
            s_doc, t_doc = json.loads(s_line), json.loads(t_line)
            name = s_doc["doc"]
            # in the simplified output every entity's text is simplified
            s_ents, s_rels = keyset(s_doc, lambda names: names[0])
            # in the traditional output the simplified form is the alias
            # when the written form differs; pick the form that has no
            # traditional character left (the simplified one)
            simp_texts = {e[1] for e in s_ents}

            def pick(names):
                # the text when it is already simplified; else the alias
                # the traditional reading added last
                return names[0] if names[0] in simp_texts else names[-1]
            t_ents, t_rels = keyset(t_doc, pick)
            check(s_ents == t_ents, f"{name}: same entities (diff {sorted(s_ents ^ t_ents)[:6]})")
            check(s_rels == t_rels, f"{name}: same relations (diff {sorted(s_rels ^ t_rels)[:4]})")
            written = [e for e in t_doc["entities"] if e.get("aliases") and e["text"] not in simp_texts]
            check(len(written) > 0, f"{name}: entity text given as written (traditional)")
        # forcing simplified reading of traditional text loses the matches
        rc, forced, _ = run(["--script", "simplified"] + trad_files[:1])
        check(rc == 0, "--script simplified runs")
        n_forced = len(json.loads(forced.splitlines()[0])["entities"])
        n_auto = len(json.loads(trad_out.splitlines()[0])["entities"])
        check(n_forced < n_auto, f"auto reads traditional as simplified ({n_auto} vs forced {n_forced})")
        rc, forced_t, _ = run(["--script", "traditional"] + docs[:1])
        check(rc == 0 and json.loads(forced_t.splitlines()[0])["entities"] ==
              json.loads(simp_out.splitlines()[0])["entities"],
              "simplified text read as traditional is unchanged")
        rc, _, err = run(["--script", "klingon"] + docs[:1])
        check(rc == 2, "a bad --script value is a usage error")
    return tally()


if __name__ == "__main__":
    sys.exit(main())
