#!/usr/bin/env python3
"""Held-out, mention-level evaluation on the public NER training sets.

For each data set in ../shared/datasets the LAST 20% of the lines of its
training file (never read by the scripts/gen_*.py miners, which read the
first 80%) is run through the CLI (--jsonl) and scored with
../shared/tools/score.py spans --map NAME (exact mention boundaries).

  python3 scripts/eval_datasets.py [--bin PATH] [--limit N] [--sets a,b]
                                   [--errors DIR] [--json] [--part held|dev]

--limit N takes N lines spread evenly over each held-out part (every k-th
line) instead of all of it: quick iterations on a shared machine.
--errors DIR writes DIR/<set>.errors (every FP and FN, from score.py
--errors) for inspection.  --part dev scores lines 60-80% instead: look at
errors and set thresholds there, so the held-out part stays unseen.  The
mined lexicons did read those lines, so dev figures run higher than
held-out ones; only held-out figures are reported.  Standard library only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, '..', 'shared'))
SETS = [  # name, file, score.py map
    ('msra', 'msra/train.jsonl', 'msra'),
    ('pd1998', 'peoples_daily_pfr1998/train.jsonl', 'msra'),
    ('cluener', 'cluener2020/train.jsonl', 'cluener'),
    ('resume', 'resume/train.jsonl', 'resume'),
]
FRACTION = 0.8


DEV_FROM = 0.6


def held_out(path, limit, which='held'):
    with open(path, encoding='utf-8') as f:
        lines = [l for l in f if l.strip()]
    if which == 'dev':
        part = lines[int(len(lines) * DEV_FROM):int(len(lines) * FRACTION)]
    else:
        part = lines[int(len(lines) * FRACTION):]
    if limit and limit < len(part):
        step = len(part) / limit
        part = [part[int(i * step)] for i in range(limit)]
    return part


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--bin', default=os.environ.get('NEWSGRAPH_BIN', '/tmp/bgen/cli/newsgraph'))
    ap.add_argument('--shared', default=SHARED)
    ap.add_argument('--limit', type=int, default=0)
    ap.add_argument('--sets', default=','.join(s[0] for s in SETS))
    ap.add_argument('--errors', default='')
    ap.add_argument('--json', action='store_true')
    ap.add_argument('--threads', default='1')
    ap.add_argument('--part', choices=('held', 'dev'), default='held',
                    help='held: last 20%% (reported); dev: lines 60-80%% (for tuning)')
    a = ap.parse_args()
    want = a.sets.split(',')
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, rel, mp in SETS:
            if name not in want:
                continue
            src = os.path.join(a.shared, 'datasets', rel)
            if not os.path.exists(src):
                print(f'{name}: {src} absent, skipped', file=sys.stderr)
                continue
            gold = os.path.join(tmp, name + '.gold.jsonl')
            with open(gold, 'w', encoding='utf-8') as f:
                f.writelines(held_out(src, a.limit, a.part))
            out = os.path.join(tmp, name + '.out.jsonl')
            with open(out, 'wb') as f:
                subprocess.run([a.bin, '-j', a.threads, '--jsonl', gold], stdout=f, check=True)
            score = os.path.join(a.shared, 'tools', 'score.py')
            cmd = [sys.executable, score, 'spans', gold, out, '--map', mp, '--json']
            if a.errors:
                cmd.append('--errors')
            r = subprocess.run(cmd, capture_output=True, text=True, check=True)
            lines = r.stdout.strip().splitlines()
            res = json.loads(lines[-1])['entities']
            results[name] = res
            if a.errors:
                os.makedirs(a.errors, exist_ok=True)
                with open(os.path.join(a.errors, name + '.errors'), 'w', encoding='utf-8') as f:
                    f.write('\n'.join(lines[:-1]) + '\n')
            if not a.json:
                print(f'{name}:')
                for t, v in res.items():
                    print(f"  {t:9s} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}"
                          f"   (tp {v['tp']}, fp {v['fp']}, fn {v['fn']})")
    if a.json:
        print(json.dumps(results, ensure_ascii=False))


if __name__ == '__main__':
    main()
