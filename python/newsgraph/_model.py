"""The result classes: Document, Entity, Mention, Relation, Span.

They are built FROM the library's own JSON (``ng_doc_to_json``), so that
``Document.to_dict()`` / ``to_json()`` are exactly the command-line tool's
output for the same text: same keys, same ids, same order.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Tuple

__all__ = ["Span", "Mention", "Entity", "Relation", "Document",
           "import_networkx"]


def import_networkx() -> Any:
    """Import networkx, or raise an ImportError that says how to get it."""
    try:
        import networkx  # type: ignore[import-not-found]
    except ImportError as e:
        raise ImportError("to_networkx() needs networkx: pip install networkx "
                          "(Debian: apt install python3-networkx)") from e
    return networkx


@dataclass(frozen=True)
class Span:
    """A stretch of the input.  ``start``/``end`` are str indices into the
    text given to ``extract`` (code points, end exclusive), so
    ``doc.text[s.start:s.end] == s.text``; ``byte_*`` index its UTF-8."""

    start: int
    end: int
    byte_start: int
    byte_end: int
    text: str


@dataclass(frozen=True)
class Mention(Span):
    """One occurrence of an entity: its span, sentence and rule."""

    sentence: int = 0
    rule: str = ""


@dataclass(frozen=True, repr=False)
class Entity:
    """An entity of a document.  ``type`` is PERSON, POSITION, ORG or PLACE;
    ``text`` the normalised name (NFKC, no whitespace); ``aliases`` other
    forms written in the same document; ``mentions`` in text order."""

    id: str
    type: str
    text: str
    aliases: Tuple[str, ...]
    mentions: Tuple[Mention, ...]

    def __repr__(self) -> str:
        n = len(self.mentions)
        return (f"<Entity {self.id} {self.type} {self.text!r}, "
                f"{n} mention{'' if n == 1 else 's'}>")


@dataclass(frozen=True, repr=False)
class Relation:
    """A relation.  ``type`` is ``holds_position`` (``person`` holds
    ``position`` of ``org``, which may be None; ``status`` is current or
    former; ``resolved`` when the org came from elsewhere in the document)
    or ``located_in`` (``child`` lies in ``parent``; status None)."""

    id: str
    type: str
    evidence: Span
    rule: str
    person: Optional[Entity] = None
    org: Optional[Entity] = None
    position: Optional[Entity] = None
    child: Optional[Entity] = None
    parent: Optional[Entity] = None
    status: Optional[str] = None
    resolved: bool = False

    @property
    def former(self) -> bool:
        """True when the text says the position is no longer held."""
        return self.status == "former"

    def __repr__(self) -> str:
        def name(e: Optional[Entity]) -> str:
            return "None" if e is None else f"{e.id}:{e.text}"
        if self.type == "holds_position":
            body = (f"{name(self.person)} -> {name(self.position)} of "
                    f"{name(self.org)}, {self.status}"
                    + (", resolved" if self.resolved else ""))
        else:
            body = f"{name(self.child)} in {name(self.parent)}"
        return f"<Relation {self.id} {self.type} {body}>"


def _span(text: str, d: Dict[str, Any]) -> Tuple[int, int, int, int, str]:
    s, e = d["start"], d["end"]
    return s, e, d["byte_start"], d["byte_end"], text[s:e]


@dataclass(frozen=True, repr=False)
class Document:
    """One extracted document (``doc_id`` is ``""`` if none was given)."""

    doc_id: str
    text: str
    entities: Tuple[Entity, ...]
    relations: Tuple[Relation, ...]
    warnings: Tuple[str, ...]
    _json: str = field(repr=False, compare=False, default="")

    @classmethod
    def from_json(cls, data: str, text: str) -> "Document":
        """Build from one object of the library's JSON and the input text."""
        d = json.loads(data)
        ents = tuple(
            Entity(id=e["id"], type=e["type"], text=e["text"],
                   aliases=tuple(e.get("aliases", ())),
                   mentions=tuple(Mention(*_span(text, m),
                                          sentence=m["sentence"],
                                          rule=m["rule"])
                                  for m in e["mentions"]))
            for e in d["entities"])
        by_id = {e.id: e for e in ents}
        rels = []
        for r in d["relations"]:
            refs = {k: by_id.get(r[k]) if r.get(k) is not None else None
                    for k in ("person", "org", "position", "child", "parent")}
            rels.append(Relation(id=r["id"], type=r["type"],
                                 evidence=Span(*_span(text, r["evidence"])),
                                 rule=r.get("rule", ""),
                                 status=r.get("status"),
                                 resolved=bool(r.get("resolved", False)),
                                 **refs))
        return cls(doc_id=d["doc"], text=text, entities=ents,
                   relations=tuple(rels),
                   warnings=tuple(d.get("warnings", ())), _json=data)

    def __repr__(self) -> str:
        return (f"<Document {self.doc_id!r}: {len(self.text)} chars, "
                f"{len(self.entities)} entities, {len(self.relations)} "
                f"relations, {len(self.warnings)} warnings>")

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id ("e0", ...); KeyError if none."""
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)

    def of_type(self, type: str) -> Tuple[Entity, ...]:
        """The entities of one type ("PERSON", "POSITION", "ORG", "PLACE")."""
        return tuple(e for e in self.entities if e.type == type)

    def to_dict(self) -> Dict[str, Any]:
        """The command-line tool's JSON object for this document (a copy)."""
        return json.loads(self._json)

    def to_json(self, indent: Optional[int] = None) -> str:
        """The tool's JSON: with ``indent`` None exactly its one-line output
        (the library's bytes), else ``json.dumps`` of :meth:`to_dict`."""
        if indent is None:
            return self._json
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_networkx(self) -> Any:
        """A ``networkx.MultiDiGraph``: a node per entity (keyed by its id,
        attributes type, text, aliases, mentions = count) and an edge per
        relation (key = relation id).  ``located_in`` runs child -> parent;
        ``holds_position`` runs person -> org, or person -> position when
        the org is unknown, with attributes position, position_id, org_id,
        status and resolved.  Every edge has type, rule, evidence_start and
        evidence_end."""
        nx = import_networkx()
        g = nx.MultiDiGraph(doc=self.doc_id)
        for e in self.entities:
            g.add_node(e.id, type=e.type, text=e.text, aliases=list(e.aliases),
                       mentions=len(e.mentions))
        for r in self.relations:
            attrs: Dict[str, Any] = {"type": r.type, "rule": r.rule,
                                     "evidence_start": r.evidence.start,
                                     "evidence_end": r.evidence.end}
            if r.type == "holds_position":
                if r.person is None:
                    continue
                target = r.org or r.position
                if target is None:
                    continue
                attrs.update(position=r.position.text if r.position else None,
                             position_id=r.position.id if r.position else None,
                             org_id=r.org.id if r.org else None,
                             status=r.status, resolved=r.resolved)
                g.add_edge(r.person.id, target.id, key=r.id, **attrs)
            elif r.child is not None and r.parent is not None:
                g.add_edge(r.child.id, r.parent.id, key=r.id, **attrs)
        return g
