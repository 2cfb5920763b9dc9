#!/usr/bin/env python3
"""Generate rules/place_mined.txt and rules/org_mined.txt: gazetteers of
place and organisation names mined from the public NER training data.

Inputs (read only, never copied into the project), FIRST 80% of the lines
of each training file (the last 20% is held out for evaluation):
  msra/train.jsonl                   LOC -> place, ORG -> org
  peoples_daily_pfr1998/train.jsonl  ns -> place, nt -> org
  cluener2020/train.jsonl            address -> place; organization,
                                     government, company -> org
  resume/train.jsonl                 LOC -> place, ORG -> org
Never a person name: PER/nr/name/NAME spans are not read.

Method (a string is kept only where the annotators agree it is a name of
that type wherever it is written):
  labelled(s, T) = how often s is annotated as a span of type T;
  free(s)        = how often s occurs in the text read, not counting the
                   occurrences strictly inside a longer annotated span of
                   any type (北京 inside 北京大学 is neither for nor against);
  consistency    = labelled(s, T) / free(s).
  Kept: 2-12 characters, at least one Han character or a whole token of
  Latin letters and digits starting with a letter (bet365), not a number,
  labelled >= MIN_LABELLED, consistency >= MIN_CONSISTENCY, T the type s
  is most often annotated with (ties dropped), and s not already an entry
  of place.txt / org.txt / place_world.txt (those win) -- except a
  place.txt entry flagged `short` (长江 of 长江镇) labelled at least
  MIN_LABELLED_SHORT times: that one is listed, and the loader lets the
  mined entry replace the weak short form.
  Excluded: strings wrapped in quotation marks (“某某广场”: the span
  took the quotes in), every string listed in
  corpus/gold (any type) so that the
  corpus figures never rest on a memorised string, and strings that the
  PFR doubling quirk produced (a repeated first character).
Format: name<TAB>labelled<TAB>consistency (the consistency is the entry's
weight), sorted by labelled count.

Usage: python3 scripts/gen_mined_gazetteer.py [--datasets DIR]
Deterministic; the header's date is today's, or $SOURCE_DATE_EPOCH's.
Standard library only.
"""
import argparse
import collections
import json
import os
import re
import sys

from genlib import (DEFAULT_DS, ROOT, first_fields as entries, gold_strings, header_day,
                    is_han, nfkc)
INPUTS = [
    ('msra/train.jsonl', {'LOC': 'place', 'ORG': 'org'}),
    ('peoples_daily_pfr1998/train.jsonl', {'ns': 'place', 'nt': 'org'}),
    ('cluener2020/train.jsonl', {'address': 'place', 'organization': 'org',
                                 'government': 'org', 'company': 'org'}),
    ('resume/train.jsonl', {'LOC': 'place', 'ORG': 'org'}),
]
FRACTION = 0.8
MIN_LABELLED = 2
# a string that place.txt lists as a division's short form (长江 of 长江镇)
# replaces that weak reading only on more evidence
MIN_LABELLED_SHORT = 5
MIN_CONSISTENCY = 0.6
MAX_LEN = 12
LATIN_TOKEN = re.compile(r'[A-Za-z][A-Za-z0-9]+')
OPENING = set('“‘"\'「『')
CLOSING = set('”’"\'」』')










