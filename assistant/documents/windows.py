"""Windows of time as real notices write them: what may be done from when until when.

A notice gives one or several: an activity or purchase window ("活动时间：2025年3月1日0时至2025年3月31日24时"),
an application window ("资料申报时间：…", "报名时间：自本公告发布之日起至2025年12月28日17:00止"), a validity
("执行期限为2020年1月1日至2020年6月30日"), a service period; the label may be a heading with the range on the
next line ("一、活动时间\\n2026年1月15日至3月31日"). A window may end when the money does ("额度用完即止").
Dates are read by jionlp (assistant.documents.jio): hours, "3月底", Chinese numerals, a year carried
over from the first date; the labels, frames and end conditions are plain data (data/periods.json).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from assistant.config import DATA_DIR
from assistant.documents.jio import jionlp

KINDS = ("activity", "purchase", "validity", "period", "application", "service")
MAIN_KINDS = ("activity", "purchase", "validity")  # windows that are the document's own period
KIND_LABELS = {
    "activity": ("活动时间", "Activity"),
    "purchase": ("购买时间", "Purchase"),
    "validity": ("有效期", "In force"),
    "period": ("期间", "Period"),
    "application": ("申报时间", "Applications"),
    "service": ("服务时间", "Service"),
}
_SENTENCE = re.compile(r"[^。；;！？!?\n]+")
_MARKER = r"(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)．.、]\s*)?"
_FROM_ISSUE = re.compile(r"(?:发布|印发|公布|下发|公告|通知|本通知|本公告)之日起|即日起|今日起")
# A range in a frame that makes it a window: 自…起至, …起至…, …至…止, …至…期间, "2020年1月1日至12月31日，对…"
_FRAME = re.compile(r"自|起|止|期间|^[^，,]{0,30}[，,]\s*(?:对|在|凡)")
# "明查暗访时间 2020年2月19日至22日", "起止时间为…": any such label right before a range makes it a window
_ANY_LABEL = re.compile(r"[\u4e00-\u9fff](?:时间|期限|日期)\s*(?:为|是)?\s*[：:]?\s*(?:自|从)?\s*$")
_RANGE_WORD = re.compile(r"至|到|—|–|－|-|~|～")
_DEADLINE_END = re.compile(r"前|为止|截止|截至")
_DAY_WRITTEN = re.compile(r"[日号底末]")
_MIDNIGHT = re.compile(r"24\s*(?:时|点|[:：]\s*00)")
_TIME_OF_DAY = re.compile(r"\d{1,2}\s*(?:时|点|[:：]\s*\d\d)")
# Dates the windows of a text that writes no year ("从2月9日起至2月29日" in a reprinted news item): a leap
# year, so that 2月29日 reads; it is dropped from what is kept (a year-less window's days are "MM-DD")
NOMINAL_YEAR = 2000


@dataclass(frozen=True)
class Window:
    """One window a notice states: its kind, the label as written, the first and last day (ISO), the time
    of day when one is written ("17:00"), and how it ends besides the date (额度用完即止)."""

    kind: str
    label: str
    start: str
    end: str
    start_time: str = ""
    end_time: str = ""
    from_issue: bool = False  # "自本公告发布之日起": the start is the issue date
    until_used: str = ""  # "额度用完即止" as written, "" when the text says no such thing
    text: str = ""  # the sentence it was read from
    year_written: bool = True  # False: the text writes no year; start and end are "MM-DD", no status holds

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Window:
        return cls(**{key: data[key] for key in cls.__dataclass_fields__ if key in data})


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    """data/periods.json (periods.py reads the same file; it imports this module, not the other way)."""
    return json.loads((DATA_DIR / "periods.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _labels() -> list[tuple[str, str]]:
    """(label, kind), longest first, so "资料申报时间" is found before "申报时间"."""
    pairs = [(label, kind) for kind, labels in _words()["window_labels"].items() for label in labels]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


@lru_cache(maxsize=1)
def _heading() -> re.Pattern[str]:
    """A line that is only a window label ("一、活动时间", "四、报名时间："): its range is on the next line."""
    labels = "|".join(re.escape(label) for label, _ in _labels())
    return re.compile(rf"^\s*{_MARKER}[\u4e00-\u9fff]{{0,6}}(?:{labels})\s*[：:]?\s*$")


def join_headings(text: str) -> str:
    """The text with each window-label heading line joined to the line after it."""
    lines = text.split("\n")
    joined: list[str] = []
    for line in lines:
        if joined and _heading().match(joined[-1]) and line.strip() and not _has_label(line):
            joined[-1] = joined[-1].rstrip() + " " + line.strip()  # white space only: quotes stay verbatim
        else:
            joined.append(line)
    return "\n".join(joined)


def _has_label(line: str) -> bool:
    """Whether a line names its own window label before its first date ("补贴时间为2025年…")."""
    head = re.split(r"\d", line, maxsplit=1)[0]
    return any(label in head for label, _ in _labels())


def _label_of(sentence: str, before: int, reach: int = 40) -> tuple[str, str]:
    """(label, kind) of the window label written last within `reach` characters before position `before`;
    of labels ending at the same place the longest ("资料申报时间", not "申报时间")."""
    best: tuple[int, int, str, str] = (-1, 0, "", "")
    for label, kind in _labels():
        at = sentence.rfind(label, max(0, before - reach), before)
        if at >= 0:
            best = max(best, (at + len(label), len(label), label, kind))
    return best[2], best[3]


def _base(issued: str, year: int | None) -> dict[str, int] | None:
    """jionlp's time base: the issue day, else 1 January of the document's year."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", issued or ""):
        y, m, d = (int(part) for part in issued.split("-"))
        return {"year": y, "month": m, "day": d}
    return {"year": year, "month": 1, "day": 1} if year else None


