"""Library errors become NewsgraphError; misuse raises Python errors."""
from __future__ import annotations

import pytest

import newsgraph
from conftest import SENTENCE


def test_missing_rules_dir(tmp_path):
    missing = tmp_path / "no-such-dir"
    with pytest.raises(newsgraph.NewsgraphError) as ei:
        newsgraph.Extractor(missing)
    e = ei.value
    assert e.code == newsgraph.Status.IO
    assert str(missing) in e.message and str(missing) in str(e)


def test_missing_lexicon_dir(tmp_path):
    with pytest.raises(newsgraph.NewsgraphError) as ei:
        newsgraph.Extractor(lexicons=[tmp_path / "nope"])
    assert ei.value.code == newsgraph.Status.IO


def test_malformed_rules_file(tmp_path):
    (tmp_path / "patterns.txt").write_text("# broken\nno tab here\n",
                                           encoding="utf-8")
    with pytest.raises(newsgraph.NewsgraphError) as ei:
        newsgraph.Extractor(lexicons=[tmp_path])
    e = ei.value
    assert e.code in (newsgraph.Status.RULES, newsgraph.Status.PATTERN)
    assert e.file.endswith("patterns.txt") and e.line == 2
    assert "patterns.txt:2" in e.message


def test_closed_extractor():
    ex = newsgraph.Extractor()
    ex.close()
    ex.close()                                  # idempotent
    assert ex.closed
    with pytest.raises(ValueError, match="closed"):
        ex.extract(SENTENCE)
    with newsgraph.Extractor() as ex2:
        ex2.extract(SENTENCE)
    with pytest.raises(ValueError):
        ex2.extract(SENTENCE)


def test_bad_text_type(extractor):
    with pytest.raises(TypeError):
        extractor.extract(123)  # type: ignore[arg-type]
