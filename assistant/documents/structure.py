"""Cleaned text → clauses: the heading hierarchy of a Chinese official document, plus annex table rows.

Heading markers: 第X章 / 第X节 / 一、 / （一） / 第X条 / 1． / （1） / ①. Nesting follows the order in
which a document uses them: a marker kind already open closes everything below it, a new kind opens
beneath the current heading. So a plan's 一、›（一）›1． and a 细则's 第一章›第五条›（一） both nest right,
and a plan that skips a level (三、 straight to 18．) too. Every heading whose paragraph or following
paragraphs carry text becomes a clause; a heading with nothing but its title only names the path of
the clauses under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.documents.departments import columns_departments, extract_departments, is_department_note
from assistant.documents.structure_patterns import ANNEX, heading_kind
from assistant.documents.tables import CELL_SEPARATOR
from assistant.records import Clause

PREAMBLE = "前言"
_TITLE_LIMIT = 40
_CLOSING = re.compile(r"^(抄送|主送)[:：]")
_TABLE_HEADER_FIRST = {"序号", "编号"}


@dataclass
class _Open:
    path: tuple[str, ...]
    kind: str
    paragraphs: list[str] = field(default_factory=list)
    heading_only: bool = False


def heading_title(paragraph: str) -> str:
    """The heading part of a heading paragraph: up to its first full stop, at most 40 characters."""
    end = paragraph.find("。")
    title = paragraph[:end] if 0 < end <= _TITLE_LIMIT else shorten(paragraph)
    return title.rstrip("：:；; ")


def shorten(text: str, limit: int = _TITLE_LIMIT) -> str:
    """At most `limit` characters, never cut inside a figure ("…最高不超过2000元" does not become "…不超过20"):
    a cut that would split a number moves to before it."""
    if len(text) <= limit:
        return text
    cut = limit
    while cut > 0 and re.match(r"[\d.,，．%％]", text[cut]) and re.match(r"[\d.,，．]", text[cut - 1]):
        cut -= 1
    return text[:cut].rstrip("0123456789.,，．") if cut < limit else text[:cut]


def parse_clauses(doc_id: str, text: str) -> list[Clause]:
    """Split a document's cleaned text (one paragraph a line) into clauses in document order."""
    builder = _Builder(doc_id)
    for paragraph in (line.strip() for line in text.split("\n")):
        if paragraph:
            builder.feed(paragraph)
    builder.close()
    return _share_section_notes(builder.clauses)


class _Builder:
    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.clauses: list[Clause] = []
        self.stack: list[tuple[str, str]] = []  # (marker kind, heading title), outermost first
        self.current: _Open | None = None
        self.table_header: list[str] = []

    def feed(self, paragraph: str) -> None:
        if CELL_SEPARATOR in paragraph:
            self._table_row(paragraph)
        elif ANNEX.match(paragraph) or _CLOSING.match(paragraph):
            self._start("annex", heading_title(paragraph), paragraph, reset=True)
        elif (kind := heading_kind(paragraph)) is not None:
            self._start(kind[0], heading_title(paragraph), paragraph)
        elif self.current is None:
            path = tuple(title for _, title in self.stack) or (PREAMBLE,)
            self.current = _Open(path, "body", [paragraph])
        else:
            self.current.paragraphs.append(paragraph)
            self.current.heading_only = False

    def _start(self, kind: str, title: str, paragraph: str, reset: bool = False) -> None:
        open_kinds = [k for k, _ in self.stack]
        # A heading-only paragraph followed by a sibling or an outer heading is content (e.g. 第一条 …).
        self._flush(keep_heading=not reset and kind in open_kinds)
        if reset:
            self.stack = []
        elif kind in open_kinds:
            del self.stack[open_kinds.index(kind) :]
        self.stack.append((kind, title))
        heading_only = len(paragraph.rstrip("。：:")) <= len(title)
        self.current = _Open(tuple(t for _, t in self.stack), kind, [paragraph], heading_only)

    def _table_row(self, paragraph: str) -> None:
        cells = [cell.strip() for cell in paragraph.split(CELL_SEPARATOR)]
        if cells[0] in _TABLE_HEADER_FIRST or not self.table_header:
            if cells[0] in _TABLE_HEADER_FIRST:
                self._flush()
                self.table_header = cells
                return
        self._flush()
        label = " ".join(cells[:2]) if cells[0].isdigit() and len(cells) > 2 else cells[0]
        base = tuple(t for _, t in self.stack)
        self._emit(base + (shorten(label),), [paragraph], columns_departments(self.table_header, cells))

    def _flush(self, keep_heading: bool = False) -> None:
        if self.current is not None and (keep_heading or not self.current.heading_only):
            self._emit(self.current.path, self.current.paragraphs)
        self.current = None

    def _emit(self, path: tuple[str, ...], paragraphs: list[str], departments=None) -> None:
        text = "\n".join(paragraphs)
        if path == (PREAMBLE,) and not re.search(r"[。；，]", text):
            return  # a bare title before the first heading says nothing of its own
        lead, support = extract_departments(text)
        if departments and not (lead or support):
            lead, support = departments
        order = len(self.clauses)
        self.clauses.append(
            Clause(self.doc_id, f"{self.doc_id}#c{order:03d}", path, text, order, lead, support)
        )

    def close(self) -> None:
        self._flush(keep_heading=True)


def _share_section_notes(clauses: list[Clause]) -> list[Clause]:
    """A section whose departments are named once, after its last item, assigns them to every item.

    "1．… 2．… 3．…（牵头单位：…；配合单位：…）": items 1 and 2 name no department of their own, so
    they get the note's departments and its text, which a citation of each item should show.
    """
    result = list(clauses)
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, clause in enumerate(clauses):
        groups.setdefault(clause.path[:-1], []).append(i)
    for indices in groups.values():
        last = clauses[indices[-1]]
        trailing_note = last.text.split("\n")[-1]
        named = [i for i in indices if clauses[i].lead or clauses[i].support]
        if named == [indices[-1]] and is_department_note(trailing_note) and len(indices) > 1:
            for i in indices[:-1]:
                result[i] = _with_departments(clauses[i], last.lead, last.support, trailing_note)
    return result


def _with_departments(clause: Clause, lead: tuple[str, ...], support: tuple[str, ...], note: str) -> Clause:
    text = f"{clause.text}\n{note}"
    return Clause(clause.doc_id, clause.clause_id, clause.path, text, clause.order, lead, support)