def _times(sentence: str, base: dict[str, int]) -> list[dict]:
    try:
        return jionlp().ner.extract_time(sentence, time_base=base, with_parsing=True)
    except Exception:  # jionlp fails on some odd strings with plain ValueError/KeyError/IndexError
        return []


def _moment(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError):
        return None


def _day_and_time(value: datetime, written: str, is_end: bool) -> tuple[str, str]:
    """ISO day and "HH:MM" (when the text writes a time of day) of a bound; an end at 24时 (jionlp: the
    next day's first hour) is the day before at 24:00."""
    if is_end and _MIDNIGHT.search(written) and value.hour == 0:
        return (value - timedelta(hours=1)).date().isoformat(), "24:00"
    clock = f"{value.hour:02d}:{value.minute:02d}" if _TIME_OF_DAY.search(written) else ""
    return value.date().isoformat(), clock


def _until_used(sentence: str, following: str) -> str:
    for word in _words()["end_conditions"]:
        if word in sentence or word in following[:40]:
            return word
    return ""


def _window(sentence: str, following: str, issued: str, base: dict[str, int]) -> Window | None:
    """The window a sentence states, or None: a framed or labelled range, or a labelled deadline."""
    written_sentence = sentence
    sentence = re.sub(r"日(\s*)之日起", r"日\1起", sentence)  # "2月1日之日起至…": jionlp reads "2月1日起至…"
    for found in _times(sentence, base):
        detail = found.get("detail") or {}
        kind_of_time, bounds = detail.get("type"), detail.get("time")
        if kind_of_time not in ("time_span", "time_point") or not isinstance(bounds, list):
            continue
        first, last = _moment(bounds[0]), _moment(bounds[1])
        written = found["text"]
        at = found["offset"][0]
        label, kind = _label_of(sentence, at + 1)
        before = sentence[max(0, at - 16) : at]
        from_issue = bool(_FROM_ISSUE.search(before))
        if not _DAY_WRITTEN.search(written):
            continue  # a time of day alone ("9:00-17:00") or a season is no window
        ranged = kind_of_time == "time_span" and bool(_RANGE_WORD.search(written)) and first and last
        deadline = (
            _DEADLINE_END.search(written[-3:])
            or re.search(r"(?:至|到|截至|截止到?)\s*$", before)
            or "截止" in label
        )
        if ranged and not _DEADLINE_END.search(written[-2:]):
            framed = (
                label
                or _ANY_LABEL.search(before)
                or _FRAME.search(before + written + sentence[found["offset"][1] :][:4])
            )
            if not framed:
                continue
            parts = _RANGE_WORD.split(written, maxsplit=1)
            start, start_time = _day_and_time(first, parts[0], False)
            end, end_time = _day_and_time(last, parts[-1], True)
        elif last and (from_issue or (label and deadline)):
            # "自发布之日起至…", "截止日期：…": open from the issue day; "有效期至…": the start is stated elsewhere
            end, end_time = _day_and_time(last, written, True)
            opens = from_issue or "截止" in label
            start, start_time = (issued, "") if opens and len(issued) == 10 else ("", "")
            from_issue = opens
        else:
            continue
        if start and end and end < start:
            continue
        return Window(
            kind or "period",
            label,
            start,
            end,
            start_time,
            end_time,
            from_issue,
            _until_used(sentence, following),
            written_sentence.strip(),
        )
    return None


