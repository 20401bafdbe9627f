"""Sector grouping: a clause's action area from its headings, and the areas a business describes.

Areas follow the action areas these plans are organised by (工业, 能源, 建筑市政, 交通, 农业, 教育, 文旅,
医疗, 汽车, 家电, 家装, 回收, 二手, 再制造, 标准, 保障措施 …). Rules are plain keyword tables: the first
area whose pattern matches wins, so more specific areas come first (标准 before 回收, 汽车 before 能源).
The tables, and each area's English name, are data (`data/sectors.json`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.config import DATA_DIR

GENERAL = "综合"
OVERALL = "总体目标"
SAFEGUARDS = "保障措施"
CROSS_CUTTING = frozenset({SAFEGUARDS})

SECTORS_FILE = DATA_DIR / "sectors.json"


@lru_cache(maxsize=1)
def _taxonomy() -> dict:
    """data/sectors.json: the areas in matching order, each with its English name, and the business terms."""
    return json.loads(SECTORS_FILE.read_text(encoding="utf-8"))


# (area, regular expression over a heading). Order matters: the first match wins.
SECTOR_RULES: tuple[tuple[str, str], ...] = tuple(
    (sector["name"], sector["heading"]) for sector in _taxonomy()["sectors"] if "heading" in sector
)
# How businesses describe themselves → the areas whose measures concern them; every matching row adds its areas.
BUSINESS_TERMS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (row["pattern"], tuple(row["sectors"])) for row in _taxonomy()["business_terms"]
)
# Each area's English name ("农业" → "agriculture"), the general fallback's too.
SECTOR_ENGLISH: dict[str, str] = {sector["name"]: sector["en"] for sector in _taxonomy()["sectors"]}

_SECTOR_PATTERNS = tuple((area, re.compile(pattern)) for area, pattern in SECTOR_RULES)
_BUSINESS_PATTERNS = tuple((re.compile(pattern), areas) for pattern, areas in BUSINESS_TERMS)


def sectors() -> tuple[str, ...]:
    """Every area a clause can be grouped under, in table order (plus the general fallback)."""
    return tuple(area for area, _ in SECTOR_RULES) + (GENERAL,)


def sector_of_heading(heading: str) -> str | None:
    """The area a single heading names, or None when it names none."""
    heading = _strip_numbering(heading)
    for area, pattern in _SECTOR_PATTERNS:
        if pattern.search(heading):
            return area
    return None


def areas_named(text: str) -> list[str]:
    """Every area a text names ("工业、建筑、交通…设备投资" names several)."""
    text = _strip_numbering(text)
    return [area for area, pattern in _SECTOR_PATTERNS if pattern.search(text)]


def sector_of(path: Sequence[str], text: str = "") -> str:
    """A clause's area: the most specific heading that names one, else the text's first sentence.

    A cross-cutting area (保障措施) gives way to a subject area named by an outer heading:
    "开展家电产品以旧换新行动 › 加大财政支持力度" is a 家电 measure.
    """
    areas = [area for area in map(sector_of_heading, reversed(tuple(path))) if area is not None]
    subject = next((area for area in areas if area not in CROSS_CUTTING), None)
    if subject or areas:
        return subject or areas[0]
    first_sentence = re.split(r"[。；\n]", text.strip(), maxsplit=1)[0] if text else ""
    return sector_of_heading(first_sentence) or GENERAL


def sectors_for_query(question: str) -> list[str]:
    """The areas a business's self-description concerns ("我们是做农机的" → ["农业"]), most likely first."""
    found: list[str] = []
    for pattern, areas in _BUSINESS_PATTERNS:
        if pattern.search(question):
            found.extend(area for area in areas if area not in found)
    headings = dict(_SECTOR_PATTERNS)
    for area in sectors():  # a name counts where its heading pattern agrees: 新能源 does not name 能源
        if (
            area in question
            and area not in found
            and (area not in headings or headings[area].search(question))
        ):
            found.append(area)
    return found


def _strip_numbering(heading: str) -> str:
    """A heading without its leading marker ("一、", "（三）", "18．", "2.")."""
    return re.sub(
        r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,3}\s*[．.、])\s*",
        "",
        heading,
    )
