"""The package against an INSTALLED library (cmake --install): skipped
unless NEWSGRAPH_INSTALLED_LIBRARY names its libnewsgraph.so."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import SENTENCE

LIB = os.environ.get("NEWSGRAPH_INSTALLED_LIBRARY")

SCRIPT = f"""
import newsgraph, os, sys
assert newsgraph.library_path == os.environ["NEWSGRAPH_LIBRARY"], newsgraph.library_path
text = {SENTENCE!r}
with newsgraph.Extractor() as ex:
    doc = ex.extract(text)
p = [e for e in doc.of_type("PERSON") if e.text == "宋立平"][0]
m = p.mentions[0]
assert text[m.start:m.end] == "宋立平"
assert any(r.type == "holds_position" and r.person is p for r in doc.relations)
print("ok", newsgraph.library_version())
"""


@pytest.mark.skipif(not LIB, reason="NEWSGRAPH_INSTALLED_LIBRARY not set")
def test_installed_library():
    assert LIB is not None and os.path.exists(LIB), LIB
    env = dict(os.environ, NEWSGRAPH_LIBRARY=LIB)
    # The installed rules: PREFIX/share/newsgraph/rules, PREFIX = lib/..(/..)
    d = os.path.dirname(os.path.abspath(LIB))
    for prefix in (os.path.dirname(d), os.path.dirname(os.path.dirname(d))):
        rules = os.path.join(prefix, "share", "newsgraph", "rules")
        if os.path.isdir(rules):
            env["NEWSGRAPH_RULES"] = rules
            break
    else:
        env.pop("NEWSGRAPH_RULES", None)         # the compiled-in path
    r = subprocess.run([sys.executable, "-c", SCRIPT], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ok")
