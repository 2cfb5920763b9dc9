#!/usr/bin/env python3
"""Generate rules/surname_stat.txt and rules/translit_char.txt: the
character statistics of the person-name model (lib/names.c).

CHARACTER statistics, not name lists: no name is ever written anywhere.

Inputs (read only, never copied into the project), FIRST 80% of the lines
of each file (the last 20% is held out for evaluation):
  msra/train.jsonl (PER spans), peoples_daily_pfr1998/train.jsonl (nr)
and rules/surname.txt (the surname lexicon).

surname_stat.txt - how often a surname, where it is written, begins a
  person name: for every surname of surname.txt (compound ones too),
  count = PER/nr spans of 2-4 Han characters that begin with it and
  split as surname + 1-2 given characters, total = its occurrences in the
  text read, ratio = (count + 0.1) / (total + 2) (smoothed).  Surnames
  with count >= 1.  Fields: surname<TAB>count<TAB>ratio.
translit_char.txt - how often a character, where it is written, is part
  of a transliterated (foreign) name: PER/nr spans that do not split as a
  Chinese name (surname + 1-2 given characters) or that hold a middle dot,
  2 or more characters; count = the character's occurrences in them,
  ratio = (count + 0.1) / (total + 2).  Characters with count >= 3.
  Fields: char<TAB>count<TAB>ratio.

Usage: python3 scripts/gen_name_model.py [--datasets DIR]
Deterministic; the header's date is today's, or $SOURCE_DATE_EPOCH's.
Standard library only.
"""
import argparse
import collections
import json
import os
import sys
import unicodedata

from genlib import DEFAULT_DS, ROOT, is_han, load_surnames, header_day
INPUTS = [('msra/train.jsonl', 'PER'),
          ('peoples_daily_pfr1998/train.jsonl', 'nr')]
FRACTION = 0.8
DOTS = '·•‧・'






def split(name, single, compound):
    if len(name) >= 3 and name[:2] in compound:
        return name[:2], name[2:]
    if name[0] in single:
        return name[0], name[1:]
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--datasets', default=DEFAULT_DS)
    a = ap.parse_args()
    single, compound = load_surnames(os.path.join(ROOT, 'rules', 'surname.txt'))
    s_count, s_total = collections.Counter(), collections.Counter()
    t_count, c_total = collections.Counter(), collections.Counter()
    used = []
    for rel, label in INPUTS:
        with open(os.path.join(a.datasets, rel), encoding='utf-8') as f:
            lines = [l for l in f if l.strip()]
        n = int(len(lines) * FRACTION)
        used.append('%s: first %d of %d lines' % (rel, n, len(lines)))
        for line in lines[:n]:
            rec = json.loads(line)
            text = unicodedata.normalize('NFKC', rec['text'])
            c_total.update(text)
            for i, c in enumerate(text):
                if c in single:
                    s_total[c] += 1
                if text[i:i + 2] in compound:
                    s_total[text[i:i + 2]] += 1
            for sp in rec.get('spans', []):
                if sp['type'] != label:
                    continue
                name = unicodedata.normalize('NFKC', sp.get('text', ''))
                if len(name) < 2 or (len(name) == 2 and name[0] == name[1]):
                    continue        # the PFR doubling quirk (江江)
                sp_ = split(name, single, compound)
                dotted = any(d in name for d in DOTS)
                if (not dotted and sp_ and 1 <= len(sp_[1]) <= 2 and len(name) <= 4
                        and all(is_han(c) for c in name)):
                    s_count[sp_[0]] += 1
                else:
                    t_count.update(c for c in name if is_han(c))
    day = header_day()
    files = [
        ('surname_stat.txt', 'how often a surname, where written, begins a person name',
         'PER/nr spans of 2-4 Han characters splitting as surname (rules/surname.txt,\n'
         '#   compound first) + 1-2 given characters; count = such spans beginning\n'
         '#   with the surname, total = its occurrences in the text read.\n'
         '#   Surnames with count >= 1.',
         'surname', [(s, k, s_total[s]) for s, k in s_count.items() if k >= 1]),
        ('translit_char.txt', 'how often a character, where written, is part of a '
         'transliterated name',
         'PER/nr spans of 2+ characters that do not split as surname + 1-2\n'
         '#   given characters, or that hold a middle dot (foreign names: 克林顿,\n'
         '#   约翰·里德); count = the character\'s occurrences in them, total = its\n'
         '#   occurrences in the text read.  Characters with count >= 3.',
         'char', [(c, k, c_total[c]) for c, k in t_count.items() if k >= 3]),
    ]
    for name, what, method, field, rows in files:
        rows.sort(key=lambda r: (-r[1], r[0]))
        path = os.path.join(ROOT, 'rules', name)
        with open(path, 'w', encoding='utf-8', newline='\n') as f:
            f.write('# %s - %s\n#   (a character statistic of the person-name model, not a name list).\n'
                    % (name, what))
            f.write('# GENERATED by scripts/gen_name_model.py on %s: do not edit by hand.\n'
                    % day.strftime('%Y-%m-%d'))
            f.write('# Inputs (shared/datasets, read only, FIRST 80% of lines of each training\n'
                    '#   file; the last 20% is held out for evaluation):\n')
            for u in used:
                f.write('#   %s\n' % u)
            f.write('# Method: %s\n' % method)
            f.write('# Format: %s<TAB>count<TAB>ratio, ratio = (count + 0.1) / (total + 2).\n'
                    '#   %d entries, by count.\n' % (field, len(rows)))
            for s, k, t in rows:
                f.write('%s\t%d\t%.5f\n' % (s, k, (k + 0.1) / (t + 2)))
        print('wrote %s: %d entries' % (path, len(rows)), file=sys.stderr)


if __name__ == '__main__':
    main()
