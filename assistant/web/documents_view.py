"""The Documents view: a document's outline (its parsed hierarchy) and its cleaned text with clause anchors."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import quote

from assistant.documents.structure_patterns import ANNEX, is_heading_start
from assistant.documents.tables import CELL_SEPARATOR
from assistant.records import Clause, Document
from assistant.web.labels import LEAD_TAG, SUPPORT_TAG

_HEADER_FIRST = ("序号", "编号")


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


_ANNEX_RUN_ON = re.compile(r"^(附件[一二三四五六七八九十\d]*)(?=[^\s：:、.．一二三四五六七八九十\d])")


def display_heading(heading: str) -> str:
    """A heading as shown: an annex title run on to its label gets its colon back ("附件：大规模…")."""
    return _ANNEX_RUN_ON.sub(r"\1：", heading)


def display_section(section: str, separator: str = " › ") -> str:
    """A clause path as shown, each heading through `display_heading`."""
    return separator.join(display_heading(part) for part in section.split(separator))


def table_headers(documents: Sequence[Document]) -> dict[str, list[list[str]]]:
    """The header rows ("序号 | 工作任务 | 细化措施 | 部门分工") of each document's tables, by doc_id."""
    headers: dict[str, list[list[str]]] = {}
    for document in documents:
        for line in document.text.split("\n"):
            cells = [cell.strip() for cell in line.split(CELL_SEPARATOR)]
            if len(cells) > 1 and cells[0] in _HEADER_FIRST:
                headers.setdefault(document.doc_id, []).append(cells)
    return headers


def row_cells(line: str, headers: Sequence[Sequence[str]]) -> list[tuple[str, str]] | None:
    """(column name, cell) for a table row line that has as many cells as one of `headers`; else None."""
    cells = [cell.strip() for cell in line.split(CELL_SEPARATOR)]
    if len(cells) < 2 or cells[0] in _HEADER_FIRST:
        return None
    header = next((h for h in headers if len(h) == len(cells)), None)
    return list(zip(header, cells, strict=True)) if header else None


def row_html(pairs: Sequence[tuple[str, str]], cell_html=html.escape) -> str:
    """A table row as labelled lines: each column's name, then its cell (`cell_html` renders a cell)."""
    items = "".join(
        f'<div class="pa-row-item"><span class="pa-row-name">{html.escape(name)}</span>'
        f'<span class="pa-row-cell">{cell_html(cell)}</span></div>'
        for name, cell in pairs
    )
    return f'<div class="pa-row">{items}</div>'


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
                f'data-anchor="{anchor}">{html.escape(display_heading(heading))}</a>'
            )
        previous = clause.path
    return f'<nav class="pa-outline">{"".join(items)}</nav>'


def text_html(document: Document, clauses: Sequence[Clause], target: str = "") -> str:
    """The cleaned text, each clause wrapped in a section whose id is its anchor; `target` is marked.
    Table rows read as labelled lines under their column names."""
    text, position, parts = document.text, 0, []
    headers = table_headers([document]).get(document.doc_id, [])
    for clause, start, end in locate_clauses(text, clauses_of(document.doc_id, clauses)):
        parts.append(_paragraphs(text[position:start], headers))
        css = "pa-clause pa-target" if clause.clause_id == target else "pa-clause"
        parts.append(
            f'<section class="{css}" id="{anchor_id(clause.clause_id)}">'
            f"{_paragraphs(text[start:end], headers)}{_departments(clause)}</section>"
        )
        position = max(position, end)
    parts.append(_paragraphs(text[position:], headers))
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


def _paragraphs(text: str, headers: Sequence[Sequence[str]] = ()) -> str:
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        pairs = row_cells(line, headers)
        if pairs:
            out.append(row_html(pairs))
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
        parts.append(f'<span class="pa-tag">{LEAD_TAG}</span>{html.escape("、".join(clause.lead))}')
    if clause.support:
        parts.append(
            f'<span class="pa-tag pa-tag-muted">{SUPPORT_TAG}</span>{html.escape("、".join(clause.support))}'
        )
    return f'<div class="pa-depts">{" ".join(parts)}</div>'
