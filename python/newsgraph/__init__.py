"""newsgraph: Python binding (ctypes) of libnewsgraph, rule-based entity
and relation extraction for Chinese news.

    >>> import newsgraph
    >>> with newsgraph.Extractor() as ex:
    ...     doc = ex.extract("昨日,星湖社区党委书记宋立平介绍,社区今年新建了三处公园。")
    >>> [(e.type, e.text) for e in doc.of_type("PERSON")]
    [('PERSON', '宋立平')]

Offsets are Python str indices into the text passed in, so
``doc.text[m.start:m.end]`` is the mention.  ``Document.to_dict()`` is the
command-line tool's JSON object for the same text.  See README.md, "Python".
"""
from __future__ import annotations

from ._lib import NewsgraphError, Status, has_graph, library_path, lib
from ._model import Document, Entity, Mention, Relation, Span
from ._extractor import Extractor
from ._graph import FORMATS, Graph

__all__ = ["Extractor", "Document", "Entity", "Mention", "Relation", "Span",
           "Graph", "FORMATS", "NewsgraphError", "Status", "has_graph",
           "library_path", "library_version", "default_rules_dir",
           "__version__"]

__version__ = "0.1.0"


def library_version() -> str:
    """The loaded libnewsgraph's version, e.g. "0.1.0"."""
    return lib.ng_version().decode("ascii")


def default_rules_dir() -> str:
    """The rules directory the library was installed with (compile-time;
    $NEWSGRAPH_RULES, when set, is used instead by Extractor())."""
    return lib.ng_default_rules_dir().decode("utf-8", "replace")
