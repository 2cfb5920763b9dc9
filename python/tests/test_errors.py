"""Library errors become NewsgraphError; misuse raises Python errors."""
from __future__ import annotations

import pickle

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


def malformed_rules_error(tmp_path):
    """The error of a rules directory whose patterns.txt breaks at line 2."""
    (tmp_path / "patterns.txt").write_text("# broken\nno tab here\n",
                                           encoding="utf-8")
    with pytest.raises(newsgraph.NewsgraphError) as ei:
        newsgraph.Extractor(lexicons=[tmp_path])
    return ei.value


def test_malformed_rules_file(tmp_path):
    e = malformed_rules_error(tmp_path)
    assert e.code in (newsgraph.Status.RULES, newsgraph.Status.PATTERN)
    assert e.file.endswith("patterns.txt") and e.line == 2
    assert "patterns.txt:2" in e.message


def test_error_pickles(tmp_path):
    # As it must to come back from another process (Dask workers,
    # multiprocessing): same class, code, message, file and line.
    e = malformed_rules_error(tmp_path)
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(e, protocol=proto))
        assert type(back) is newsgraph.NewsgraphError
        assert (back.code, back.message, back.file, back.line) == \
            (e.code, e.message, e.file, e.line)
        assert isinstance(back.code, newsgraph.Status)
        assert str(back) == str(e) and repr(back) == repr(e)
    # A code the binding does not know stays a plain int.
    odd = pickle.loads(pickle.dumps(newsgraph.NewsgraphError(99, "odd")))
    assert (odd.code, odd.message, odd.file, odd.line) == (99, "odd", "", 0)


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
