"""The targets table: filter targets by city, year and sector, and render them as text, CSV or JSON lines.

Pure functions shared by `python -m assistant targets` and the web interface.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict

from assistant.documents.places import same_place
from assistant.knowledge.sectors import GENERAL, OVERALL, areas_named, sector_of, sectors, sectors_for_query
from assistant.knowledge.targets import SUFFIX_QUALIFIERS
from assistant.records import Target

SECTION_SEPARATOR = " › "
TABLE_COLUMNS: tuple[str, ...] = (
    "city", "sector", "indicator", "written", "deadline_year", "baseline_year", "lead", "section",
)  # fmt: skip
Leads = Mapping[tuple[str, str], Sequence[str]]  # (doc_id, clause_id) → lead departments
HEADERS: dict[str, str] = {
    "city": "城市",
    "sector": "领域",
    "indicator": "指标",
    "value": "目标值",
    "unit": "单位",
    "qualifier": "限定",
    "written": "目标值",
    "lead": "牵头单位",
    "deadline_year": "期限",
    "baseline_year": "基期",
    "section": "条款",
    "sentence": "原文",
    "doc_id": "文件",
    "clause_id": "条款编号",
}
CELL_LIMIT = 28  # display columns a text-table cell shows at most
_RECURRING = re.compile(r"(每年|年均|逐年|每一年)[^，,；;。]*$")


def target_sector(target: Target) -> str:
    """The action area of a target: its clause's headings; an overall goal is placed by its indicator."""
    path = tuple(target.section.split(SECTION_SEPARATOR)) if target.section else ()
    sector = sector_of(path, target.sentence)
    if sector in (OVERALL, GENERAL):
        named = areas_named(target.indicator)
        # an overall goal listing many areas ("工业、建筑、交通…设备投资规模") stays overall
        return named[0] if 1 <= len(named) <= 2 else sector
    return sector


def filter_targets(
    targets: Iterable[Target],
    *,
    city: str | None = None,
    year: str | int | None = None,
    sector: str | None = None,
) -> list[Target]:
    """Targets of a city, with a deadline year, in a sector; `sector` may also describe a business ("农机")."""
    wanted_sectors = _sectors_meant(sector) if sector else ()
    return [
        target
        for target in targets
        if (not city or same_place(target.city, city))
        and (year is None or str(year) == "" or target.deadline_year == str(year))
        and (not sector or target_sector(target) in wanted_sectors)
    ]


def written_value(target: Target) -> str:
    """The value with its qualifiers as the plan words it: "每年1000个以上", "约1400公里", "30%左右"."""
    parts = [q for q in target.qualifier.split("…") if q and q not in target.value]
    after = [q for q in parts if q in SUFFIX_QUALIFIERS]
    before = [q for q in parts if q not in after]
    start = target.sentence.find(target.value)
    recurring = _RECURRING.search(target.sentence[:start]) if start > 0 else None
    yearly = [recurring.group(1)] if recurring else []
    return "".join([*yearly, *before, target.value, *after])


def target_rows(targets: Iterable[Target], leads: Leads | None = None) -> list[dict[str, str]]:
    """Each target as a flat record: every Target field plus its sector, the value as written and the
    lead departments of its clause (from `leads`)."""
    leads = leads or {}
    return [
        {
            **asdict(target),
            "sector": target_sector(target),
            "written": written_value(target),
            "lead": "、".join(leads.get((target.doc_id, target.clause_id), ())),
        }
        for target in targets
    ]


def lead_departments(items: Iterable) -> dict[tuple[str, str], tuple[str, ...]]:
    """Lead departments by (doc_id, clause_id), from clauses or responsibilities (anything with `.lead`)."""
    return {(item.doc_id, item.clause_id): tuple(item.lead) for item in items if item.lead}


def empty_message(targets: Sequence[Target]) -> str:
    """What to say when no target matches: which sectors and deadline years exist."""
    found = {target_sector(t) for t in targets}
    sector_names = [s for s in sectors() if s in found]
    years = sorted({t.deadline_year for t in targets if t.deadline_year})
    return (
        f"没有符合条件的目标。现有领域：{'、'.join(sector_names) or '—'}；期限年份：{'、'.join(years) or '—'}。"
        f" / No target matches. Sectors: {', '.join(sector_names) or '-'}; years: {', '.join(years) or '-'}."
    )


def to_json_lines(targets: Iterable[Target], leads: Leads | None = None) -> str:
    """One JSON object per line (UTF-8, Chinese kept readable)."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in target_rows(targets, leads))


def to_csv(targets: Iterable[Target], leads: Leads | None = None) -> str:
    """CSV with a header row of field names."""
    rows = target_rows(targets, leads)
    fields = [*Target.__dataclass_fields__, "sector", "written", "lead"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def format_table(
    targets: Iterable[Target], columns: Sequence[str] = TABLE_COLUMNS, leads: Leads | None = None
) -> str:
    """An aligned text table with Chinese headers; wide characters count as two columns."""
    rows = [
        [_shorten(_last_heading(row[column]) if column == "section" else row[column]) for column in columns]
        for row in target_rows(targets, leads)
    ]
    header = [HEADERS.get(column, column) for column in columns]
    widths = [max(display_width(cell) for cell in column) for column in zip(header, *rows, strict=False)]
    lines = [_format_line(cells, widths) for cells in (header, *rows)]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render(targets: Iterable[Target], output: str = "table", leads: Leads | None = None) -> str:
    """Targets in one of the output formats: "table", "csv" or "json" (JSON lines)."""
    if output == "table":
        return format_table(targets, leads=leads)
    renderers = {"csv": to_csv, "json": to_json_lines}
    if output not in renderers:
        raise ValueError(f"unknown output format {output!r}: choose one of table, {', '.join(renderers)}")
    return renderers[output](list(targets), leads)


def display_width(text: str) -> int:
    """Terminal columns a string takes (East Asian wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _sectors_meant(sector: str) -> tuple[str, ...]:
    return (sector,) if sector in sectors() else tuple(sectors_for_query(sector))


def _last_heading(section: str) -> str:
    return section.rsplit(SECTION_SEPARATOR, 1)[-1]


def _shorten(text: str, limit: int = CELL_LIMIT) -> str:
    if display_width(text) <= limit:
        return text
    kept = ""
    for char in text:
        if display_width(kept + char) > limit - 1:
            break
        kept += char
    return kept + "…"


def _format_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(
        cell + " " * (width - display_width(cell)) for cell, width in zip(cells, widths, strict=True)
    )