def short_forms(path):
    """The entries of a gazetteer flagged `short` (a division's name
    without its suffix)."""
    out = set()
    if not os.path.exists(path):
        return out
    with open(path, encoding='utf-8') as f:
        for line in f:
            fields = line.rstrip('\n').split('\t')
            if line.startswith('#') or len(fields) < 3:
                continue
            if 'short' in fields[2:]:
                out.add(fields[0].strip())
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--datasets', default=DEFAULT_DS)
    ap.add_argument('--rules', default=os.path.join(ROOT, 'rules'))
    a = ap.parse_args()

    labelled = collections.Counter()        # (s, kind) -> n
    other = collections.Counter()           # s -> n annotated as a type we do not map
    texts = []                              # (text, covered intervals)
    used = []
    for rel, mp in INPUTS:
        path = os.path.join(a.datasets, rel)
        with open(path, encoding='utf-8') as f:
            lines = [l for l in f if l.strip()]
        n = int(len(lines) * FRACTION)
        used.append('%s: first %d of %d lines' % (rel, n, len(lines)))
        for line in lines[:n]:
            rec = json.loads(line)
            text = rec['text']
            spans = []
            for sp in rec.get('spans', []):
                s = nfkc(text[sp['start']:sp['end']])
                spans.append((sp['start'], sp['end']))
                kind = mp.get(sp['type'])
                if kind:
                    labelled[(s, kind)] += 1
                else:
                    other[s] += 1
            texts.append((text, spans))

    cands = {}
    dropped_quoted = 0
    for (s, kind), k in labelled.items():
        if k < MIN_LABELLED or not 2 <= len(s) <= MAX_LEN:
            continue
        if s[0] == s[1] and len(s) <= 3:
            continue
        # a name needs a Han character, or is a token of Latin letters and
        # digits that starts with a letter (bet365, WCG): the extractor
        # matches such a token only whole (lib/gazetteer.c)
        if not any(is_han(c) for c in s) and not LATIN_TOKEN.fullmatch(s):
            continue
        # a name wrapped in quotation marks (“某某广场”): the name is what is
        # inside them (《某报》, “某某”号 and 某国“某某协会” are left alone)
        if s[0] in OPENING and s[-1] in CLOSING and not any(c in OPENING for c in s[1:]):
            dropped_quoted += 1
            continue
        cands.setdefault(s, []).append((k, kind))
    # free occurrences: every occurrence not strictly inside a longer span
    lens = sorted({len(s) for s in cands})
    free = collections.Counter()
    for text, spans in texts:
        t = nfkc(text) if len(nfkc(text)) == len(text) else text
        inside = bytearray(len(t) + 1)
        for b, e in spans:
            for i in range(b, e):
                inside[i] = 1
        for L in lens:
            for i in range(0, len(t) - L + 1):
                s = t[i:i + L]
                if s in cands:
                    # a Latin token is read only whole (not in bet3650)
                    if s.isascii() and ((i > 0 and t[i - 1].isascii() and t[i - 1].isalnum()) or
                                        (i + L < len(t) and t[i + L].isascii() and
                                         t[i + L].isalnum())):
                        continue
                    # strictly inside a longer annotated span?
                    if any(b <= i and i + L <= e and e - b > L for b, e in spans):
                        continue
                    free[s] += 1

    # a place.txt entry that is only a short form (长江 of 长江镇, flag
    # `short`) is weak evidence at run time; where the data mark the string
    # as a place wherever it is written, the mined entry replaces it (the
    # loader lets a *_mined.txt entry replace a short one of its class)
    short = short_forms(os.path.join(a.rules, 'place.txt'))
    taken = ((entries(os.path.join(a.rules, 'place.txt')) - short)
             | entries(os.path.join(a.rules, 'org.txt'))
             | entries(os.path.join(a.rules, 'place_world.txt')))
    gold = gold_strings()
    out = {'place': [], 'org': []}
    dropped = collections.Counter()
    if dropped_quoted:
        dropped['quoted'] = dropped_quoted
    for s, kinds in cands.items():
        kinds.sort(reverse=True)
        k, kind = kinds[0]
        if len(kinds) > 1 and kinds[1][0] == k:
            dropped['tie'] += 1
            continue
        total_lab = sum(x for x, _ in kinds) + other[s]
        if k * 2 <= total_lab:
            dropped['mostly another type'] += 1
            continue
        cons = k / max(free[s], k)
        if cons < MIN_CONSISTENCY:
            dropped['inconsistent'] += 1
            continue
        if s in gold:
            dropped['corpus/gold string'] += 1
            continue
        if s in taken or (s in short and k < MIN_LABELLED_SHORT):
            dropped['already listed'] += 1
            continue
        out[kind].append((s, k, cons))

    day = header_day()
    what = {'place': 'place names (LOC / ns / address)',
            'org': 'organisation names (ORG / nt / organization, government, company)'}
    for kind, rows in out.items():
        rows.sort(key=lambda r: (-r[1], r[0]))
        path = os.path.join(a.rules, kind + '_mined.txt')
        with open(path, 'w', encoding='utf-8', newline='\n') as f:
            f.write('# %s_mined.txt - %s mined from public NER training data.\n' % (kind, what[kind]))
            f.write('# GENERATED by scripts/gen_mined_gazetteer.py on %s: do not edit by hand.\n'
                    % day.strftime('%Y-%m-%d'))
            f.write('# Inputs (shared/datasets, read only; FIRST 80% of lines of each\n'
                    '#   training file, the last 20% is held out for evaluation):\n')
            for u in used:
                f.write('#   %s\n' % u)
            f.write('# Method: a string annotated as a %s at least %d times, and so annotated\n'
                    '#   in >= %d%% of the places it is written (occurrences inside a longer\n'
                    '#   annotated span not counted), 2-%d characters, mostly annotated with\n'
                    '#   this type.  Person spans are never read.  Dropped: entries of\n'
                    '#   place.txt (but for its `short` forms labelled >= %d times, which\n'
                    '#   the mined entry replaces) / org.txt / place_world.txt, every\n'
                    '#   corpus/gold string, the PFR doubling quirk, strings wrapped in\n'
                    '#   quotation marks.  Dropped counts (both\n'
                    '#   files): %s.\n'
                    % (kind, MIN_LABELLED, int(MIN_CONSISTENCY * 100), MAX_LEN, MIN_LABELLED_SHORT,
                       ', '.join('%s %d' % kv for kv in sorted(dropped.items()))))
            f.write('# Format: name<TAB>labelled<TAB>consistency.  %d entries.\n' % len(rows))
            for s, k, c in rows:
                f.write('%s\t%d\t%.3f\n' % (s, k, c))
        print('wrote %s: %d entries' % (path, len(rows)), file=sys.stderr)


if __name__ == '__main__':
    main()