def windows_in(text: str, issued: str = "", year: int | None = None) -> tuple[Window, ...]:
    """Every window `text` states, in text order (one per sentence); `issued` (ISO) starts the windows that
    run "自发布之日起", `year` dates a text whose issue day is unknown. A text with no year anywhere gets its
    windows with month and day only (`year_written` False)."""
    year = year or (int(issued[:4]) if re.match(r"\d{4}", issued or "") else first_year(text))
    base = _base(issued, year)
    if base is None:
        return tuple(_year_less(w) for w in _read(text, "", {"year": NOMINAL_YEAR, "month": 1, "day": 1}))
    return _read(text, issued, base)


def _year_less(window: Window) -> Window:
    return replace(window, start=window.start[5:], end=window.end[5:], year_written=False)


def _read(text: str, issued: str, base: dict[str, int]) -> tuple[Window, ...]:
    sentences = [m.group(0) for m in _SENTENCE.finditer(join_headings(text))]
    found = []
    for n, sentence in enumerate(sentences):
        if not _may_hold_window(sentence):
            continue
        following = sentences[n + 1] if n + 1 < len(sentences) else ""
        window = _window(sentence, following, issued, base)
        if window is not None:
            found.append(window)
    return tuple(found)


def _may_hold_window(sentence: str) -> bool:
    """A cheap test before jionlp reads a sentence: a day and a range word, a label or a 之日起."""
    if not re.search(r"[日号底末]|\d\s*[:：]\s*\d\d", sentence):
        return False
    return bool(
        re.search(r"至|到|—|–|－|~|～|\d\s*-\s*\d", sentence)
        or any(label in sentence for label, _ in _labels())
        or _FROM_ISSUE.search(sentence)
    )


# A government site's page address carries its publication day: ".../202002/t20200210_30856.html"
_PAGE_DAY = re.compile(r"/t((?:19|20)\d\d)(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])_\d+")


def first_year(text: str) -> int | None:
    """The first year the text writes ("2020年"), else the year of a government page address it quotes."""
    match = re.search(r"(?<!\d)(20\d\d|19\d\d)\s*年", text) or _PAGE_DAY.search(text)
    return int(match.group(1)) if match else None


def main_window(windows: tuple[Window, ...]) -> Window | None:
    """The window that is the document's own period: the first activity, purchase or validity window with
    both ends; else the first with both ends of any kind; else None."""
    whole = [w for w in windows if w.start and w.end]
    for kinds in (MAIN_KINDS, KINDS):
        chosen = next((w for w in whole if w.kind in kinds), None)
        if chosen:
            return chosen
    return None


def window_text(window: Window, lang: str = "zh") -> str:
    """ "报名时间 2025-12-25 至 2025-12-28 17:00，额度用完即止" for a card or a list."""
    label = window.label or KIND_LABELS[window.kind][0 if lang == "zh" else 1]
    start = " ".join(part for part in (_day_text(window.start, lang), window.start_time) if part) or "?"
    end = " ".join(part for part in (_day_text(window.end, lang), window.end_time) if part) or "?"
    joiner = " 至 " if lang == "zh" else " – "
    text = f"{label} {start}{joiner}{end}"
    if not window.year_written:
        text += "（未写明年份）" if lang == "zh" else " (year not stated)"
    return f"{text}，{window.until_used}" if window.until_used else text


def _day_text(day: str, lang: str) -> str:
    """An ISO day as it is; a year-less "MM-DD" as 2月9日 or Feb 9."""
    if not re.fullmatch(r"\d\d-\d\d", day):
        return day
    month, number = int(day[:2]), int(day[3:])
    return f"{month}月{number}日" if lang == "zh" else f"{_MONTHS[month - 1]} {number}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def holds(window: Window, day: date) -> bool:
    """Whether `day` falls within the window (both ends included); never for a window whose year is unknown."""
    return (
        bool(window.start and window.end and window.year_written)
        and window.start <= day.isoformat() <= window.end
    )
