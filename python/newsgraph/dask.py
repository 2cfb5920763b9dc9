"""newsgraph.dask: extraction on a Dask cluster, for archives larger than
one machine (the CLI's ``-j N`` covers one machine).

    >>> import dask.bag as db
    >>> from distributed import Client
    >>> import newsgraph.dask as ngd
    >>> client = Client("tcp://scheduler:8786")                    # doctest: +SKIP
    >>> bag = ngd.read_jsonl("archive/*.jsonl")                    # doctest: +SKIP
    >>> graph = ngd.extract_graph(bag)                             # doctest: +SKIP
    >>> ngd.write_graph(graph, "graph.json")                       # doctest: +SKIP

A bag's items are what :meth:`Extractor.extract_many` takes: a text (its id
is its 0-based index in the bag), an ``(id, text)`` pair or an
``{"id": ..., "text": ...}`` record.  :func:`read_jsonl` reads ``--jsonl``
files into such records exactly as the CLI does.

Each worker process compiles the rules once per ``(rules, lexicons)`` and
keeps them (:func:`worker_stats` counts the loads).  Documents travel back
as the library's JSON and are merged on the client, in bag order, by one
:class:`newsgraph.Graph` (``ng_graph_add_json``): the graph is the one
``newsgraph graph`` writes for the same input, byte for byte.

Dask is imported only when a function needs it; without it they raise
ImportError.  Workers need this package and libnewsgraph
(``$NEWSGRAPH_LIBRARY``), and the rules: installed, ``$NEWSGRAPH_RULES``,
a shared path, or :func:`ship_rules`.  See README.md, "Scaling out".
"""
from __future__ import annotations

import ctypes
import hashlib
import io
import json
import logging
import math
import operator
import os
import shutil
import tempfile
import threading
import zipfile
from typing import (TYPE_CHECKING, Any, Dict, Iterator, List, Optional,
                    Sequence, Tuple, Union)

from . import _lib
from ._extractor import Extractor, Item, PathLike, _item
from ._graph import Graph
from ._lib import NgError, lib

if TYPE_CHECKING:
    from dask.bag import Bag

__all__ = ["read_jsonl", "extract_json", "extract_graph", "write_graph",
           "ship_rules", "ShippedRules", "worker_stats"]

log = logging.getLogger("newsgraph.dask")

Rules = Optional[PathLike]
_Key = Tuple[Optional[str], Tuple[str, ...]]

_lock = threading.Lock()
_extractors: Dict[_Key, Extractor] = {}
_stats: Dict[str, int] = {"rule_loads": 0, "partitions": 0, "documents": 0}


def _require_dask() -> Any:
    """The dask module (with dask.bag), or a clear ImportError."""
    try:
        import dask
        import dask.bag  # noqa: F401
    except ImportError as e:
        raise ImportError(
            "newsgraph.dask needs Dask: apt-get install python3-dask "
            "python3-distributed (or pip install 'dask[bag]' distributed)"
        ) from e
    return dask


# -- on the workers ---------------------------------------------------------

def worker_stats() -> Dict[str, int]:
    """This process's counters: ``rule_loads`` (rules compiled),
    ``partitions`` and ``documents`` extracted.  On a cluster:
    ``client.run(newsgraph.dask.worker_stats)``."""
    with _lock:
        return dict(_stats)


def _extractor(rules: Rules, lexicons: Sequence[PathLike]) -> Extractor:
    """This process's Extractor for (rules, lexicons), compiled on first use."""
    key: _Key = (None if rules is None else os.fsdecode(rules),
                 tuple(os.fsdecode(d) for d in lexicons))
    with _lock:
        ex = _extractors.get(key)
        if ex is None:
            ex = Extractor(key[0], key[1])
            _extractors[key] = ex
            _stats["rule_loads"] += 1
        return ex


