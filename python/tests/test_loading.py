"""Where the package finds libnewsgraph: $NEWSGRAPH_LIBRARY, next to the
package, the system's library path; a clear ImportError otherwise."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Dict, Optional

import newsgraph

PKG = os.path.dirname(os.path.abspath(newsgraph.__file__))
PROBE = "import newsgraph; print(newsgraph.library_path)"


def run(env_updates: Dict[str, Optional[str]], pythonpath: Optional[str] = None):
    env = dict(os.environ)
    for k, v in env_updates.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    return subprocess.run([sys.executable, "-c", PROBE], env=env,
                          capture_output=True, text=True, timeout=60)


def copy_package(dest) -> str:
    shutil.copytree(PKG, dest / "newsgraph",
                    ignore=shutil.ignore_patterns("__pycache__", "*.so*"))
    return str(dest)


def test_env_library_is_used():
    r = run({})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == os.environ["NEWSGRAPH_LIBRARY"]


def test_library_next_to_package(tmp_path):
    root = copy_package(tmp_path)
    lib = os.path.join(root, "newsgraph", "libnewsgraph.so.0")
    shutil.copy(newsgraph.library_path, lib)
    r = run({"NEWSGRAPH_LIBRARY": None, "LD_LIBRARY_PATH": None}, root)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == lib


def test_system_library_path(tmp_path):
    root = copy_package(tmp_path)
    libdir = tmp_path / "libs"
    libdir.mkdir()
    shutil.copy(newsgraph.library_path, libdir / "libnewsgraph.so.0")
    r = run({"NEWSGRAPH_LIBRARY": None, "LD_LIBRARY_PATH": str(libdir)}, root)
    assert r.returncode == 0, r.stderr
    assert "libnewsgraph.so" in r.stdout


def test_import_error_names_what_was_tried(tmp_path):
    bad = str(tmp_path / "libnope.so")
    r = run({"NEWSGRAPH_LIBRARY": bad})
    assert r.returncode != 0
    assert "ImportError" in r.stderr and bad in r.stderr


def test_import_error_not_a_library(tmp_path):
    junk = tmp_path / "libnewsgraph.so"
    junk.write_bytes(b"not an ELF file")
    r = run({"NEWSGRAPH_LIBRARY": str(junk)})
    assert r.returncode != 0 and "ImportError" in r.stderr and str(junk) in r.stderr


def test_import_error_lists_every_place(tmp_path):
    root = copy_package(tmp_path)
    r = run({"NEWSGRAPH_LIBRARY": None, "LD_LIBRARY_PATH": None}, root)
    if r.returncode == 0:        # a libnewsgraph is installed system-wide
        return
    assert "ImportError" in r.stderr
    assert os.path.join(root, "newsgraph", "libnewsgraph.so.0") in r.stderr
    assert "NEWSGRAPH_LIBRARY" in r.stderr
