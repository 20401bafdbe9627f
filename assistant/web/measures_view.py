"""The Measures tab: every support measure as a table, filtered by place, 个人 / 企业, instrument and in force.

Each row links to its clause in the Documents view; the filtered rows download as CSV, UTF-8 with a
byte-order mark so that Excel opens the Chinese text correctly (the same rows as `python -m assistant
measures --csv`).
"""

from __future__ import annotations

import html
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from assistant.knowledge.measure_table import filter_measures, render, row
from assistant.records import Measure
from assistant.web.documents_view import clause_href, display_section
from assistant.web.export import content_file
from assistant.web.labels import MEASURE_COLUMNS, MEASURE_LABELS, STATUS_WORDS

ANY = ""
STATUS_CLASS = {"in force": "pa-status-in", "ended": "pa-status-ended", "not yet": "pa-status-pending"}
WHO = ("个人", "企业")
CSV_NAME = "policy-measures.csv"
CSV_DIRECTORY = Path(tempfile.gettempdir()) / "policy-assistant-measures"


@dataclass
class MeasuresTab:
    """Handles on the Measures tab's components."""

    places: gr.Dropdown
    who: gr.Dropdown
    instrument: gr.Dropdown
    in_force: gr.Checkbox
    table: gr.HTML
    download: gr.DownloadButton


def build_tab(measures: Sequence[Measure]) -> MeasuresTab:
    """Create the tab's components inside the current Tab; it opens on the whole table."""
    gr.HTML(f'<div class="pa-targets-intro">{html.escape(MEASURE_LABELS["intro"])}</div>')
    with gr.Row(equal_height=True, elem_id="pa-measure-filters"):
        places = gr.Dropdown(
            list(dict.fromkeys(m.place for m in measures if m.place)),
            value=[],
            multiselect=True,
            label=MEASURE_LABELS["places"],
            elem_id="pa-measure-places",
            scale=3,
        )
        who = gr.Dropdown(
            [(MEASURE_LABELS["any_who"], ANY)] + [(w, w) for w in WHO],
            value=ANY,
            label=MEASURE_LABELS["who"],
            elem_id="pa-measure-who",
            scale=2,
        )
        instrument = gr.Dropdown(
            [(MEASURE_LABELS["any_instrument"], ANY)] + [(i, i) for i in instruments(measures)],
            value=ANY,
            label=MEASURE_LABELS["instrument"],
            elem_id="pa-measure-instrument",
            scale=2,
        )
        in_force = gr.Checkbox(
            False, label=MEASURE_LABELS["in_force"], elem_id="pa-measure-in-force", scale=1
        )
        download = gr.DownloadButton(
            MEASURE_LABELS["download"],
            value=csv_file(measures),
            variant="secondary",
            size="md",
            elem_id="pa-measure-csv",
            scale=1,
            min_width=230,
        )
    table = gr.HTML(table_html(measures, len(measures)), elem_id="pa-measure-table")
    return MeasuresTab(places, who, instrument, in_force, table, download)


def wire_tab(tab: MeasuresTab, measures: Sequence[Measure], **event_options) -> None:
    """Any filter change redraws the table and prepares the CSV of the rows shown."""

    def refresh(places: list[str] | None, who: str | None, instrument: str | None, in_force: bool):
        rows = select(measures, places or (), who or ANY, instrument or ANY, bool(in_force))
        return table_html(rows, len(measures)), str(csv_file(rows))

    inputs = [tab.places, tab.who, tab.instrument, tab.in_force]
    for component in inputs:
        component.change(refresh, inputs, [tab.table, tab.download], **event_options)


def select(
    measures: Sequence[Measure], places: Sequence[str], who: str, instrument: str, in_force: bool
) -> list[Measure]:
    """The measures of any of `places` (all when empty), for `who`, of `instrument` ("" = any)."""
    chosen = [m for place in places for m in filter_measures(measures, city=place)] if places else measures
    return filter_measures(chosen, who=who or None, instrument=instrument or None, in_force=in_force)


def instruments(measures: Sequence[Measure]) -> list[str]:
    """The instruments that occur, most frequent first."""
    counts: dict[str, int] = {}
    for measure in measures:
        if measure.instrument:
            counts[measure.instrument] = counts.get(measure.instrument, 0) + 1
    return sorted(counts, key=lambda i: -counts[i])


def table_html(measures: Sequence[Measure], total: int) -> str:
    """The table of `measures` (of `total` in all), with bilingual headers and a link to each clause."""
    summary = MEASURE_LABELS["summary"].format(shown=len(measures), total=total)
    head = "".join(
        f'<th class="pa-m-{key}">{zh}<span class="pa-t-en">{en}</span></th>'
        for key, zh, en in MEASURE_COLUMNS
    )
    rows = "".join(_row(m) for m in measures) or (
        f'<tr><td class="pa-t-empty" colspan="{len(MEASURE_COLUMNS)}">{html.escape(MEASURE_LABELS["empty"])}</td></tr>'
    )
    return (
        f'<div class="pa-targets"><div class="pa-targets-summary">{html.escape(summary)}</div>'
        f'<div class="pa-targets-scroll"><table class="pa-target-table pa-measure-table"><thead><tr>{head}</tr>'
        f"</thead><tbody>{rows}</tbody></table></div></div>"
    )


def csv_file(measures: Sequence[Measure], directory: Path = CSV_DIRECTORY) -> Path:
    """The CSV of `measures` as a file (UTF-8 with BOM); the same rows always give the same file."""
    return content_file(("\ufeff" + render(measures, "csv")).encode("utf-8"), directory, CSV_NAME)


def _row(measure: Measure) -> str:
    shown = row(measure)
    status = STATUS_WORDS.get(shown["status"], "")
    window = html.escape(shown["window"]) + (
        f' <span class="pa-status {STATUS_CLASS[shown["status"]]}">{status}</span>' if status else ""
    )
    section = display_section(measure.section) if measure.section else measure.title
    cells = {
        "place": f'<span class="pa-place">{html.escape(shown["place"])}</span>' if shown["place"] else "",
        "who": html.escape(shown["who"]),
        "instrument": f'<span class="pa-t-sector-tag" title="{html.escape(shown["what"])}">'
        f"{html.escape(shown['instrument'])}</span>",
        "amount": f'<span title="{html.escape(measure.text)}">{html.escape(shown["amount"] or "—")}</span>',
        "cap": html.escape(shown["cap"]),
        "window": window,
        "how": html.escape(shown["how"]),
        "contact": html.escape(shown["contact"]),
        "section": f'<a class="pa-open pa-t-link" href="{html.escape(clause_href(measure.doc_id, measure.clause_id))}" '
        f'title="{html.escape(measure.title)}">{html.escape(section or measure.doc_id)}</a>'
        f'<div class="pa-t-path">{html.escape(measure.text[:80])}</div>',
    }
    return (
        "<tr>"
        + "".join(
            f'<td class="pa-m-{key}{"" if cells[key] else " pa-t-none"}" data-label="{zh} {en}">{cells[key]}</td>'
            for key, zh, en in MEASURE_COLUMNS
        )
        + "</tr>"
    )
