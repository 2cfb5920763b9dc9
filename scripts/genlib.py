"""What the lexicon generators in scripts/ share (standard library only).

Not a generator itself: scripts/gen_*.py import it from their own
directory.  Paths are those of the repository this file is in; the
datasets are read from ../shared/datasets beside it, never copied.
"""
import glob
import json
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_DS = os.path.normpath(os.path.join(ROOT, '..', 'shared', 'datasets'))


def nfkc(s):
    return unicodedata.normalize('NFKC', s)


def is_han(c):
    return '\u4e00' <= c <= '\u9fff' or '\u3400' <= c <= '\u4dbf'


def first_fields(path):
    """The entries (first TAB-separated field) of a rules file; an empty
    set when it is absent."""
    out = set()
    if not os.path.exists(path):
        return out
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                out.add(line.split('\t')[0].strip())
    return out


def gold_strings(relations=False):
    """Every string of corpus/gold (NFKC), entities and optional ones, and
    with `relations` the strings the relations name too: generators leave
    them out so that no figure rests on a memorised corpus string."""
    out = set()
    for p in glob.glob(os.path.join(ROOT, 'corpus', 'gold', '*.json')):
        with open(p, encoding='utf-8') as f:
            g = json.load(f)
        for part in ('entities', 'optional'):
            for vals in g.get(part, {}).values():
                out.update(nfkc(v) for v in vals)
        if relations:
            for r in g.get('relations', []):
                for k in ('person', 'org', 'position', 'child', 'parent'):
                    if r.get(k):
                        out.add(nfkc(r[k]))
    return out


def load_surnames(path):
    """rules/surname.txt as (single-character, compound) surname sets."""
    single, compound = set(), set()
    for s in first_fields(path):
        (single if len(s) == 1 else compound).add(s)
    return single, compound


def header_day():
    """The date a generated file's header gives: $SOURCE_DATE_EPOCH's when
    set (reproducible builds), else today's, in UTC."""
    import datetime
    ep = os.environ.get('SOURCE_DATE_EPOCH')
    return (datetime.datetime.fromtimestamp(int(ep), datetime.timezone.utc)
            if ep else datetime.datetime.now(datetime.timezone.utc))


def last_numbers(path):
    """{entry: its last field as a number} of a rules file of statistics
    (given_char.txt, surname_stat.txt); lines whose last field is not a
    number are left out, and an absent file gives {}."""
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            p = line.rstrip('\n').split('\t')
            try:
                out[p[0]] = float(p[-1])
            except ValueError:
                pass
    return out
