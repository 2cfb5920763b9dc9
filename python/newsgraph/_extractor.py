"""Extractor: compiled rules, and extraction of one or many texts."""
from __future__ import annotations

import ctypes
import os
import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import (Any, Deque, Iterable, Iterator, Mapping, Optional,
                    Sequence, Tuple, Union)

from . import _lib
from ._lib import NgError, lib
from ._model import Document

__all__ = ["Extractor", "Item", "PathLike"]

PathLike = Union[str, bytes, "os.PathLike[str]"]
Text = Union[str, bytes]
#: What extract_many() takes: a text, an (id, text) pair or {"id", "text"}.
Item = Union[Text, Tuple[Any, Text], Mapping[str, Any]]


def _prepare(text: Text) -> Tuple[bytes, str]:
    """(UTF-8 bytes for the library, the str its offsets index).

    A str is encoded as UTF-8; lone surrogates (which UTF-8 cannot hold)
    become "?" so offsets stay aligned.  bytes are passed as they are and
    offsets index ``raw.decode("utf-8", "replace")``, as the library counts.
    """
    if isinstance(text, str):
        return text.encode("utf-8", "replace"), text
    if isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
        return raw, raw.decode("utf-8", "replace")
    raise TypeError(f"text must be str or bytes, not {type(text).__name__}")


def _item(i: int, item: Item) -> Tuple[str, Text]:
    """(doc id, text) of one extract_many() item; the 0-based index is the
    id when the item has none (as the CLI's --jsonl does)."""
    if isinstance(item, (str, bytes, bytearray, memoryview)):
        return str(i), item
    if isinstance(item, Mapping):
        doc_id = item.get("id")
        return (str(i) if doc_id is None else str(doc_id)), item["text"]
    if isinstance(item, (tuple, list)) and len(item) == 2:
        doc_id, text = item
        return (str(i) if doc_id is None else str(doc_id)), text
    raise TypeError("extract_many() items are str, bytes, (id, text) or "
                    f"{{'id': ..., 'text': ...}}, not {type(item).__name__}")


class _Workspace:
    """A thread's ng_workspace: the library's scratch memory, reused by
    every extraction on that thread, freed when the thread ends."""
    __slots__ = ("ptr",)

    def __init__(self) -> None:
        self.ptr = lib.ng_workspace_new() if _lib.has_workspace else None

    def __del__(self) -> None:
        ptr, self.ptr = self.ptr, None
        if ptr and _lib is not None and getattr(_lib, "lib", None) is not None:
            _lib.lib.ng_workspace_free(ptr)


_local = threading.local()


def _workspace() -> Optional[int]:
    """The calling thread's workspace (None: extract without one)."""
    ws = getattr(_local, "ws", None)
    if ws is None:
        ws = _local.ws = _Workspace()
    return ws.ptr


