"""Heading markers of Chinese official documents, from the outermost level inward."""

from __future__ import annotations

import re

_CN_NUM = "一二三四五六七八九十百零〇"

# (kind, rank, pattern): a lower rank is an outer level. 第X条 is an article: the unit of a 细则.
HEADING_KINDS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("chapter", 0, re.compile(rf"^第[{_CN_NUM}\d]+[章编]\s*")),
    ("section", 1, re.compile(rf"^第[{_CN_NUM}\d]+节\s*")),
    ("cn", 2, re.compile(rf"^[{_CN_NUM}]+\s*[、.．]\s*")),
    ("paren_cn", 3, re.compile(rf"^[（(]\s*[{_CN_NUM}]+\s*[）)]\s*")),
    ("article", 4, re.compile(rf"^第[{_CN_NUM}\d]+条\s*")),
    ("arabic", 4, re.compile(r"^\d{1,2}\s*[．.、](?!\d)\s*")),
    ("paren_arabic", 5, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]\s*")),
    ("circled", 6, re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*")),
)
ANNEX = re.compile(r"^附\s*件\s*\d*\s*[:：]?\s*")
_SHORT_HEADING = 24


def heading_kind(line: str) -> tuple[str, int, str] | None:
    """(kind, rank, marker) when `line` starts with a heading marker, else None."""
    for kind, rank, pattern in HEADING_KINDS:
        match = pattern.match(line)
        if match and len(line) > match.end():
            return kind, rank, match.group(0).strip()
    return None


def is_heading_start(line: str, whole_line: bool = False) -> bool:
    """Whether a line opens a heading; with `whole_line`, whether it is a complete short heading line."""
    kind = heading_kind(line.strip())
    if kind is None:
        return False
    if not whole_line:
        return True
    text = line.strip()
    title = text[len(kind[2]) :].strip()
    return len(text) <= _SHORT_HEADING and not re.search(r"[，,、；;。]", title[:-1])
