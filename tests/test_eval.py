#!/usr/bin/env python3
"""Corpus evaluation: run the CLI over corpus/*.txt, score against
corpus/gold with the scorer in tests/tools, and check every mention's
offsets against the original files.

The thresholds are what the code reaches today: raise them whenever
quality rises, never lower them (README.md, "Corpus scores").
Run by ctest with NEWSGRAPH_BIN and NEWSGRAPH_SOURCE set.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

from testlib import BIN, SOURCE as SRC, expect as check, tally

# F1 floors: the figures the code reaches now, rounded down.
FLOORS = {
    ("entities", "PERSON"): 0.97,
    ("entities", "POSITION"): 0.92,
    ("entities", "ORG"): 0.90,
    ("entities", "PLACE"): 0.89,
    ("entities", "ALL"): 0.92,
    ("relations", "holds_position"): 0.89,
    ("relations", "holds_position_lenient"): 0.92,
    ("relations", "located_in"): 0.78,
}



def main():
    docs = sorted(glob.glob(os.path.join(SRC, "corpus", "*.txt")))
    check(len(docs) == 5, f"five corpus documents, found {len(docs)}")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.jsonl")
        with open(out, "wb") as fh:
            r = subprocess.run([BIN] + docs, stdout=fh, stderr=subprocess.PIPE, timeout=300)
        check(r.returncode == 0, f"CLI exit 0 (got {r.returncode}: {r.stderr.decode()[:300]})")
        lines = [l for l in open(out, encoding="utf-8") if l.strip()]
        check(len(lines) == len(docs), f"one line per document ({len(lines)})")
        c = subprocess.run([sys.executable, os.path.join(SRC, "tests", "tools", "check_output.py"), out] + docs,
                           capture_output=True, text=True, timeout=120)
        print(c.stdout.strip())
        check(c.returncode == 0, "every mention's offsets cut its entity from the original files")
        s = subprocess.run([sys.executable, os.path.join(SRC, "tests", "tools", "score.py"), "graph",
                            os.path.join(SRC, "corpus", "gold"), out, "--json"],
                           capture_output=True, text=True, timeout=120)
        check(s.returncode == 0, "scorer runs")
        res = json.loads(s.stdout.strip().splitlines()[-1])
        for (section, key), floor in FLOORS.items():
            f1 = res[section][key]["f1"]
            print(f"{section:9s} {key:24s} F1 {f1:.3f} (floor {floor:.2f})")
            check(f1 >= floor, f"{section} {key} F1 {f1:.3f} >= {floor}")
        # explainability: every mention and relation names its rule
        for line in lines:
            d = json.loads(line)
            for e in d["entities"]:
                for m in e["mentions"]:
                    if not m.get("rule") or "sentence" not in m:
                        check(False, f"mention of {e['text']} names no rule or sentence")
            for rel in d["relations"]:
                if not rel.get("rule"):
                    check(False, f"relation {rel['id']} names no rule")
        check(True, "rules named")
    return tally()


if __name__ == "__main__":
    sys.exit(main())