class Extractor:
    """Rules compiled once, then used for any number of texts.

    ``rules`` is a rules directory; None means the library's default
    ($NEWSGRAPH_RULES if set, else the installed rules).  ``lexicons`` are
    further directories loaded on top (``ng_rules_load_dirs``): their
    entries are "user" entries that win over the base rules.  Raises
    :class:`NewsgraphError` when the rules cannot be loaded.

    Thread-safe: any number of threads may call :meth:`extract` at once.
    Free the rules with :meth:`close` or a ``with`` block (else when the
    object is collected).
    """

    def __init__(self, rules: Optional[PathLike] = None,
                 lexicons: Sequence[PathLike] = ()):
        self._rules: Optional[int] = None
        self._lock = threading.Lock()
        self._busy = 0
        self._closing = False
        if isinstance(lexicons, (str, bytes, os.PathLike)):
            lexicons = [lexicons]
        err = NgError()
        if lexicons:
            dirs = [_lib.encode_path(rules)] + [_lib.encode_path(d) for d in lexicons]
            ptr = lib.ng_rules_load_dirs(_lib.string_array(dirs), len(dirs),
                                         ctypes.byref(err))
        else:
            ptr = lib.ng_rules_load(_lib.encode_path(rules), ctypes.byref(err))
        if not ptr:
            _lib.raise_error(err, "loading rules")
        self._rules = ptr

    # -- lifetime ------------------------------------------------------
    def close(self) -> None:
        """Free the rules.  Calls still running finish first (the last one
        frees them); later calls raise ValueError.  Idempotent."""
        ptr = None
        with self._lock:
            self._closing = True
            if self._busy == 0:
                ptr, self._rules = self._rules, None
        if ptr:
            lib.ng_rules_free(ptr)

    @property
    def closed(self) -> bool:
        """True once close() was called."""
        return self._closing

    def __enter__(self) -> "Extractor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        ptr = getattr(self, "_rules", None)
        if ptr and _lib is not None and getattr(_lib, "lib", None) is not None:
            self._rules = None
            _lib.lib.ng_rules_free(ptr)

    def _acquire(self) -> int:
        with self._lock:
            if self._closing or not self._rules:
                raise ValueError("Extractor is closed")
            self._busy += 1
            return self._rules

    def _release(self) -> None:
        ptr = None
        with self._lock:
            self._busy -= 1
            if self._closing and self._busy == 0:
                ptr, self._rules = self._rules, None
        if ptr:
            lib.ng_rules_free(ptr)

    # -- information ---------------------------------------------------
    @property
    def entry_count(self) -> int:
        """Lexicon entries loaded."""
        ptr = self._acquire()
        try:
            return int(lib.ng_rules_entry_count(ptr))
        finally:
            self._release()

    @property
    def pattern_count(self) -> int:
        """Patterns loaded."""
        ptr = self._acquire()
        try:
            return int(lib.ng_rules_pattern_count(ptr))
        finally:
            self._release()

    # -- extraction ----------------------------------------------------
    def extract(self, text: Text, doc_id: Optional[str] = None) -> Document:
        """Extract one text.  Offsets in the result are indices into
        ``text`` (a str; for bytes, into ``text.decode("utf-8", "replace")``,
        which is ``Document.text``).  Raises :class:`NewsgraphError` when
        the library refuses the text (over 256 MiB: Status.INPUT)."""
        raw, s = _prepare(text)
        ident = None if doc_id is None else str(doc_id).encode("utf-8", "replace")
        ptr = self._acquire()
        try:
            err = NgError()
            ws = _workspace()
            if ws:
                doc = lib.ng_extract_ws(ws, ptr, raw, len(raw), ident, None,
                                        ctypes.byref(err))
            else:
                doc = lib.ng_extract(ptr, raw, len(raw), ident, ctypes.byref(err))
        finally:
            self._release()
        if not doc:
            _lib.raise_error(err, "extract")
        try:
            n = ctypes.c_size_t(0)
            data = _lib.take_string(lib.ng_doc_to_json(doc, 0, ctypes.byref(n)), n)
        finally:
            lib.ng_doc_free(doc)
        return Document.from_json(data, s)

    def extract_many(self, items: Iterable[Item], threads: int = 1,
                     window: Optional[int] = None) -> Iterator[Document]:
        """Extract many texts on ``threads`` threads (0: one per CPU),
        yielding Documents in input order.  Items are str or bytes (id: the
        0-based index), ``(id, text)`` pairs or ``{"id": ..., "text": ...}``
        mappings.  At most ``window`` items (default 4 per thread) are read
        ahead of the one yielded, so any iterable, however long, works."""
        if threads < 0:
            raise ValueError("threads must be >= 0")
        if threads == 0:
            threads = os.cpu_count() or 1
        if threads == 1:
            for i, item in enumerate(items):
                doc_id, text = _item(i, item)
                yield self.extract(text, doc_id)
            return
        window = max(window or 4 * threads, threads)
        pending: Deque["Future[Document]"] = deque()
        pool = ThreadPoolExecutor(max_workers=threads,
                                  thread_name_prefix="newsgraph")
        try:
            for i, item in enumerate(items):
                doc_id, text = _item(i, item)
                pending.append(pool.submit(self.extract, text, doc_id))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()
            pool.shutdown(wait=True)

    def __repr__(self) -> str:
        state = "closed" if self._closing else "open"
        return f"<newsgraph.Extractor {state}>"

