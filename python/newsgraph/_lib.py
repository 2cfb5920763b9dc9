"""Loading libnewsgraph through ctypes and declaring its functions.

The library is looked for, in this order:

1. ``$NEWSGRAPH_LIBRARY``, when set: that file and nothing else.
2. Next to the package: ``libnewsgraph.so.0`` / ``libnewsgraph.so`` (or the
   platform's equivalent) inside the ``newsgraph`` package directory.
3. The system's library path: ``ctypes.util.find_library("newsgraph")``,
   then ``libnewsgraph.so.0``.

If none loads, importing :mod:`newsgraph` raises :class:`ImportError`
naming every place that was tried and why it failed.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import enum
import os
import sys
from ctypes import (POINTER, Structure, c_char, c_char_p, c_int, c_size_t,
                    c_void_p)
from typing import List, Optional, Sequence, Tuple

__all__ = ["lib", "library_path", "has_graph", "NgError", "Status",
           "NewsgraphError", "raise_error", "take_string", "encode_path",
           "string_array"]


class Status(enum.IntEnum):
    """The library's ``ng_status`` codes."""

    OK = 0
    NOMEM = 1
    IO = 2
    RULES = 3
    PATTERN = 4
    ARG = 5
    INPUT = 6
    JSON = 7


class NgError(Structure):
    """``ng_error``: filled by a library function that fails."""

    _fields_ = [("code", c_int),
                ("message", c_char * 512),
                ("file", c_char * 256),
                ("line", c_int)]


class NewsgraphError(Exception):
    """An error reported by libnewsgraph.

    Attributes: ``code`` (a :class:`Status`), ``message`` (the library's
    sentence, naming file:line where it applies), ``file`` (the rules file
    at fault, or ``""``) and ``line`` (1-based, or 0).
    """

    def __init__(self, code: int, message: str, file: str = "", line: int = 0):
        try:
            self.code: Status | int = Status(code)
        except ValueError:
            self.code = code
        self.message = message
        self.file = file
        self.line = line
        super().__init__(message)

    def __reduce__(self) -> Tuple[type, Tuple[int, str, str, int]]:
        # Exception would pickle self.args, the message alone, which
        # __init__ cannot take back; so errors could not cross processes.
        return (type(self), (int(self.code), self.message, self.file, self.line))

    def __repr__(self) -> str:
        return f"NewsgraphError({self.code!r}, {self.message!r})"


def _candidates() -> List[Tuple[str, str]]:
    """(name or path, how it was found) pairs to try, in order."""
    env = os.environ.get("NEWSGRAPH_LIBRARY")
    if env:
        return [(env, "$NEWSGRAPH_LIBRARY")]
    here = os.path.dirname(os.path.abspath(__file__))
    if sys.platform == "darwin":
        local = ["libnewsgraph.0.dylib", "libnewsgraph.dylib"]
    elif sys.platform == "win32":
        local = ["newsgraph.dll", "libnewsgraph.dll"]
    else:
        local = ["libnewsgraph.so.0", "libnewsgraph.so"]
    out = [(os.path.join(here, n), "next to the package") for n in local]
    # "" stands for find_library() finding nothing, reported as such
    out.append((ctypes.util.find_library("newsgraph") or "", "find_library"))
    if "libnewsgraph.so.0" not in [c for c, _ in out]:
        out.append(("libnewsgraph.so.0", "system library path"))
    return out


def _load() -> Tuple[ctypes.CDLL, str]:
    tried: List[str] = []
    for name, how in _candidates():
        if not name:
            tried.append(f"{how}('newsgraph') (not found)")
            continue
        if os.sep in name and not os.path.exists(name):
            tried.append(f"{how}: {name} (no such file)")
            continue
        try:
            return ctypes.CDLL(name), name
        except OSError as e:
            tried.append(f"{how}: {name} ({e})")
    hint = ("" if os.environ.get("NEWSGRAPH_LIBRARY") else
            "; set NEWSGRAPH_LIBRARY to the path of libnewsgraph.so "
            "(e.g. build/libnewsgraph.so)")
    raise ImportError("newsgraph: cannot load libnewsgraph; tried "
                      + "; ".join(tried) + hint)


