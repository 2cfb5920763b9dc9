"""No leak: library memory is freed deterministically."""
from __future__ import annotations

import ctypes
import gc

import newsgraph
from conftest import SENTENCE, needs_graph

LIMIT_KB = 5 * 1024

# glibc keeps freed heap memory (a rules load frees tens of MB) and hands
# it back at moments of its own choosing, so RSS jumps by megabytes with
# no leak; malloc_trim(0) hands it back before each reading.
try:
    _TRIM = ctypes.CDLL(None).malloc_trim
except (OSError, AttributeError):
    _TRIM = None


def rss_kb() -> int:
    gc.collect()
    if _TRIM is not None:
        _TRIM(0)
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def test_no_leak_over_10000_extracts(extractor):
    for _ in range(500):                         # warm up allocator and caches
        extractor.extract(SENTENCE).to_dict()
    gc.collect()
    before = rss_kb()
    for _ in range(10_000):
        extractor.extract(SENTENCE)
    gc.collect()
    growth = rss_kb() - before
    print(f"RSS growth over 10,000 extract calls: {growth} kB")
    assert growth < LIMIT_KB, f"RSS grew by {growth} kB over 10,000 calls"


def test_no_leak_extractor_lifecycle():
    for _ in range(3):
        newsgraph.Extractor().close()
    gc.collect()
    before = rss_kb()
    for _ in range(30):
        with newsgraph.Extractor() as ex:
            ex.extract(SENTENCE)
    for _ in range(10):
        newsgraph.Extractor()                    # freed by __del__
    gc.collect()
    growth = rss_kb() - before
    assert growth < LIMIT_KB, f"RSS grew by {growth} kB over 40 rule loads"


@needs_graph
def test_no_leak_graphs(extractor):
    doc = extractor.extract(SENTENCE, "m")
    for _ in range(100):
        with newsgraph.Graph([doc]) as g:
            g.render("json")
    gc.collect()
    before = rss_kb()
    for _ in range(2_000):
        with newsgraph.Graph([doc]) as g:
            for fmt in newsgraph.FORMATS:
                g.render(fmt)
    gc.collect()
    growth = rss_kb() - before
    assert growth < LIMIT_KB, f"RSS grew by {growth} kB over 2,000 graphs"
