"""Extractor.extract and the result classes."""
from __future__ import annotations

import sys

import pytest

import newsgraph
from conftest import SENTENCE, check_offsets


def person(doc: newsgraph.Document, name: str) -> newsgraph.Entity:
    found = [e for e in doc.of_type("PERSON") if e.text == name]
    assert found, f"no PERSON {name!r} in {doc.entities}"
    return found[0]


def test_person_and_holds_position(extractor):
    doc = extractor.extract(SENTENCE, doc_id="demo")
    assert doc.doc_id == "demo" and doc.text == SENTENCE
    p = person(doc, "宋立平")
    m = p.mentions[0]
    assert SENTENCE[m.start:m.end] == "宋立平" == m.text
    assert SENTENCE.encode()[m.byte_start:m.byte_end] == "宋立平".encode()
    assert m.sentence == 0 and m.rule
    holds = [r for r in doc.relations if r.type == "holds_position"]
    assert holds, doc.relations
    r = holds[0]
    assert r.person is p
    assert r.position is not None and r.position.text == "党委书记"
    assert r.org is not None and r.org.text == "星湖社区"
    assert r.status == "current" and not r.former and not r.resolved
    assert r.child is None and r.parent is None and r.rule
    assert SENTENCE[r.evidence.start:r.evidence.end] == r.evidence.text
    assert "宋立平" in r.evidence.text
    check_offsets(doc)


def test_classes_are_frozen(extractor):
    doc = extractor.extract(SENTENCE)
    with pytest.raises(AttributeError):
        doc.entities[0].text = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        doc.doc_id = "x"  # type: ignore[misc]
    assert doc == extractor.extract(SENTENCE)
    assert doc.entity("e0") is doc.entities[0]
    with pytest.raises(KeyError):
        doc.entity("e999")
    assert "宋立平" in repr(doc.relations[0])


def test_default_id_and_empty_text(extractor):
    doc = extractor.extract("")
    assert doc.doc_id == "" and doc.entities == () and doc.relations == ()
    assert doc.to_dict() == {"doc": "", "entities": [], "relations": [],
                             "warnings": []}


def test_to_dict_and_to_json(extractor):
    doc = extractor.extract(SENTENCE, "d1")
    d = doc.to_dict()
    assert list(d) == ["doc", "entities", "relations", "warnings"]
    assert d["doc"] == "d1"
    assert [e["id"] for e in d["entities"]] == [e.id for e in doc.entities]
    assert [r["id"] for r in d["relations"]] == [r.id for r in doc.relations]
    d["entities"].clear()                       # a copy: the doc is intact
    assert doc.to_dict()["entities"]
    assert "\n" not in doc.to_json()
    assert newsgraph.Document.from_json(doc.to_json(), doc.text) == doc
    import json
    assert json.loads(doc.to_json(indent=2)) == doc.to_dict()


def test_bytes_input_and_invalid_utf8(extractor):
    raw = b"\xff\xfe" + SENTENCE.encode()
    doc = extractor.extract(raw)
    assert doc.text == raw.decode("utf-8", "replace")
    assert doc.warnings, "invalid bytes are reported as a warning"
    m = person(doc, "宋立平").mentions[0]
    assert doc.text[m.start:m.end] == "宋立平"
    assert raw[m.byte_start:m.byte_end] == "宋立平".encode()


def test_nul_is_text(extractor):
    text = "\0" * 3 + SENTENCE
    doc = extractor.extract(text)
    m = person(doc, "宋立平").mentions[0]
    assert text[m.start:m.end] == "宋立平"


def test_user_lexicon(tmp_path):
    text = "今天，青禾织造发布了新产品。"
    (tmp_path / "org.txt").write_text("# a user lexicon for the test\n青禾织造\n",
                                      encoding="utf-8")
    with newsgraph.Extractor() as base:
        assert not [e for e in base.extract(text).entities if e.text == "青禾织造"]
    with newsgraph.Extractor(lexicons=[tmp_path]) as ex:
        orgs = [e for e in ex.extract(text).of_type("ORG") if e.text == "青禾织造"]
        assert orgs and str(tmp_path) in orgs[0].mentions[0].rule
    with newsgraph.Extractor(rules=None, lexicons=str(tmp_path)) as ex:
        assert ex.extract(text).of_type("ORG")


def test_explicit_rules_dir():
    import os
    with newsgraph.Extractor(os.environ["NEWSGRAPH_RULES"]) as ex:
        assert ex.entry_count > 0 and ex.pattern_count > 0
        assert person(ex.extract(SENTENCE), "宋立平")


def test_to_networkx(extractor):
    nx = pytest.importorskip("networkx")
    doc = extractor.extract(SENTENCE)
    g = doc.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_nodes() == len(doc.entities)
    assert g.number_of_edges() == len(doc.relations)
    p = person(doc, "宋立平")
    assert g.nodes[p.id]["type"] == "PERSON" and g.nodes[p.id]["text"] == "宋立平"
    r = doc.relations[0]
    data = g.get_edge_data(p.id, r.org.id)[r.id]
    assert data["type"] == "holds_position" and data["position"] == "党委书记"


def test_to_networkx_without_networkx(extractor, monkeypatch):
    monkeypatch.setitem(sys.modules, "networkx", None)
    with pytest.raises(ImportError, match="networkx"):
        extractor.extract(SENTENCE).to_networkx()


def test_library_info():
    assert newsgraph.library_version().count(".") == 2
    assert newsgraph.default_rules_dir()
    assert newsgraph.library_path


def test_workspace_reuse_matches_fresh(extractor, monkeypatch):
    """extract() reuses the thread's workspace (ng_extract_ws); documents
    in any order give what extraction without one gives."""
    from newsgraph import _extractor, _lib
    texts = [SENTENCE, "", "记者林小溪报道。", SENTENCE * 20, b"\xff\x00\xe4", SENTENCE]
    reused = [extractor.extract(t).to_dict() for t in texts]
    assert _lib.has_workspace
    monkeypatch.setattr(_lib, "has_workspace", False)
    monkeypatch.setattr(_extractor, "_local", __import__("threading").local())
    fresh = [extractor.extract(t).to_dict() for t in texts]
    assert reused == fresh
