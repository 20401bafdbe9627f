"""The table of support measures: one row per measure, filters (place, 个人 / 企业, instrument, in force) and
the JSON-lines and CSV forms the `measures` command and the Measures tab share."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date

from assistant.documents.places import same_place
from assistant.records import Measure

COLUMNS = (
    ("place", "地区"), ("title", "文件"), ("who", "对象"), ("what", "事项"), ("instrument", "方式"),
    ("amount", "标准"), ("cap", "上限"), ("window", "期限"), ("status", "状态"), ("how", "办理"),
    ("contact", "咨询"), ("section", "条款"),
)  # fmt: skip
IN_FORCE, ENDED, NOT_YET, UNKNOWN = "in force", "ended", "not yet", ""


def status(measure: Measure, day: date | None = None) -> str:
    """in force / ended / not yet on `day` (today) from the measure's window; "" when it states none."""
    today = (day or date.today()).isoformat()
    if measure.end and measure.end < today:
        return ENDED
    if measure.start and measure.start > today:
        return NOT_YET
    return IN_FORCE if measure.start or measure.end else UNKNOWN


def filter_measures(
    measures: Sequence[Measure],
    *,
    city: str | None = None,
    who: str | None = None,
    instrument: str | None = None,
    in_force: bool = False,
    day: date | None = None,
) -> list[Measure]:
    """The measures of a place, for 个人 or 企业, of one instrument, and in force on `day` when asked."""
    return [
        m
        for m in measures
        if (not city or same_place(m.place, city))
        and (not who or m.who == who)
        and (not instrument or m.instrument == instrument)
        and (not in_force or status(m, day) != ENDED)
    ]


def row(measure: Measure, day: date | None = None) -> dict[str, str]:
    """A measure as the table shows it, words as written."""
    window = measure.window or "—".join(x for x in (measure.start, measure.end) if x)
    amount = measure.amount or "；".join(b.amount for b in measure.bands)
    return {
        "place": measure.place,
        "title": measure.title,
        "who": measure.who_words or measure.who,
        "what": measure.what,
        "instrument": measure.instrument,
        "amount": amount,
        "cap": "；".join(x for x in (measure.cap, measure.limit) if x),
        "window": window,
        "status": status(measure, day),
        "how": measure.how,
        "contact": measure.contact,
        "section": measure.section,
        "doc_id": measure.doc_id,
        "clause_id": measure.clause_id,
        "text": measure.text,
    }


def render(measures: Sequence[Measure], output: str, day: date | None = None) -> str:
    """json (one line per measure), csv (header in Chinese) or a plain table."""
    rows = [row(m, day) for m in measures]
    if output == "json":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([zh for _, zh in COLUMNS])
        writer.writerows([[r[key] for key, _ in COLUMNS] for r in rows])
        return buffer.getvalue()
    return "".join(
        f"{r['place']} · {r['instrument']} · {r['who'] or '—'} · {r['amount'] or '—'}"
        f"{' · ' + r['status'] if r['status'] else ''}\n    {r['text'][:100]}\n"
        for r in rows
    )
