"""extract_many: parallel on the library's threads, results in input order,
bounded look-ahead."""
from __future__ import annotations

import threading
from typing import Iterator, List

import pytest

from conftest import CASES_FOR_THREADS


def items(corpus: List[str]) -> List[object]:
    out: List[object] = []
    for i, path in enumerate(corpus):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        out.append((f"c{i}", text))
        out.append({"id": f"p{i}", "text": text[: len(text) // 2]})
    out += CASES_FOR_THREADS
    return out * 5


def test_threads_match_sequential(extractor, corpus):
    work = items(corpus)
    seq = [d.to_dict() for d in extractor.extract_many(work, threads=1)]
    par = [d.to_dict() for d in extractor.extract_many(work, threads=4)]
    assert len(seq) == len(work)
    assert par == seq
    # ids: given ones kept, the 0-based index otherwise
    assert seq[0]["doc"] == "c0" and seq[1]["doc"] == "p0"
    first_str = next(i for i, w in enumerate(work) if isinstance(w, str))
    assert seq[first_str]["doc"] == str(first_str)


def test_all_cpus(extractor):
    docs = list(extractor.extract_many(CASES_FOR_THREADS, threads=0))
    assert [d.text for d in docs] == CASES_FOR_THREADS


def test_bounded_lookahead(extractor):
    consumed = 0

    def gen() -> Iterator[str]:
        nonlocal consumed
        for _ in range(10_000):
            consumed += 1
            yield CASES_FOR_THREADS[0]

    it = extractor.extract_many(gen(), threads=4, window=8)
    next(it)
    assert consumed <= 9, consumed
    for _ in range(20):
        next(it)
    assert consumed <= 30, consumed
    it.close()                      # stops early: no hang, pool shut down
    assert consumed < 100


def test_threads_share_one_extractor(extractor):
    want = extractor.extract(CASES_FOR_THREADS[0]).to_dict()
    bad: List[object] = []

    def work() -> None:
        for _ in range(200):
            got = extractor.extract(CASES_FOR_THREADS[0]).to_dict()
            if got != want:
                bad.append(got)

    ts = [threading.Thread(target=work) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not bad


def test_bad_items(extractor):
    with pytest.raises(TypeError):
        list(extractor.extract_many([42]))
    with pytest.raises(TypeError):
        list(extractor.extract_many([42], threads=2))
    with pytest.raises(ValueError):
        list(extractor.extract_many([], threads=-1))
