#!/usr/bin/env python3
"""Generate rules/title_mined.txt: titles and occupations mined from the
public NER training data (loaded into the title class, beside title.txt).

Inputs (read only, never copied into the project), FIRST 80% of the lines
of each training file (the last 20% is held out for evaluation; --fraction
mines from less, to set the thresholds on lines 60-80%):
  cluener2020/train.jsonl  position spans
  resume/train.jsonl       TITLE spans
Never a person name: name/NAME spans are not read as entries.

Method (a string is kept only where the annotators agree it is a title
wherever it is written):
  labelled(s) = how often s is annotated as a position / TITLE span;
  free(s)     = how often s occurs in the text read, not counting the
                occurrences strictly inside a longer annotated span of any
                type (经理 inside 总经理 is neither for nor against);
  consistency = labelled(s) / free(s).
  Kept: 2-8 Han characters, labelled >= MIN_LABELLED, consistency >=
  MIN_CONSISTENCY, annotated as a title more often than as anything else;
  not an entry of title.txt, status_word.txt (村民, 志愿者 are not
  positions), title_modifier.txt, org_suffix.txt or place_suffix.txt;
  no corpus/gold string of any type.
Format: title<TAB>labelled<TAB>consistency, sorted by labelled count.

Usage: python3 scripts/gen_title_mined.py [--datasets DIR] [--fraction F]
                                          [--out PATH]
Deterministic; the header's date is today's, or $SOURCE_DATE_EPOCH's.
Standard library only.
"""
import argparse
import collections
import json
import os
import sys

from genlib import (DEFAULT_DS, ROOT, first_fields as entries, gold_strings, header_day,
                    is_han, nfkc)
INPUTS = [('cluener2020/train.jsonl', 'position'), ('resume/train.jsonl', 'TITLE')]
FRACTION = 0.8
MIN_LABELLED = 2
MIN_CONSISTENCY = 0.5
MAX_LEN = 8
EXCLUDE_FILES = ['title.txt', 'status_word.txt', 'title_modifier.txt', 'org_suffix.txt',
                 'place_suffix.txt']










def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--datasets', default=DEFAULT_DS)
    ap.add_argument('--rules', default=os.path.join(ROOT, 'rules'))
    ap.add_argument('--fraction', type=float, default=FRACTION)
    ap.add_argument('--min-labelled', type=int, default=MIN_LABELLED)
    ap.add_argument('--min-consistency', type=float, default=MIN_CONSISTENCY)
    ap.add_argument('--out', default='')
    a = ap.parse_args()
    out_path = a.out or os.path.join(a.rules, 'title_mined.txt')

    labelled = collections.Counter()   # s -> n annotated as a title
    other = collections.Counter()      # s -> n annotated as another type
    texts = []
    used = []
    for rel, label in INPUTS:
        path = os.path.join(a.datasets, rel)
        with open(path, encoding='utf-8') as f:
            lines = [l for l in f if l.strip()]
        n = int(len(lines) * a.fraction)
        used.append('%s: first %d of %d lines' % (rel, n, len(lines)))
        for line in lines[:n]:
            rec = json.loads(line)
            text = rec['text']
            spans = []
            for sp in rec.get('spans', []):
                spans.append((sp['start'], sp['end']))
                s = nfkc(text[sp['start']:sp['end']])
                if sp['type'] == label:
                    labelled[s] += 1
                else:
                    other[s] += 1
            texts.append((text, spans))

    cands = {s for s, k in labelled.items()
             if k >= a.min_labelled and 2 <= len(s) <= MAX_LEN and all(is_han(c) for c in s)}
    lens = sorted({len(s) for s in cands})
    free = collections.Counter()
    for text, spans in texts:
        t = text
        for L in lens:
            for i in range(0, len(t) - L + 1):
                s = nfkc(t[i:i + L])
                if s in cands:
                    if any(b <= i and i + L <= e and e - b > L for b, e in spans):
                        continue
                    free[s] += 1

    taken = set()
    for fn in EXCLUDE_FILES:
        taken |= entries(os.path.join(a.rules, fn))
    gold = gold_strings(relations=True)
    rows = []
    dropped = collections.Counter()
    for s in sorted(cands):
        k = labelled[s]
        if other[s] >= k:
            dropped['mostly another type'] += 1
            continue
        cons = k / max(free[s], k)
        if cons < a.min_consistency:
            dropped['inconsistent'] += 1
            continue
        if s in gold:
            dropped['corpus/gold string'] += 1
            continue
        if s in taken:
            dropped['already listed'] += 1
            continue
        rows.append((s, k, cons))
    rows.sort(key=lambda r: (-r[1], r[0]))

    day = header_day()
    with open(out_path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('# title_mined.txt - titles and occupations mined from public NER training data\n'
                '#   (class title, beside the hand-written title.txt).\n')
        f.write('# GENERATED by scripts/gen_title_mined.py on %s: do not edit by hand.\n'
                % day.strftime('%Y-%m-%d'))
        f.write('# Inputs (shared/datasets, read only; FIRST %d%% of lines of each training\n'
                '#   file, the rest is held out for evaluation):\n' % round(a.fraction * 100))
        for u in used:
            f.write('#   %s\n' % u)
        f.write('# Method: a string of 2-%d Han characters annotated as a title (CLUENER\n'
                '#   position, Resume TITLE) at least %d times, and so annotated in >= %d%% of\n'
                '#   the places it is written (occurrences inside a longer annotated span not\n'
                '#   counted), more often a title than anything else.  Dropped: entries of\n'
                '#   %s, every corpus/gold string.\n'
                '#   Dropped counts: %s.\n'
                % (MAX_LEN, a.min_labelled, round(a.min_consistency * 100),
                   ', '.join(EXCLUDE_FILES),
                   ', '.join('%s %d' % kv for kv in sorted(dropped.items()))))
        f.write('# Format: title<TAB>labelled<TAB>consistency.  %d entries.\n' % len(rows))
        for s, k, c in rows:
            f.write('%s\t%d\t%.3f\n' % (s, k, c))
    print('wrote %s: %d entries' % (out_path, len(rows)), file=sys.stderr)


if __name__ == '__main__':
    main()
