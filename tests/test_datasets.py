#!/usr/bin/env python3
"""Held-out figures on the public NER training sets (issue 6).

For each set in ../shared/datasets, SAMPLE lines spread evenly over the
LAST 20% of its training file (held out from every scripts/gen_*.py miner)
are run through the CLI (--jsonl) and scored mention by mention with
../shared/tools/score.py spans --map NAME.  The floors are what the code
reaches on that sample today, rounded down: raise them when quality rises,
never lower them.  scripts/eval_datasets.py gives the figures on the whole
held-out part.

Skipped (exit 0, "SKIP") when ../shared/datasets or the scorer is absent.
Run by ctest with NEWSGRAPH_BIN and NEWSGRAPH_SOURCE set.
"""
import json
import os
import subprocess
import sys
import tempfile

from testlib import BIN, SOURCE as SRC, expect as check, tally
SHARED = os.path.normpath(os.path.join(SRC, "..", "shared"))
SAMPLE = 400

# set -> (file, score.py map, {type: F1 floor})
SETS = {
    "msra": ("msra/train.jsonl", "msra",
             {"ALL": 0.74, "PERSON": 0.78, "ORG": 0.63, "PLACE": 0.77}),
    "pd1998": ("peoples_daily_pfr1998/train.jsonl", "msra",
               {"ALL": 0.83, "PERSON": 0.82, "ORG": 0.73, "PLACE": 0.86}),
    "cluener": ("cluener2020/train.jsonl", "cluener",
                {"ALL": 0.61, "PERSON": 0.67, "POSITION": 0.64, "ORG": 0.70}),
    "resume": ("resume/train.jsonl", "resume",
               {"ALL": 0.80, "PERSON": 0.93, "POSITION": 0.84, "ORG": 0.77}),
}



def held_out(path, limit):
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f if l.strip()]
    part = lines[int(len(lines) * 0.8):]
    step = len(part) / limit
    return [part[int(i * step)] for i in range(min(limit, len(part)))]


def main():
    score = os.path.join(SHARED, "tools", "score.py")
    if not os.path.isdir(os.path.join(SHARED, "datasets")) or not os.path.exists(score):
        print(f"SKIP: {SHARED}/datasets or tools/score.py absent")
        print("0 passed, 0 failed")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, (rel, mp, floors) in SETS.items():
            src = os.path.join(SHARED, "datasets", rel)
            if not os.path.exists(src):
                print(f"SKIP {name}: {src} absent")
                continue
            gold = os.path.join(tmp, name + ".jsonl")
            with open(gold, "w", encoding="utf-8") as f:
                f.writelines(held_out(src, SAMPLE))
            out = os.path.join(tmp, name + ".out")
            with open(out, "wb") as f:
                r = subprocess.run([BIN, "--jsonl", gold], stdout=f, stderr=subprocess.PIPE,
                                   timeout=600)
            check(r.returncode == 0, f"{name}: CLI exit 0 ({r.stderr.decode()[:200]})")
            s = subprocess.run([sys.executable, score, "spans", gold, out, "--map", mp, "--json"],
                               capture_output=True, text=True, timeout=300)
            check(s.returncode == 0, f"{name}: scorer runs")
            res = json.loads(s.stdout.strip().splitlines()[-1])["entities"]
            for t, floor in floors.items():
                f1 = res.get(t, {}).get("f1", 0.0)
                print(f"{name:8s} {t:8s} P {res[t]['p']:.3f} R {res[t]['r']:.3f} "
                      f"F1 {f1:.3f} (floor {floor:.2f})")
                check(f1 >= floor, f"{name} {t} F1 {f1:.3f} >= {floor}")
            # every mention names its rule or lexicon entry
            with open(out, encoding="utf-8") as f:
                unnamed = sum(1 for line in f for e in json.loads(line)["entities"]
                              for m in e["mentions"] if not m.get("rule"))
            check(unnamed == 0, f"{name}: {unnamed} mentions name no rule")
    return tally()


if __name__ == "__main__":
    sys.exit(main())
