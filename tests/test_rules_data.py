#!/usr/bin/env python3
"""Checks on the lexicon data in rules/*.txt (standard library only).

For every rules/*.txt file:
  - it is valid UTF-8 (no BOM, no CR line ends);
  - it starts with a '#' header comment;
  - every entry line (not a comment, not blank) is in NFKC form;
  - no entry (first TAB field, trimmed) occurs twice;
  - no entry field equals a PERSON string of the gold files, no comment
    contains one, and no entry line contains a PERSON string of 3 or more
    characters (rules generalise, they never memorise names).
Gold: corpus/gold/*.json in the repo; if that has none, ../shared/gold
beside the repo (or $NG_GOLD_DIR); if neither exists the PERSON check is
skipped with a message (the other checks still run).

Prints one line per check and "N passed, N failed" alone on the last
line; exits non-zero when a check failed.
"""
import glob
import json
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RULES = os.path.join(ROOT, 'rules')

passed = 0
failed = 0


def check(ok, name, detail=''):
    global passed, failed
    if ok:
        passed += 1
        print('PASS %s' % name)
    else:
        failed += 1
        print('FAIL %s%s' % (name, (': ' + detail) if detail else ''))


def gold_persons():
    dirs = []
    if os.environ.get('NG_GOLD_DIR'):
        dirs.append(os.environ['NG_GOLD_DIR'])
    dirs += [os.path.join(ROOT, 'corpus', 'gold'),
             os.path.normpath(os.path.join(ROOT, '..', 'shared', 'gold'))]
    for d in dirs:
        files = sorted(glob.glob(os.path.join(d, '*.json')))
        if not files:
            continue
        names = set()
        for fn in files:
            with open(fn, encoding='utf-8') as f:
                doc = json.load(f)
            for sec in ('entities', 'optional'):
                for s in (doc.get(sec) or {}).get('PERSON', []) or []:
                    names.add(unicodedata.normalize('NFKC', s).strip())
            for r in doc.get('relations', []) or []:
                if r.get('person'):
                    names.add(unicodedata.normalize('NFKC', r['person']).strip())
        names.discard('')
        return d, names
    return None, set()


def entries(text):
    """(line number, line, fields) of entry lines."""
    for i, raw in enumerate(text.split('\n'), 1):
        line = raw.strip()
        if not line or line.startswith('#'):
            continue
        yield i, line, [f.strip() for f in line.split('\t')]


def main():
    files = sorted(glob.glob(os.path.join(RULES, '*.txt')))
    check(bool(files), 'rules/*.txt exist', 'no file in %s' % RULES)
    gdir, persons = gold_persons()
    if gdir is None:
        print('SKIP person-name check: no gold files in corpus/gold or '
              '../shared/gold')
    else:
        print('gold: %d PERSON strings from %s' % (len(persons), gdir))
    long_persons = sorted(p for p in persons if len(p) >= 3)

    for path in files:
        name = 'rules/' + os.path.basename(path)
        with open(path, 'rb') as f:
            data = f.read()
        try:
            text = data.decode('utf-8')
        except UnicodeDecodeError as e:
            check(False, name + ' utf-8', str(e))
            continue
        check(not text.startswith('\ufeff') and '\r' not in text,
              name + ' utf-8', 'BOM or CR line ends')
        check(text.startswith('#'), name + ' header comment',
              'first line is not a # comment')

        bad = [(i, line) for i, line, _ in entries(text)
               if unicodedata.normalize('NFKC', line) != line]
        check(not bad, name + ' NFKC',
              '%d lines not NFKC, first line %d: %r' % (
                  len(bad), bad[0][0], bad[0][1]) if bad else '')

        seen = {}
        dups = []
        for i, line, fields in entries(text):
            key = fields[0]
            if key in seen:
                dups.append((key, seen[key], i))
            else:
                seen[key] = i
        check(not dups, name + ' no duplicates',
              '%d duplicates, e.g. %r at lines %d and %d' % (
                  (len(dups),) + dups[0]) if dups else '')

        if gdir is not None:
            hits = []
            for i, raw in enumerate(text.split('\n'), 1):
                if raw.lstrip().startswith('#'):    # comments: any name
                    hits += [(i, p) for p in persons if p in raw]
            for i, line, fields in entries(text):
                for fl in fields:
                    if fl in persons:
                        hits.append((i, fl))
                for p in long_persons:
                    if p in line and (i, p) not in hits:
                        hits.append((i, p))
            check(not hits, name + ' no gold PERSON strings',
                  '%d hits, e.g. %r at line %d' % (
                      len(hits), hits[0][1], hits[0][0]) if hits else '')

    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
