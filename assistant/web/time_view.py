"""Dates and statuses in the interface: the badge on a citation card and on a document's label (issue 13)."""

from __future__ import annotations

import html
from collections.abc import Mapping

from assistant.knowledge.standing import STATUS_LABELS, Standing

_CSS = {"in force": "pa-status-in", "ended": "pa-status-ended", "superseded": "pa-status-ended"}


def status_text(status: str | None) -> str:
    """ "现行有效 In force" for a status; "" when unknown."""
    if status not in STATUS_LABELS:
        return ""
    zh, en = STATUS_LABELS[status]
    return f"{zh} {en}"


def date_status_html(issued: str, status: str | None, window: str = "") -> str:
    """The issue date, window and status of a cited document as small spans ("" for what is unknown)."""
    parts = []
    if issued:
        parts.append(f'<span class="pa-issued">{html.escape(issued)}</span>')
    if window:
        parts.append(f'<span class="pa-window">{html.escape(window)}</span>')
    if status in STATUS_LABELS:
        css = _CSS.get(status, "pa-status-pending")
        parts.append(f'<span class="pa-status {css}">{html.escape(status_text(status))}</span>')
    return "".join(parts)


def hit_badge(hit) -> str:
    """The date and status badge of a citation card."""
    return date_status_html(hit.issued, hit.status, hit.window)


def document_label(label: str, standing: Standing | None, window: str = "") -> str:
    """A Documents-list label with the issue date, the window it states and its status:
    "无锡 · …第一轮汽车消费补贴 · 2026-01-10 · 2026-01-15至2026-03-31 · 已结束"; `window` (its card's window
    text) stands in when the document has no dated period ("期间 2月9日 00:00 至 2月29日 24:00（未写明年份）")."""
    if standing is None:
        return label
    zh = STATUS_LABELS[standing.status][0] if standing.status in STATUS_LABELS else ""
    return " · ".join(
        part for part in (label, standing.issued, standing_window(standing, window), zh) if part
    )


def standing_window(standing: Standing, window: str = "") -> str:
    """ "2026-01-15至2026-03-31" for a document that states both ends of its period, else `window`."""
    return f"{standing.start}至{standing.end}" if standing.start and standing.end else window


def label_documents(
    choices: list[tuple[str, str]], on_day: Mapping[str, Standing], windows: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """(label, doc_id) choices with each document's date, window and status added to its label; `windows`:
    each document's card window text, shown when it has no dated period."""
    windows = windows or {}
    return [(document_label(label, on_day.get(d), windows.get(d, "")), d) for label, d in choices]


def as_of_or_none(text: str | None) -> str | None:
    """An as-of day typed in the interface or the API: YYYY-MM-DD, or None (today) when empty or unreadable."""
    from datetime import date

    try:
        return date.fromisoformat((text or "").strip()).isoformat()
    except ValueError:
        return None
