"""Document.to_dict()/to_json() are the command-line tool's output."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import SENTENCE

BIN = os.environ.get("NEWSGRAPH_BIN")
pytestmark = pytest.mark.skipif(not BIN, reason="NEWSGRAPH_BIN (the built CLI) not set")

TEXTS = {
    "sentence.txt": SENTENCE,
    "emoji.txt": "😀 " + SENTENCE + "\n𠀀𠮷 第二段。",
    "linebreak.txt": "昨日,星湖社区党委书\n记宋立\n平介绍。",
}


def test_to_dict_equals_cli(extractor, corpus, tmp_path):
    paths = list(corpus)
    for name, text in TEXTS.items():
        p = tmp_path / name
        p.write_bytes(text.encode("utf-8"))
        paths.append(str(p))
    r = subprocess.run([BIN] + paths, capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    lines = r.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(paths)
    for path, line in zip(paths, lines):
        with open(path, "rb") as f:
            doc = extractor.extract(f.read(), doc_id=os.path.basename(path))
        assert doc.to_dict() == json.loads(line), path
        assert doc.to_json() == line, path
