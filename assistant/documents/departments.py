"""Lead and cooperating departments named in a clause.

Handles the common ways plans name them: "（市商务局牵头，市工信局等按职责分工负责）",
"（牵头单位：市工信局、市能源局；配合单位：市数据局）" and an annex table cell
"市工信局、市能源局牵头，市数据局配合".
"""

from __future__ import annotations

import re

_NOTE_WORDS = re.compile(r"牵头|配合单位|责任单位|按职责分工负责|负责）?$")
_ORG_SUFFIX = re.compile(
    r"(局|委|厅|部|办|办公室|公司|集团|社|行|分行|分局|支队|中心|政府|管委会|单位|部门|院|会|署|所|站)$"
)
_LEAD_LABEL = re.compile(r"^(牵头单位|牵头部门|责任单位|责任部门|主办单位)[:：]")
_SUPPORT_LABEL = re.compile(r"^(配合单位|配合部门|协办单位)[:：]")
_LEAD_TAIL = re.compile(r"(牵头负责|牵头)$")
_SUPPORT_TAIL = re.compile(r"(配合|协助|参与)$")
_SHARED_TAIL = re.compile(r"(等)?(按职责分工|按职责)?(负责|落实)$")


def parenthesised_notes(text: str) -> list[str]:
    """Top-level （…） groups of `text` (nesting respected)."""
    notes, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
            if depth == 0:
                notes.append(text[start:i])
    return notes


def _names(part: str) -> list[str]:
    part = re.sub(r"等$", "", part.strip(" ，,。；;"))
    names = [name.strip(" 等") for name in re.split(r"[、，,]", part)]
    return [name for name in names if name and len(name) <= 30]


def parse_note(note: str) -> tuple[list[str], list[str]]:
    """Departments named in one note → (lead, support)."""
    lead: list[str] = []
    support: list[str] = []
    for raw in re.split(r"[；;]|，(?=配合|协办)|,(?=配合)", re.sub(r"\s+", "", note)):
        part = raw.strip(" ，,。")
        if not part:
            continue
        if _LEAD_LABEL.match(part):
            lead += _names(_LEAD_LABEL.sub("", part))
        elif _SUPPORT_LABEL.match(part):
            support += _names(_SUPPORT_LABEL.sub("", part))
        else:
            for piece in re.split(r"，|,", part):
                _classify(piece, lead, support)
    return _dedupe(lead), _dedupe([s for s in support if s not in lead])


def _classify(piece: str, lead: list[str], support: list[str]) -> None:
    if _LEAD_TAIL.search(piece):
        lead += _names(_LEAD_TAIL.sub("", piece))
    elif _SUPPORT_TAIL.search(piece):
        support += _names(_SUPPORT_TAIL.sub("", piece))
    elif _SHARED_TAIL.search(piece):
        names = _names(_SHARED_TAIL.sub("", piece))
        (support if lead else lead).extend(names)


def _dedupe(names: list[str]) -> list[str]:
    return [name for i, name in enumerate(names) if name and name not in names[:i] and _looks_like_org(name)]


def _looks_like_org(name: str) -> bool:
    return bool(_ORG_SUFFIX.search(name)) or name.startswith(("市", "省", "县", "区", "各"))


def extract_departments(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(lead, support) departments named in a clause's notes or a table row's last cell."""
    candidates = [note for note in parenthesised_notes(text) if _NOTE_WORDS.search(note)]
    if " | " in text:
        candidates.append(text.rsplit(" | ", 1)[-1])
    lead: list[str] = []
    support: list[str] = []
    for note in candidates:
        note_lead, note_support = parse_note(note)
        lead += note_lead
        support += note_support
    lead = _dedupe(lead)
    return tuple(lead), tuple(_dedupe([s for s in support if s not in lead]))


def is_department_note(paragraph: str) -> bool:
    """A paragraph that only names responsible departments, e.g. "（牵头单位：…；配合单位：…）"."""
    text = paragraph.strip()
    notes = parenthesised_notes(text)
    return len(notes) == 1 and text[0] in "（(" and text[-1] in "）)" and bool(_NOTE_WORDS.search(notes[0]))


_LEAD_COLUMN = re.compile(r"牵头|责任单位|责任部门|主办")
_SUPPORT_COLUMN = re.compile(r"配合|协办|参与单位")


def columns_departments(header: list[str], cells: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Departments of a table row whose header names the columns ("牵头单位", "配合单位")."""
    lead: list[str] = []
    support: list[str] = []
    for title, cell in zip(header, cells, strict=False):
        names = [name for part in re.split(r"\s+", cell.strip()) for name in _names(part)]
        if _SUPPORT_COLUMN.search(title):
            support += names
        elif _LEAD_COLUMN.search(title):
            lead += names
    lead = _dedupe(lead)
    return tuple(lead), tuple(_dedupe([s for s in support if s not in lead]))