def _to_json(ex: Extractor, doc_id: str, text: Union[str, bytes]) -> str:
    """The library's JSON line for one text (what Extractor.extract(...)
    .to_json() gives, without building the Document)."""
    if isinstance(text, str):
        raw = text.encode("utf-8", "replace")
    elif isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
    else:
        raise TypeError(f"text must be str or bytes, not {type(text).__name__}")
    err = NgError()
    ptr = ex._acquire()
    try:
        doc = lib.ng_extract(ptr, raw, len(raw),
                             doc_id.encode("utf-8", "replace"), ctypes.byref(err))
    finally:
        ex._release()
    if not doc:
        _lib.raise_error(err, "extract")
    try:
        n = ctypes.c_size_t(0)
        return _lib.take_string(lib.ng_doc_to_json(doc, 0, ctypes.byref(n)), n)
    finally:
        lib.ng_doc_free(doc)


def _extract_partition(items: List[Item], offset: int, rules: Rules,
                       lexicons: Tuple[PathLike, ...]) -> List[str]:
    """One partition's JSON lines; ``offset`` is the bag index of its first
    item (the id of items that have none)."""
    out = []
    ex = _extractor(rules, lexicons)
    for i, item in enumerate(items):
        doc_id, text = _item(offset + i, item)
        out.append(_to_json(ex, doc_id, text))
    with _lock:
        _stats["partitions"] += 1
        _stats["documents"] += len(out)
    return out


def _as_list(part: Any) -> List[Any]:
    return part if isinstance(part, list) else list(part)


# -- --jsonl records, as the CLI reads them ---------------------------------

def _int_or_fail(s: str) -> int:
    v = int(s)
    if not -2**63 <= v < 2**63:          # jansson: "too big integer"
        raise ValueError("too big integer")
    return v


def _float_or_fail(s: str) -> float:
    v = float(s)
    if math.isinf(v):                    # jansson: "real number overflow"
        raise ValueError("real number overflow")
    return v


def _no_constant(s: str) -> Any:
    raise ValueError(f"invalid token {s}")


def _number_id(v: Union[int, float]) -> str:
    """The CLI's id for a number: the integer, or the shortest %g that
    reads back the same."""
    if isinstance(v, int):
        return str(v)
    for prec in range(1, 18):
        s = "%.*g" % (prec, v)
        if float(s) == v:
            return s
    return s


def _has_lone_surrogate(v: Any) -> bool:
    if isinstance(v, str):
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(v, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(x)
                   for k, x in v.items())
    if isinstance(v, list):
        return any(_has_lone_surrogate(x) for x in v)
    return False


def _record(line: bytes, index: int) -> Union[Dict[str, str], str]:
    """One --jsonl line as {"id", "text"}, or why it is broken (the CLI's
    rules: a string id as is, a number id as a number, else the line's
    0-based number)."""
    try:
        s = line.decode("utf-8")
        rec = json.loads(s, parse_int=_int_or_fail, parse_float=_float_or_fail,
                         parse_constant=_no_constant)
        if "\\u" in s and _has_lone_surrogate(rec):
            raise ValueError("invalid Unicode escape")
    except ValueError as e:              # also UnicodeDecodeError, JSONDecodeError
        return f"not valid JSON: {e}"
    if not isinstance(rec, dict):
        return "not a JSON object"
    text, doc_id = rec.get("text"), rec.get("id")
    if "text" not in rec:
        return 'no "text"'
    if not isinstance(text, str):
        return '"text" is not a string'
    if doc_id is None:
        doc_id = str(index)
    elif isinstance(doc_id, bool) or not isinstance(doc_id, (str, int, float)):
        return '"id" is neither a string nor a number'
    elif not isinstance(doc_id, str):
        doc_id = _number_id(doc_id)
    return {"id": doc_id, "text": text}


def _parse_block(block: bytes, path: str, first_line: int,
                 errors: str) -> List[Dict[str, str]]:
    """The records of one block of a --jsonl file whose first line is the
    file's line ``first_line`` (0-based).  Blank lines are skipped; a broken
    line is logged and skipped (errors="warn") or raises ValueError."""
    out = []
    for i, line in enumerate(block.split(b"\n")):
        line = line.rstrip(b"\r\n")
        if not line.strip(b" \t"):
            continue
        rec = _record(line, first_line + i)
        if isinstance(rec, str):
            msg = f"newsgraph: {path}:{first_line + i + 1}: {rec}"
            if errors == "raise":
                raise ValueError(msg)
            log.warning("%s", msg)
        else:
            out.append(rec)
    return out