lib, library_path = _load()

_ERR = POINTER(NgError)
# name: (restype, argtypes).  Every function the package calls.
_FUNCS = {
    "ng_version": (c_char_p, []),
    "ng_strerror": (c_char_p, [c_int]),
    "ng_rules_load": (c_void_p, [c_char_p, _ERR]),
    "ng_rules_load_dirs": (c_void_p, [POINTER(c_char_p), c_size_t, _ERR]),
    "ng_rules_free": (None, [c_void_p]),
    "ng_default_rules_dir": (c_char_p, []),
    "ng_rules_entry_count": (c_size_t, [c_void_p]),
    "ng_rules_pattern_count": (c_size_t, [c_void_p]),
    "ng_extract": (c_void_p, [c_void_p, c_char_p, c_size_t, c_char_p, _ERR]),
    "ng_doc_free": (None, [c_void_p]),
    "ng_doc_to_json": (c_void_p, [c_void_p, c_int, POINTER(c_size_t)]),
    "ng_free": (None, [c_void_p]),
}
# The corpus graph API; a library built before it existed lacks these.
_GRAPH_FUNCS = {
    "ng_graph_new": (c_void_p, []),
    "ng_graph_free": (None, [c_void_p]),
    "ng_graph_add_json": (c_int, [c_void_p, c_char_p, c_size_t, _ERR]),
    "ng_graph_node_count": (c_size_t, [c_void_p]),
    "ng_graph_edge_count": (c_size_t, [c_void_p]),
    "ng_graph_render": (c_void_p, [c_void_p, c_int, POINTER(c_size_t)]),
}


def _declare(table: dict, required: bool) -> bool:
    ok = True
    for name, (res, args) in table.items():
        try:
            fn = getattr(lib, name)
        except AttributeError:
            if required:
                raise ImportError(f"newsgraph: {library_path} has no {name}; "
                                  "is it libnewsgraph?") from None
            ok = False
            continue
        fn.restype = res
        fn.argtypes = args
    return ok


# Workspaces (scratch memory reused across documents); a library built
# before they existed lacks these, and extraction then goes without.
_WS_FUNCS = {
    "ng_workspace_new": (c_void_p, []),
    "ng_workspace_free": (None, [c_void_p]),
    "ng_extract_ws": (c_void_p, [c_void_p, c_void_p, c_char_p, c_size_t, c_char_p,
                                 c_void_p, _ERR]),
}

_declare(_FUNCS, True)
_has_graph = _declare(_GRAPH_FUNCS, False)
has_workspace = _declare(_WS_FUNCS, False)


def has_graph() -> bool:
    """True when the loaded library has the corpus graph API (ng_graph_*)."""
    return _has_graph


def raise_error(err: NgError, what: str = "") -> None:
    """Raise the :class:`NewsgraphError` that ``err`` describes."""
    msg = err.message.decode("utf-8", "replace")
    if not msg:
        msg = lib.ng_strerror(err.code).decode("utf-8", "replace")
        if what:
            msg = f"{what}: {msg}"
    raise NewsgraphError(err.code, msg, err.file.decode("utf-8", "replace"),
                         err.line)


def take_string(ptr: Optional[int], length: c_size_t) -> str:
    """Copy a library-allocated string and free it with ng_free()."""
    if not ptr:
        raise MemoryError("libnewsgraph returned no string (out of memory)")
    try:
        return ctypes.string_at(ptr, length.value).decode("utf-8")
    finally:
        lib.ng_free(ptr)


def encode_path(p: "os.PathLike[str] | str | bytes | None") -> Optional[bytes]:
    """A path for the library (None stays None)."""
    return None if p is None else os.fsencode(p)


def string_array(items: Sequence[Optional[bytes]]):
    """A ``const char *const *`` holding ``items``."""
    arr = (c_char_p * len(items))()
    for i, s in enumerate(items):
        arr[i] = s
    return arr

