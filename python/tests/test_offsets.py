"""Offsets are Python str indices: the library counts code points, as
Python does, in the ORIGINAL text (before NFKC and line-break joining)."""
from __future__ import annotations

import pytest

from conftest import SENTENCE, check_offsets, norm

CASES = {
    "full-width": "（本报讯）ＡＢＣ１２３　昨日，星湖社区党委书记宋立平介绍，社区今年新建了３处公园。",
    # hard-wrapped paragraph lines (a short line without punctuation would
    # be a heading, whose break the library keeps: GUIDELINES.md)
    "line break in a word": "昨日,星湖社区党委书\n记宋立平介绍,社区今年新建了三处公\n园,居民都很满意。",
    "line break in a name": "昨日,星湖社区党委书记宋立\n平介绍,社区今年新建了三处公园。",
    "CRLF in a word": "昨日,星湖社区党委书记宋\r\n立平介绍,社区今年新建了三处公园。",
    "emoji": "😀🎉👨‍👩‍👧 " + SENTENCE + " 🇨🇳 好👍",
    "astral CJK": "𠀀𠮷𡈽𝕏" + SENTENCE + "𪚥𫝀",
    "emoji inside": "昨日,星湖社区党委书记宋立平😀介绍,社区今年新建了三处公园。",
    "combining": "e\u0301e\u0301" + SENTENCE,
    "lone surrogate": "\ud800" + SENTENCE,
}


@pytest.mark.parametrize("name", list(CASES))
def test_offsets_cut_exactly(extractor, name):
    text = CASES[name]
    doc = extractor.extract(text)
    assert doc.text == text
    check_offsets(doc)
    persons = [e for e in doc.of_type("PERSON") if e.text == "宋立平"]
    assert persons, (name, doc.entities)
    for m in persons[0].mentions:
        cut = text[m.start:m.end]
        assert norm(cut) == "宋立平", (name, cut)
        if "\n" not in cut:
            assert cut == "宋立平", (name, cut)


def test_line_break_mention_spans_the_break(extractor):
    text = CASES["line break in a name"]
    doc = extractor.extract(text)
    p = [e for e in doc.of_type("PERSON") if e.text == "宋立平"][0]
    assert text[p.mentions[0].start:p.mentions[0].end] == "宋立\n平"


def test_corpus_offsets(extractor, corpus):
    for path in corpus:
        with open(path, "rb") as f:
            raw = f.read()
        doc = extractor.extract(raw, doc_id=path)
        assert doc.entities
        check_offsets(doc)