def read_jsonl(urlpath: Union[str, Sequence[str]],
               blocksize: Union[int, str, None] = "8MiB",
               errors: str = "warn", compression: Optional[str] = "infer",
               **storage_options: Any) -> "Bag":
    """A Dask bag of ``{"id", "text"}`` records from ``--jsonl`` files (a
    path, glob or list; any fsspec URL), read exactly as the CLI reads them:
    blank lines skipped, number ids written as the CLI writes them, a
    missing id replaced by the line's 0-based number in its file.

    Files are cut into blocks of ``blocksize`` bytes at line ends (None:
    one partition per file, which compressed files need).  A broken line
    is skipped and logged on the worker as ``newsgraph: FILE:LINE: reason``
    (``errors="warn"``), or fails the computation (``errors="raise"``)."""
    dask = _require_dask()
    from dask.bag import from_delayed
    from dask.bytes import read_bytes

    if errors not in ("warn", "raise"):
        raise ValueError('errors must be "warn" or "raise"')
    delayed = dask.delayed(pure=True)
    _, blocks, paths = read_bytes(urlpath, delimiter=b"\n", blocksize=blocksize,
                                  sample=False, include_path=True,
                                  compression=compression, **storage_options)
    parts = []
    for path, file_blocks in zip(paths, blocks):
        first: Any = 0
        for block in file_blocks:
            parts.append(delayed(_parse_block)(block, path, first, errors))
            first = delayed(operator.add)(first, delayed(bytes.count)(block, b"\n"))
    if not parts:
        raise ValueError(f"no files match {urlpath!r}")
    return from_delayed(parts)


# -- extraction and the graph -----------------------------------------------

def _extract_delayed(bag: "Bag", rules: Rules,
                     lexicons: Sequence[PathLike]) -> List[Any]:
    """One Delayed list of JSON lines per partition of ``bag``, in order.
    Each partition learns its first item's bag index from a chain of
    partition lengths, so items without an id get the id extract_many()
    would give them."""
    dask = _require_dask()
    if not isinstance(bag, dask.bag.Bag):
        raise TypeError("newsgraph.dask takes a dask.bag.Bag (e.g. read_jsonl(...) "
                        f"or dask.bag.from_sequence(...)), not {type(bag).__name__}")
    delayed = dask.delayed(pure=True)
    if isinstance(lexicons, (str, bytes, os.PathLike)):
        lexicons = [lexicons]
    lex = tuple(lexicons)
    out = []
    offset: Any = 0
    for part in bag.to_delayed(optimize_graph=True):
        items = delayed(_as_list)(part)
        out.append(delayed(_extract_partition)(items, offset, rules, lex))
        offset = delayed(operator.add)(offset, delayed(len)(items))
    return out


def extract_json(bag: "Bag", rules: Rules = None,
                 lexicons: Sequence[PathLike] = ()) -> "Bag":
    """A bag of the documents' JSON lines (the CLI's output lines), in the
    input bag's order.  ``rules``/``lexicons`` as for :class:`Extractor`;
    they are paths on the workers (see :func:`ship_rules`)."""
    _require_dask()
    from dask.bag import from_delayed
    return from_delayed(_extract_delayed(bag, rules, lexicons))


def _default_client() -> Any:
    try:
        from distributed import default_client
        return default_client()
    except (ImportError, ValueError):
        return None


def _results_in_order(parts: List[Any], client: Any) -> Iterator[List[str]]:
    """Each part's result, in order.  On a distributed client all parts are
    submitted at once and fetched (then released) one by one; else they are
    computed together by the current Dask scheduler."""
    if client is None:
        client = _default_client()
    if client is None:
        dask = _require_dask()
        yield from dask.compute(*parts)
        return
    futures = client.compute(parts)
    try:
        for f in futures:
            yield f.result()
            f.release()
    except BaseException:
        client.cancel(futures)
        raise


