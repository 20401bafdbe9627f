"""Plain-data side files written with each index build: responsibilities (and targets)."""

from __future__ import annotations

from dataclasses import asdict

from assistant.records import Clause, Document, Responsibility


def responsibilities(documents: list[Document], clauses: list[Clause]) -> list[Responsibility]:
    places = {doc.doc_id: doc.place for doc in documents}
    return [
        Responsibility(c.doc_id, c.clause_id, c.section, places.get(c.doc_id, ""), c.lead, c.support)
        for c in clauses
        if c.lead or c.support
    ]


def index_extras(documents: list[Document], clauses: list[Clause]) -> dict[str, list[dict]]:
    """Side files by name, as rows of plain data."""
    return {"responsibilities.jsonl": [asdict(r) for r in responsibilities(documents, clauses)]}
