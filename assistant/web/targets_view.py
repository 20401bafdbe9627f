"""The Targets tab: every quantitative target as a table, filtered by city, sector and deadline year.

Each row links to its clause in the Documents view (the same links citations use); the filtered rows
download as CSV, UTF-8 with a byte-order mark so that Excel opens the Chinese text correctly.
"""

from __future__ import annotations

import hashlib
import html
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from assistant.knowledge.sectors import SECTOR_ENGLISH, sectors
from assistant.knowledge.target_table import (
    SECTION_SEPARATOR,
    Leads,
    empty_message,
    filter_targets,
    same_place,
    target_sector,
    to_csv,
    written_value,
)
from assistant.records import Target
from assistant.web.documents_view import clause_href, display_section
from assistant.web.labels import TARGET_COLUMNS, TARGET_LABELS

ANY = ""  # a filter's value meaning "no restriction"
CSV_NAME = "policy-targets.csv"
CSV_DIRECTORY = Path(tempfile.gettempdir()) / "policy-assistant-targets"


@dataclass
class TargetsTab:
    """Handles on the Targets tab's components."""

    cities: gr.Dropdown
    sector: gr.Dropdown
    year: gr.Dropdown
    table: gr.HTML
    download: gr.DownloadButton


def build_tab(targets: Sequence[Target], leads: Leads | None = None) -> TargetsTab:
    """Create the tab's components inside the current Tab; it opens on the whole table. `leads` gives
    each clause's lead departments."""
    gr.HTML(f'<div class="pa-targets-intro">{html.escape(TARGET_LABELS["intro"])}</div>')
    with gr.Row(equal_height=True, elem_id="pa-target-filters"):
        cities = gr.Dropdown(
            target_places(targets),
            value=[],
            multiselect=True,
            label=TARGET_LABELS["cities"],
            elem_id="pa-target-cities",
            scale=3,
        )
        sector = gr.Dropdown(
            sector_choices(targets),
            value=ANY,
            label=TARGET_LABELS["sector"],
            elem_id="pa-target-sector",
            scale=2,
        )
        year = gr.Dropdown(
            year_choices(targets), value=ANY, label=TARGET_LABELS["year"], elem_id="pa-target-year", scale=2
        )
        download = gr.DownloadButton(
            TARGET_LABELS["download"],
            value=csv_file(targets, leads=leads),
            variant="secondary",
            size="md",
            elem_id="pa-target-csv",
            scale=1,
            min_width=230,
        )
    table = gr.HTML(table_html(targets, len(targets), targets, leads), elem_id="pa-target-table")
    return TargetsTab(cities, sector, year, table, download)


def wire_tab(tab: TargetsTab, targets: Sequence[Target], leads: Leads | None = None, **event_options) -> None:
    """Any filter change redraws the table and prepares the CSV of the rows shown."""

    def refresh(cities: list[str] | None, sector: str | None, year: str | None) -> tuple[str, str]:
        rows = select(targets, cities or (), sector or ANY, year or ANY)
        of_places = select(targets, cities or (), ANY, ANY)
        return table_html(rows, len(targets), of_places, leads), str(csv_file(rows, leads=leads))

    inputs = [tab.cities, tab.sector, tab.year]
    for component in inputs:
        component.change(refresh, inputs, [tab.table, tab.download], **event_options)


def select(targets: Sequence[Target], cities: Sequence[str], sector: str, year: str) -> list[Target]:
    """The targets of any of `cities` (all when empty), in `sector`, with deadline `year` ("" = any)."""
    chosen = [t for t in targets if not cities or any(same_place(t.city, city) for city in cities)]
    return filter_targets(chosen, sector=sector or None, year=year or None)


def target_places(targets: Sequence[Target]) -> list[str]:
    """The places that have targets, in the order of the table."""
    return list(dict.fromkeys(t.city for t in targets if t.city))


def sector_choices(targets: Sequence[Target]) -> list[tuple[str, str]]:
    """("农业 · agriculture", "农业") for each sector that has targets, in the sectors' own order."""
    present = {target_sector(t) for t in targets}
    shown = [s for s in sectors() if s in present]
    return [(TARGET_LABELS["any_sector"], ANY)] + [(f"{s} · {SECTOR_ENGLISH.get(s, s)}", s) for s in shown]


def year_choices(targets: Sequence[Target]) -> list[tuple[str, str]]:
    """Every deadline year that occurs, earliest first."""
    years = sorted({t.deadline_year for t in targets if t.deadline_year})
    return [(TARGET_LABELS["any_year"], ANY)] + [(year, year) for year in years]


def table_html(
    targets: Sequence[Target], total: int, available: Sequence[Target] = (), leads: Leads | None = None
) -> str:
    """The table of `targets` (of `total` in all), with bilingual headers and a link to each clause; an
    empty table says which sectors and years `available` has."""
    summary = TARGET_LABELS["summary"].format(shown=len(targets), total=total)
    head = "".join(
        f'<th class="pa-t-{key}">{zh}<span class="pa-t-en">{en}</span></th>' for key, zh, en in TARGET_COLUMNS
    )
    rows = "".join(_row(target, leads or {}) for target in targets) or (
        f'<tr><td class="pa-t-empty" colspan="{len(TARGET_COLUMNS)}">{html.escape(empty_message(available))}</td></tr>'
    )
    return (
        f'<div class="pa-targets"><div class="pa-targets-summary">{html.escape(summary)}</div>'
        f'<div class="pa-targets-scroll"><table class="pa-target-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div></div>"
    )


def csv_file(targets: Sequence[Target], directory: Path = CSV_DIRECTORY, leads: Leads | None = None) -> Path:
    """The CSV of `targets` as a file (UTF-8 with BOM); the same rows always give the same file."""
    data = ("\ufeff" + to_csv(targets, leads)).encode("utf-8")
    folder = directory / hashlib.sha256(data).hexdigest()[:16]
    path = folder / CSV_NAME
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(
            dir=folder, suffix=".part"
        )  # one per writer: requests run in parallel
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(partial, path)
    return path


def _row(target: Target, leads: Leads) -> str:
    path = display_section(target.section).split(SECTION_SEPARATOR) if target.section else [""]
    upper = SECTION_SEPARATOR.join(path[:-1])
    cells = [
        f'<span class="pa-place">{html.escape(target.city)}</span>' if target.city else "",
        f'<span class="pa-t-sector-tag">{html.escape(target_sector(target))}</span>',
        f'<span title="{html.escape(target.sentence)}">{html.escape(target.indicator)}</span>',
        html.escape(written_value(target)),
        html.escape(target.deadline_year),
        html.escape(target.baseline_year),
        html.escape("、".join(leads.get((target.doc_id, target.clause_id), ()))),
        f'<a class="pa-open pa-t-link" href="{html.escape(clause_href(target.doc_id, target.clause_id))}" '
        f'title="{html.escape(target.section)}">{html.escape(path[-1])}</a>'
        + (f'<div class="pa-t-path">{html.escape(upper)}</div>' if upper else ""),
    ]
    return (
        "<tr>"
        + "".join(
            f'<td class="pa-t-{key}{"" if cell else " pa-t-none"}" data-label="{zh} {en}">{cell}</td>'
            for (key, zh, en), cell in zip(TARGET_COLUMNS, cells, strict=True)
        )
        + "</tr>"
    )