def extract_graph(bag: "Bag", rules: Rules = None,
                  lexicons: Sequence[PathLike] = (),
                  client: Any = None) -> Graph:
    """Extract ``bag`` on the cluster and merge the documents, in bag order,
    into one :class:`newsgraph.Graph` on the client: the graph
    ``newsgraph graph`` gives for the same documents.  ``client`` defaults
    to the current ``distributed`` client, if any, else Dask's scheduler.
    Close the Graph (or use ``with``) when done."""
    parts = _extract_delayed(bag, rules, lexicons)
    graph = Graph()
    try:
        for lines in _results_in_order(parts, client):
            for line in lines:
                graph.add(line)
    except BaseException:
        graph.close()
        raise
    return graph


def write_graph(graph: Graph, output: PathLike, format: str = "json") -> None:
    """Write ``graph`` as ``newsgraph graph -f FORMAT -o OUTPUT`` does:
    "json", "graphml" or "dot" to the file ``output``; "csv" into the
    directory ``output`` (created if missing) as nodes.csv and
    relationships.csv."""
    if format == "csv":
        os.makedirs(output, exist_ok=True)
        files = {"nodes.csv": "csv_nodes", "relationships.csv": "csv_edges"}
        for name, fmt in files.items():
            with open(os.path.join(output, name), "wb") as f:
                f.write(graph.render(fmt).encode("utf-8"))
        return
    if format not in ("json", "graphml", "dot"):
        raise ValueError(f"unknown graph format {format!r}; "
                         "one of json, graphml, dot, csv")
    with open(output, "wb") as f:
        f.write(graph.render(format).encode("utf-8"))


# -- rules for the workers ---------------------------------------------------

class ShippedRules(os.PathLike):
    """A rules directory shipped by :func:`ship_rules`: on each machine it
    is the path where the workers unpacked it (in that machine's temporary
    directory).  Pass it as ``rules`` or in ``lexicons``."""

    def __init__(self, name: str, digest: str):
        self.name = name
        self.digest = digest

    def __fspath__(self) -> str:
        return os.path.join(tempfile.gettempdir(),
                            f"newsgraph-{self.name}-{self.digest[:16]}")

    def __reduce__(self) -> Tuple[Any, Tuple[str, str]]:
        return (ShippedRules, (self.name, self.digest))

    def __repr__(self) -> str:
        return f"ShippedRules({self.name!r}, {self.digest[:16]!r})"


class _RulesPlugin:
    """A distributed worker plugin that unpacks a zipped rules directory
    where its ShippedRules points (once per machine, atomically)."""

    def __init__(self, rules: ShippedRules, data: bytes):
        self.rules = rules
        self.data = data
        self.name = f"newsgraph-rules-{rules.name}-{rules.digest[:16]}"

    def setup(self, worker: Any = None) -> None:
        target = os.fspath(self.rules)
        if os.path.isdir(target):
            return
        tmp = tempfile.mkdtemp(prefix=".unpacking-", dir=os.path.dirname(target))
        try:
            with zipfile.ZipFile(io.BytesIO(self.data)) as z:
                z.extractall(tmp)
            try:
                os.rename(tmp, target)
            except OSError:
                if not os.path.isdir(target):    # another worker won the race
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def ship_rules(client: Any, directory: PathLike) -> ShippedRules:
    """Send a rules (or lexicon) directory to every worker of ``client``,
    present and future, and return the path to pass as ``rules=`` (or in
    ``lexicons=``).  Its name depends on the content, so changed rules are
    a new path and every worker compiles them afresh."""
    directory = os.fsdecode(directory)
    buf = io.BytesIO()
    digest = hashlib.sha256()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for root, dirs, files in os.walk(directory):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                rel = os.path.relpath(path, directory)
                with open(path, "rb") as f:
                    data = f.read()
                digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
                digest.update(hashlib.sha256(data).digest())
                z.writestr(rel, data)
    base = os.path.basename(os.path.normpath(directory)) or "rules"
    rules = ShippedRules(base, digest.hexdigest())
    plugin = _RulesPlugin(rules, buf.getvalue())
    client.register_worker_plugin(plugin, name=plugin.name)
    return rules
