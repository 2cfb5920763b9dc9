"""A minimal in-tree PEP 517 build backend for the newsgraph package.

The package is pure Python, so a wheel is a zip of newsgraph/ plus the
metadata files.  An in-tree backend needs nothing installed to build, so
`pip install ./python` works offline (no setuptools download into pip's
isolated build environment).
"""
import base64
import hashlib
import io
import os
import tarfile
import zipfile

NAME = "newsgraph"
VERSION = "0.1.0"
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAG = "py3-none-any"
METADATA = f"""Metadata-Version: 2.1
Name: {NAME}
Version: {VERSION}
Summary: Rule-based entity and relation extraction for Chinese news (ctypes binding of libnewsgraph)
Requires-Python: >=3.8
Provides-Extra: networkx
Requires-Dist: networkx; extra == "networkx"
"""


def _package_files():
    root = os.path.join(HERE, NAME)
    for base, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for f in sorted(files):
            if f.endswith((".py", ".typed", ".so")) or ".so." in f:
                full = os.path.join(base, f)
                yield full, os.path.relpath(full, HERE).replace(os.sep, "/")


def _record_line(arc, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arc},sha256={digest},{len(data)}"


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name = f"{NAME}-{VERSION}-{TAG}.whl"
    dist = f"{NAME}-{VERSION}.dist-info"
    records = []
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w", zipfile.ZIP_DEFLATED) as z:
        for full, arc in _package_files():
            with open(full, "rb") as fh:
                data = fh.read()
            z.writestr(arc, data)
            records.append(_record_line(arc, data))
        meta = {
            f"{dist}/METADATA": METADATA.encode(),
            f"{dist}/WHEEL": f"Wheel-Version: 1.0\nGenerator: ng_build\nRoot-Is-Purelib: true\nTag: {TAG}\n".encode(),
            f"{dist}/top_level.txt": f"{NAME}\n".encode(),
        }
        for arc, data in meta.items():
            z.writestr(arc, data)
            records.append(_record_line(arc, data))
        records.append(f"{dist}/RECORD,,")
        z.writestr(f"{dist}/RECORD", "\n".join(records) + "\n")
    return name


def build_sdist(sdist_directory, config_settings=None):
    base = f"{NAME}-{VERSION}"
    name = f"{base}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as t:
        for rel in ("pyproject.toml", "README.md"):
            t.add(os.path.join(HERE, rel), f"{base}/{rel}")
        t.add(os.path.join(HERE, "_backend", "ng_build.py"), f"{base}/_backend/ng_build.py")
        for full, arc in _package_files():
            t.add(full, f"{base}/{arc}")
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = METADATA.encode()
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    return name
