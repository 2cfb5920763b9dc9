"""Shared fixtures.  Run with NEWSGRAPH_LIBRARY (the built library),
NEWSGRAPH_RULES (the source rules) and PYTHONPATH=python set, as ctest does
(cmake/python_tests.cmake); NEWSGRAPH_BIN (the CLI) enables the comparison
with the command-line tool."""
from __future__ import annotations

import glob
import os
import unicodedata
from typing import Iterator, List

import pytest

import newsgraph

SOURCE = os.environ.get(
    "NEWSGRAPH_SOURCE",
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CORPUS = sorted(glob.glob(os.path.join(SOURCE, "corpus", "*.txt")))

# An invented sentence (no real person): 宋立平 holds 党委书记 of 星湖社区.
SENTENCE = "昨日,星湖社区党委书记宋立平介绍,社区今年新建了三处公园。"

# Short texts of every kind the offset tests use, for the thread tests.
CASES_FOR_THREADS = [
    SENTENCE,
    "（本报讯）ＡＢＣ１２３　昨日，星湖社区党委书记宋立平介绍。",
    "昨日,星湖社区党委书\n记宋立\n平介绍,社区今年新建了三处公园。",
    "😀🎉 " + SENTENCE + " 🇨🇳",
    "𠀀𠮷" + SENTENCE,
    "",
]

needs_graph = pytest.mark.skipif(
    not newsgraph.has_graph(),
    reason=f"{newsgraph.library_path} has no ng_graph_* (lib/graph.c not built yet)")


@pytest.fixture(scope="session")
def extractor() -> Iterator[newsgraph.Extractor]:
    with newsgraph.Extractor() as ex:
        yield ex


@pytest.fixture(scope="session")
def corpus() -> List[str]:
    assert CORPUS, f"no corpus/*.txt under {SOURCE}"
    return CORPUS


def norm(s: str) -> str:
    """NFKC without whitespace: what an entity's text is made of."""
    return "".join(c for c in unicodedata.normalize("NFKC", s) if not c.isspace())


def check_offsets(doc: newsgraph.Document) -> None:
    """Every mention and evidence span cuts the document's text exactly."""
    raw = doc.text.encode("utf-8", "replace")
    for e in doc.entities:
        names = {norm(e.text)} | {norm(a) for a in e.aliases}
        assert e.mentions, e
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(doc.text)
            assert m.text == doc.text[m.start:m.end]
            assert norm(m.text) in names, (m, e)
            assert raw[m.byte_start:m.byte_end].decode("utf-8") == m.text
    for r in doc.relations:
        ev = r.evidence
        assert ev.text == doc.text[ev.start:ev.end]
        assert raw[ev.byte_start:ev.byte_end].decode("utf-8") == ev.text
