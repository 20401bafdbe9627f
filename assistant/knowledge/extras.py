"""Plain-data side files written with each index build: quantitative targets, responsibilities, measures."""

from __future__ import annotations

from dataclasses import asdict

from assistant.knowledge.measures import extract_document_measures
from assistant.knowledge.targets import extract_document_targets
from assistant.records import Clause, Document, Measure, Responsibility, Target

TARGETS_FILE = "targets.jsonl"
RESPONSIBILITIES_FILE = "responsibilities.jsonl"
MEASURES_FILE = "measures.jsonl"


def responsibilities(documents: list[Document], clauses: list[Clause]) -> list[Responsibility]:
    places = {doc.doc_id: doc.place for doc in documents}
    return [
        Responsibility(c.doc_id, c.clause_id, c.section, places.get(c.doc_id, ""), c.lead, c.support)
        for c in clauses
        if c.lead or c.support
    ]


def targets(documents: list[Document], clauses: list[Clause]) -> list[Target]:
    by_doc: dict[str, list[Clause]] = {}
    for clause in clauses:
        by_doc.setdefault(clause.doc_id, []).append(clause)
    return [
        target for doc in documents for target in extract_document_targets(by_doc.get(doc.doc_id, []), doc)
    ]


def measures(documents: list[Document], clauses: list[Clause]) -> list[Measure]:
    by_doc: dict[str, list[Clause]] = {}
    for clause in clauses:
        by_doc.setdefault(clause.doc_id, []).append(clause)
    return [m for doc in documents for m in extract_document_measures(by_doc.get(doc.doc_id, []), doc)]


def index_extras(documents: list[Document], clauses: list[Clause]) -> dict[str, list[dict]]:
    """Side files by name, as rows of plain data."""
    return {
        TARGETS_FILE: [asdict(t) for t in targets(documents, clauses)],
        RESPONSIBILITIES_FILE: [asdict(r) for r in responsibilities(documents, clauses)],
        MEASURES_FILE: [m.to_json() for m in measures(documents, clauses)],
    }
