"""The person-name model's score of a word, for the generators.

jieba tags a few names as time words (t): a famous name that dates an era
is written like one.  A generator of ordinary-word lists asks
looks_like_name() before taking a t word, so that no name sits in a
word list because of a tag: the word is scored as lib/names.c scores a
bare name (surname_stat.txt ratio of its surname times the
given_char.txt ratios of the rest) and is a name when the score clears
NAME_BAR, a bar well above the extractor's own (-8 for three
characters): the list loses only words that read as names.  No name is
listed anywhere.
"""
import math
import os

from genlib import last_numbers

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = os.path.join(os.path.dirname(HERE), 'rules')
NAME_BAR = -6.5
FLOOR = 1e-4




_SURNAME = None
_GIVEN = None


def score(word):
    """log score of word as surname + two-character given name, or None if
    it cannot be one (two-character words, 夏天 唐代, are left alone: a
    one-character given name is too weak a reading to drop a word for)."""
    global _SURNAME, _GIVEN
    if _SURNAME is None:
        _SURNAME = last_numbers(os.path.join(RULES, 'surname_stat.txt'))
        _GIVEN = last_numbers(os.path.join(RULES, 'given_char.txt'))
    for sl in (2, 1):
        s = word[:sl]
        if s in _SURNAME and len(word) - sl == 2:
            sc = math.log(max(_SURNAME[s], FLOOR))
            for c in word[sl:]:
                sc += math.log(max(_GIVEN.get(c, FLOOR), FLOOR))
            return sc
    return None


def looks_like_name(word):
    sc = score(word)
    return sc is not None and sc >= NAME_BAR
