"""The Evaluate tab's results as Markdown and HTML: the report's own tables (evaluation.report, so the
figures read exactly as `python -m evaluation run` prints them), the misses that open to their ranked
passages, and two runs compared. evaluation/ is imported inside functions (see evaluate_runs)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from assistant.web.labels import EVALUATE_TEXT as TEXT

MISSES_SHOWN = 200  # per configuration; the report and results.json hold them all
PASSAGE_CHARS = 300


def summary_markdown(evaluation: dict[str, Any]) -> str:
    """The summary table and, when replies were measured, reply-hit overall and per label."""
    from evaluation.report import reply_section, summary_table

    parts = [f"**{TEXT['summary']}**", summary_table(evaluation)]
    if evaluation.get("replies"):
        parts += [
            f"**{TEXT['replies_table']}**",
            reply_section(evaluation["replies"], shown=0).split("\n\n", 2)[-1],
        ]
    return "\n\n".join(parts)


def breakdown_markdown(evaluation: dict[str, Any]) -> str:
    """Per category, then per language (each left out when no question carries the label)."""
    from evaluation.report import breakdown_table

    parts = []
    for key, label in (("by_category", "category"), ("by_lang", "lang")):
        section = breakdown_table(evaluation, key, label)
        if section:
            parts.append(f"**{TEXT[key]}**\n\n{section}")
    return "\n\n".join(parts)


def misses_html(evaluation: dict[str, Any], questions: Sequence, retrievals: dict[str, list]) -> str:
    """Per configuration, each miss as a row that opens to its ranked passages (evidence marked)."""
    from evaluation.matching import matches_group

    k = evaluation["k"]
    asked = {q.id: (n, q) for n, q in enumerate(questions)}
    parts = []
    for name, figures in evaluation["configs"].items():
        queries = {q["id"]: q for q in figures["queries"]}
        found = retrievals.get(name, [])
        rows = []
        for query_id in figures["misses"][:MISSES_SHOWN]:
            q, (n, question) = queries[query_id], asked[query_id]
            hits = found[n].hits if n < len(found) else ()
            where = f"at rank {q['rank']}" if q["rank"] is not None else f"not in the {q['depth']} returned"
            items = "".join(
                _passage_item(h, any(matches_group(h.chunk.text, g) for g in question.evidence)) for h in hits
            )
            rows.append(
                '<details class="pa-eval-miss"><summary>'
                f"<b>{html.escape(q['id'])}</b> {html.escape(q['question'])}"
                f'<span class="pa-eval-rank">evidence {where}</span></summary>'
                f'<div class="pa-eval-expected">expected: {_evidence_text(question.evidence)}</div>'
                f'<div class="pa-eval-top">ranked first: {html.escape(q["top_passage"]) or "—"}</div>'
                f'<ol class="pa-eval-passages">{items}</ol></details>'
            )
        more = len(figures["misses"]) - MISSES_SHOWN
        note = f'<p class="pa-eval-note">… {more} more in report.md</p>' if more > 0 else ""
        title = f"<h4>{html.escape(name)}: {len(figures['misses'])} missed at {k}</h4>"
        parts.append(title + "".join(rows) + note)
    return f'<div class="pa-eval-misses"><h3>{html.escape(TEXT["misses"])}</h3>{"".join(parts)}</div>'


def _passage_item(hit, matched: bool) -> str:
    chunk = hit.chunk
    text = " ".join(chunk.text.split())
    cut = text[:PASSAGE_CHARS] + ("…" if len(text) > PASSAGE_CHARS else "")
    mark = '<span class="pa-eval-match">✓ evidence</span> ' if matched else ""
    where = " · ".join(x for x in (chunk.title, chunk.section) if x)
    return (
        f'<li value="{hit.rank}" class="{"pa-eval-hit" if matched else ""}">{mark}'
        f'<span class="pa-eval-where">{html.escape(where)} · {hit.score:.3f}</span><br>{html.escape(cut)}</li>'
    )


def _evidence_text(groups: Sequence[Sequence[str]]) -> str:
    return " ; ".join(" | ".join(html.escape(a) for a in group) for group in groups) or "—"


def compare_html(comparison: dict[str, Any], later: dict[str, Any]) -> str:
    """A table of every figure's change, then per configuration the questions won and lost."""
    from evaluation.report import fmt

    names = list(dict.fromkeys(c["config"] for c in comparison["changes"]))
    cells = {(c["figure"], c["config"]): c for c in comparison["changes"]}
    figures = list(dict.fromkeys(c["figure"] for c in comparison["changes"]))
    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
    rows = "".join(
        f"<tr><td>{html.escape(figure)}</td>"
        + "".join(_change_cell(cells.get((figure, name)), fmt) for name in names)
        + "</tr>"
        for figure in figures
    )
    table = (
        '<div class="pa-eval-scroll"><table class="pa-eval-compare"><thead><tr><th>earlier → later</th>'
        f"{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )
    asked = {q["id"]: q["question"] for f in later["configs"].values() for q in f["queries"]}
    moved = []
    for name, lists in comparison["questions"].items():
        for kind in ("won", "lost"):
            ids = lists[kind]
            items = "".join(f"<li><b>{html.escape(i)}</b> {html.escape(asked.get(i, ''))}</li>" for i in ids)
            moved.append(
                f'<details class="pa-eval-moved pa-eval-{kind}"><summary>{html.escape(name)}: '
                f"{len(ids)} {kind}</summary><ul>{items}</ul></details>"
            )
    only = [f"only earlier: {', '.join(comparison['only_before'])}"] if comparison["only_before"] else []
    only += [f"only later: {', '.join(comparison['only_after'])}"] if comparison["only_after"] else []
    notes = "".join(f'<p class="pa-eval-note">{html.escape(n)}</p>' for n in only)
    return f'<div class="pa-eval-comparison">{table}{"".join(moved)}{notes}</div>'


def _change_cell(change: dict | None, fmt) -> str:
    if change is None:
        return "<td></td>"
    if change["before"] == change["after"]:
        return f"<td>{fmt(change['after'])}</td>"
    return (
        f'<td class="{_sign(change["delta"])}">{fmt(change["before"])} → {fmt(change["after"])} '
        f"({_signed(change['delta'])})</td>"
    )


def _signed(delta: float | int | None) -> str:
    if delta is None:
        return "—"
    return f"{delta:+d}" if isinstance(delta, int) else f"{delta:+.3f}"


def _sign(delta: float | int | None) -> str:
    if not delta:
        return ""
    return "pa-eval-up" if delta > 0 else "pa-eval-down"


def message_html(text: str, kind: str = "ok") -> str:
    return f'<div class="pa-admin-message pa-admin-{kind}" role="status">{html.escape(text)}</div>'
