"""Graph: many documents merged into one corpus graph by the C library
(ng_graph_*), exactly as the command-line tool's ``graph`` command does."""
from __future__ import annotations

import ctypes
import json
import threading
from typing import Any, Dict, Iterable, Mapping, Union

from . import _lib
from ._lib import NgError, lib
from ._model import Document, import_networkx

__all__ = ["Graph", "FORMATS"]

#: Graph.render() formats and their ng_graph_format values.
FORMATS: Dict[str, int] = {"json": 0, "graphml": 1, "dot": 2,
                           "csv_nodes": 3, "csv_edges": 4}


class Graph:
    """A corpus graph: add Documents, then render or convert it.

    Nodes are real-world entities (ORG, PLACE, POSITION merged by type and
    name; persons of one name when their relations share a unit), edges are
    relations with their evidence and documents.  Each document goes to the
    library as its JSON (``ng_graph_add_json``).  Safe to share between
    threads (calls are serialised).  Free it with :meth:`close` or ``with``.
    """

    def __init__(self, docs: Iterable[Union[Document, str, Mapping[str, Any]]] = ()):
        if not _lib.has_graph():
            raise NotImplementedError(
                f"{_lib.library_path} has no corpus graph API (ng_graph_new); "
                "build a newer libnewsgraph")
        self._lock = threading.Lock()
        self._g = lib.ng_graph_new()
        if not self._g:
            raise MemoryError("ng_graph_new: out of memory")
        for d in docs:
            self.add(d)

    def _ptr(self) -> int:
        if not self._g:
            raise ValueError("Graph is closed")
        return self._g

    def add(self, doc: Union[Document, str, Mapping[str, Any]]) -> None:
        """Add a Document (or its JSON as a str or dict, e.g. a line of the
        CLI's output).  Raises NewsgraphError (Status.JSON) for JSON that is
        not such an object."""
        if isinstance(doc, Document):
            data = doc.to_json()
        elif isinstance(doc, str):
            data = doc
        elif isinstance(doc, Mapping):
            data = json.dumps(doc, ensure_ascii=False)
        else:
            raise TypeError(f"Graph.add() takes a Document, not {type(doc).__name__}")
        raw = data.encode("utf-8")
        err = NgError()
        with self._lock:
            status = lib.ng_graph_add_json(self._ptr(), raw, len(raw),
                                           ctypes.byref(err))
        if status != 0:
            if not err.code:
                err.code = status
            _lib.raise_error(err, "Graph.add")

    @property
    def node_count(self) -> int:
        with self._lock:
            return int(lib.ng_graph_node_count(self._ptr()))

    @property
    def edge_count(self) -> int:
        with self._lock:
            return int(lib.ng_graph_edge_count(self._ptr()))

    def render(self, format: str = "json") -> str:
        """The graph as text: "json", "graphml", "dot", "csv_nodes" or
        "csv_edges" (the CLI's graph output, byte for byte)."""
        try:
            fmt = FORMATS[format]
        except KeyError:
            raise ValueError(f"unknown graph format {format!r}; "
                             f"one of {', '.join(FORMATS)}") from None
        n = ctypes.c_size_t(0)
        with self._lock:
            ptr = lib.ng_graph_render(self._ptr(), fmt, ctypes.byref(n))
        return _lib.take_string(ptr, n)

    def to_json(self) -> Dict[str, Any]:
        """The graph as a dict: {"nodes": [...], "edges": [...]}."""
        return json.loads(self.render("json"))

    def to_networkx(self) -> Any:
        """A ``networkx.MultiDiGraph`` with the JSON's nodes (by "id") and
        edges (by "source" -> "target", key "id" when given); every other
        field becomes an attribute."""
        nx = import_networkx()
        data = self.to_json()
        g = nx.MultiDiGraph()
        for node in data.get("nodes", []):
            attrs = {k: v for k, v in node.items() if k != "id"}
            g.add_node(node["id"], **attrs)
        for edge in data.get("edges", []):
            src = edge.get("source", edge.get("from"))
            dst = edge.get("target", edge.get("to"))
            attrs = {k: v for k, v in edge.items()
                     if k not in ("source", "target", "from", "to")}
            g.add_edge(src, dst, key=edge.get("id"), **attrs)
        return g

    def close(self) -> None:
        """Free the graph (idempotent)."""
        with self._lock:
            ptr, self._g = self._g, None
        if ptr:
            lib.ng_graph_free(ptr)

    def __enter__(self) -> "Graph":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        ptr = getattr(self, "_g", None)
        if ptr and _lib is not None and getattr(_lib, "lib", None) is not None:
            self._g = None
            _lib.lib.ng_graph_free(ptr)

    def __len__(self) -> int:
        return self.node_count
