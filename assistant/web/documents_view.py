"""The Documents view: a document's outline (its parsed hierarchy) and its cleaned text with clause anchors."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import quote

from assistant.records import Clause, Document
from assistant.structure_patterns import ANNEX, is_heading_start


def anchor_id(clause_id: str) -> str:
    """An HTML id for a clause, safe for any clause_id: 'd#c2' → 'clause-d_23_c2'."""
    return "clause-" + re.sub(r"[^A-Za-z0-9-]", lambda m: f"_{ord(m.group()):x}_", clause_id)


def clause_href(doc_id: str, clause_id: str) -> str:
    """The link that opens a clause in the Documents view (also works as a plain page address)."""
    return f"?doc={quote(doc_id, safe='')}&clause={quote(clause_id, safe='')}#{anchor_id(clause_id)}"


def document_choices(documents: Sequence[Document]) -> list[tuple[str, str]]:
    """(label, doc_id) for each document, grouped by place: '苏州 · 苏州市推动…实施方案'."""
    ordered = sorted(documents, key=lambda d: (d.place, d.title, d.doc_id))
    return [(f"{d.place} · {d.title}" if d.place else d.title or d.doc_id, d.doc_id) for d in ordered]


def clauses_of(doc_id: str, clauses: Sequence[Clause]) -> list[Clause]:
    """The document's clauses, in document order."""
    return sorted((c for c in clauses if c.doc_id == doc_id), key=lambda c: c.order)


def header_html(document: Document) -> str:
    """Title and metadata line of a document."""
    facts = [document.place, document.doc_number, document.issuer, document.issue_date]
    meta = " · ".join(html.escape(f) for f in facts if f)
    return (
        f'<div class="pa-doc-header"><h2 class="pa-doc-title">{html.escape(document.title or document.doc_id)}</h2>'
        + (f'<div class="pa-doc-meta">{meta}</div>' if meta else "")
        + "</div>"
    )


def outline_html(document: Document, clauses: Sequence[Clause], target: str = "") -> str:
    """The hierarchy of headings as nested links, each heading linking to its first clause; `target`'s own
    heading is marked as the current one."""
    items, previous = [], ()
    for clause in clauses_of(document.doc_id, clauses):
        for depth, heading in enumerate(clause.path):
            if clause.path[: depth + 1] == previous[: depth + 1]:
                continue
            anchor = anchor_id(clause.clause_id)
            current = " pa-current" if clause.clause_id == target and depth == len(clause.path) - 1 else ""
            items.append(
                f'<a class="pa-outline-item pa-depth-{min(depth, 3)}{current}" href="#{anchor}" '
                f'data-anchor="{anchor}">{html.escape(heading)}</a>'
            )
        previous = clause.path
    return f'<nav class="pa-outline">{"".join(items)}</nav>'


def text_html(document: Document, clauses: Sequence[Clause], target: str = "") -> str:
    """The cleaned text, each clause wrapped in a section whose id is its anchor; `target` is marked."""
    text, position, parts = document.text, 0, []
    for clause, start, end in locate_clauses(text, clauses_of(document.doc_id, clauses)):
        parts.append(_paragraphs(text[position:start]))
        css = "pa-clause pa-target" if clause.clause_id == target else "pa-clause"
        parts.append(
            f'<section class="{css}" id="{anchor_id(clause.clause_id)}">'
            f"{_paragraphs(text[start:end])}{_departments(clause)}</section>"
        )
        position = max(position, end)
    parts.append(_paragraphs(text[position:]))
    return f'<article class="pa-doc-text">{"".join(parts)}</article>'


def locate_clauses(text: str, clauses: Sequence[Clause]) -> list[tuple[Clause, int, int]]:
    """(clause, start, end) in `text` for clauses in document order: a clause starts where its first line
    is found and runs as far as its text matches (department notes shared by a section stay outside).
    A clause that cannot be found gets an empty span where it should be, so its anchor still exists."""
    located, position = [], 0
    for clause in clauses:
        probe = clause.text.strip().split("\n", 1)[0][:40]
        start = text.find(probe, position) if probe else -1
        if start < 0:
            located.append((clause, position, position))
            continue
        end = start + _common_prefix(clause.text.strip(), text, start)
        located.append((clause, start, end))
        position = end
    return located


def _common_prefix(clause_text: str, text: str, start: int) -> int:
    length = 0
    for a, b in zip(clause_text, text[start:], strict=False):
        if a != b:
            break
        length += 1
    return length


def _paragraphs(text: str) -> str:
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        heading = is_heading_start(line, whole_line=True) or bool(ANNEX.match(line))
        css = "pa-para pa-heading" if heading else "pa-para"
        out.append(f'<p class="{css}">{html.escape(line)}</p>')
    return "".join(out)


def _departments(clause: Clause) -> str:
    if not (clause.lead or clause.support):
        return ""
    parts = []
    if clause.lead:
        parts.append(f'<span class="pa-tag">牵头 Lead</span>{html.escape("、".join(clause.lead))}')
    if clause.support:
        parts.append(
            f'<span class="pa-tag pa-tag-muted">配合 Supporting</span>{html.escape("、".join(clause.support))}'
        )
    return f'<div class="pa-depts">{" ".join(parts)}</div>'
