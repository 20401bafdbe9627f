"""A document's place in time, read from its text: the period it is in force and the rules it repeals.

Official documents state their period in a few fixed ways: "自2026年1月1日起施行", "自印发之日起施行",
"有效期至2027年12月31日", "有效期3年", "活动时间：2026年1月15日至3月31日", "自…起至…止", and plans carry
their horizon in the title ("（2024—2027年）"). A new rule names the one it replaces:
"原《…》（…〔2024〕31号）同时废止 / 不再执行". Rounds of one programme say so in the title (第二轮).
Dates are ISO strings; "" when the text does not say.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from assistant.config import DATA_DIR
from assistant.documents.windows import MAIN_KINDS, Window, main_window, windows_in

PERIOD_WORDS = DATA_DIR / "periods.json"
EXTRA_KEY = "time"  # the key of Document.extra (and of documents.jsonl rows) that holds a TimeFacts

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_YEAR = r"(?:19|20)\d\d"
# "2026年1月15日", "2026 年 1 月 15 日", "2026-01-15", "2026.1.15"; the year may be left out after a first date
_DATE = re.compile(
    rf"(?:(?P<y>{_YEAR})\s*年\s*)?(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日"
    rf"|(?P<ny>{_YEAR})\s*[-./]\s*(?P<nm>\d{{1,2}})\s*[-./]\s*(?P<nd>\d{{1,2}})"
)
_YEAR_SPAN = re.compile(rf"(?P<a>{_YEAR})\s*(?:年)?\s*(?:—|–|－|-|~|～|至|到)+\s*(?P<b>{_YEAR})\s*年")
_FROM_ISSUE = re.compile(r"自(?:印发|发布|公布|下发)之日起(?:施行|执行|实施|生效)")
_VALID_YEARS = re.compile(r"有效期(?:为)?\s*(?P<n>[\d一二两三四五六七八九十]+)\s*年")
_ROUND = re.compile(r"第\s*(?P<n>[\d一二三四五六七八九十]+)\s*(?:轮|期|批)")
_QUOTED = re.compile(r"《(?P<title>[^《》]{2,80})》(?:\s*[（(](?P<number>[^（）()]{2,40})[）)])?")
_SENTENCE_END = re.compile(r"[。；;\n]")
_YEAR_IN = re.compile(rf"(?<!\d){_YEAR}(?!\d)")


@dataclass(frozen=True)
class TimeFacts:
    """When a document applies: issued, in force from `start` to `end`, replacing the rules it names."""

    issued: str = ""
    start: str = ""
    end: str = ""
    supersedes: tuple[str, ...] = ()  # titles and document numbers of the rules it repeals
    round: int | None = None
    horizon: tuple[int, int] | None = None  # a plan's years, "2024—2027年"
    notes: tuple[str, ...] = field(default=(), compare=False)  # the sentences the period was read from
    windows: tuple[Window, ...] = field(default=(), compare=False)  # every window stated (windows.py)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["supersedes"], data["notes"] = list(self.supersedes), list(self.notes)
        data["horizon"] = list(self.horizon) if self.horizon else None
        data["windows"] = [window.to_json() for window in self.windows]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TimeFacts:
        horizon = data.get("horizon")
        return cls(
            issued=data.get("issued", ""),
            start=data.get("start", ""),
            end=data.get("end", ""),
            supersedes=tuple(data.get("supersedes", ())),
            round=data.get("round"),
            horizon=(int(horizon[0]), int(horizon[1])) if horizon else None,
            notes=tuple(data.get("notes", ())),
            windows=tuple(Window.from_json(w) for w in data.get("windows", ()) if isinstance(w, dict)),
        )


@lru_cache(maxsize=1)
def period_words() -> dict[str, Any]:
    """The word lists of data/periods.json."""
    return json.loads(PERIOD_WORDS.read_text(encoding="utf-8"))


def cn_number(text: str) -> int:
    """ "18" → 18, "十八" → 18, "二十" → 20, "三" → 3 (0 when it is no number)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CN_DIGIT.get(text, 0) if len(text) == 1 else 0
    tens, _, units = text.partition("十")
    return (_CN_DIGIT.get(tens, 0) if tens else 1) * 10 + (_CN_DIGIT.get(units, 0) if units else 0)


def _iso(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def dates_in(text: str, year: int | None = None) -> list[tuple[str, int, int]]:
    """(ISO date, start, end) of each full date in text; a date without its year takes the year before it."""
    found = []
    for match in _DATE.finditer(text):
        if match["ny"]:
            y, m, d = int(match["ny"]), int(match["nm"]), int(match["nd"])
        else:
            y = int(match["y"]) if match["y"] else (year or 0)
            m, d = int(match["m"]), int(match["d"])
        iso = _iso(y, m, d) if y else ""
        if iso:
            found.append((iso, match.start(), match.end()))
            year = y
    return found


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _start_date(sentence: str, issued: str) -> str:
    """The date of "自2026年1月1日起施行"; the issue date for "自印发之日起施行"."""
    if _FROM_ISSUE.search(sentence):
        return issued if len(issued) == 10 else ""
    verbs = "|".join(period_words()["start_verbs"])
    for iso, _, end in dates_in(sentence):
        if re.match(rf"\s*(?:起)\s*(?:正式)?(?:{verbs})", sentence[end:]):
            return iso
    return ""


def _valid_until(sentence: str) -> str:
    """The date of "有效期至2027年12月31日" / "有效期到…"."""
    match = re.search(r"有效期(?:至|到|截至|截止到?)", sentence)
    if not match:
        return ""
    dates = dates_in(sentence[match.end() :])
    return dates[0][0] if dates and dates[0][1] <= 2 else ""


def _add_years(start: str, years: int) -> str:
    """The last day of a period of `years` years from `start`."""
    begin = date.fromisoformat(start)
    try:
        later = begin.replace(year=begin.year + years)
    except ValueError:  # 29 February
        later = begin.replace(year=begin.year + years, day=28)
    return (later - timedelta(days=1)).isoformat()


def repealed_names(sentence: str) -> tuple[str, ...]:
    """Titles and document numbers of "原《X》（号）同时废止" in one sentence; () when it repeals nothing."""
    verbs = period_words()["repeal_verbs"]
    if not any(verb in sentence for verb in verbs):
        return ()
    names: list[str] = []
    for match in _QUOTED.finditer(sentence):
        names.append(match["title"].strip())
        if match["number"] and "号" in match["number"]:
            names.append(re.sub(r"\s", "", match["number"]))
    return tuple(dict.fromkeys(names))


def round_of(title: str) -> int | None:
    """The round a title names: "2026年第二轮汽车消费补贴" → 2."""
    match = _ROUND.search(title)
    number = cn_number(match["n"]) if match else 0
    return number or None


def horizon_of(title: str) -> tuple[int, int] | None:
    """A plan's years from its title: "…行动方案（2024—2027年）" → (2024, 2027)."""
    match = _YEAR_SPAN.search(title)
    if not match:
        return None
    first, last = int(match["a"]), int(match["b"])
    return (first, last) if first <= last else None


def _opening(windows: tuple[Window, ...]) -> Window | None:
    """The first window that states the document's own period: labelled as the activity, purchase or validity
    ("活动时间：…至…"), or framed "自…起至…止"."""
    return next(
        (
            w
            for w in windows
            if w.start and w.end and (w.kind in MAIN_KINDS or (w.kind == "period" and "自" in w.text))
        ),
        None,
    )


def extract_time(text: str, title: str = "", issued: str = "") -> TimeFacts:
    """The period and repeals stated in a document's cleaned text (title and issue date as already known).
    Every window (windows.py) is kept; the document's start and end are its labelled period, else the
    start and validity it states (自…起施行, 有效期至…, 有效期3年, a plan's years), else its first window."""
    start = end = ""
    notes: list[str] = []
    supersedes: list[str] = []
    years = 0
    year = _YEAR_IN.search(title)
    windows = windows_in(text, issued, int(year.group(0)) if year else None)
    dated = tuple(w for w in windows if w.year_written)  # a year-less window is shown, never a start or end
    opening = _opening(dated)
    if opening is not None:
        start, end = opening.start, opening.end
        notes.append(opening.text)
    for sentence in _sentences(text):
        begins = _start_date(sentence, issued)
        if begins and not start:
            start = begins
            notes.append(sentence)
        until = _valid_until(sentence)
        if until and not end:
            end = until
            notes.append(sentence)
        valid = _VALID_YEARS.search(sentence)
        if valid and not years:
            years = cn_number(valid["n"])
        repealed = repealed_names(sentence)
        if repealed:
            supersedes.extend(repealed)
            notes.append(sentence)
    horizon = horizon_of(title)
    if horizon and not end:
        end = f"{horizon[1]}-12-31"
    if years and start and not end:
        end = _add_years(start, years)
    chosen = main_window(dated)
    if chosen is not None and not (start or end):
        start, end = chosen.start, chosen.end
        notes.append(chosen.text)
    elif start and not end:
        same = next((w for w in dated if w.start == start and w.end), None)
        end = same.end if same else ""
    return TimeFacts(
        issued=issued,
        start=start,
        end=end,
        supersedes=tuple(dict.fromkeys(supersedes)),
        round=round_of(title),
        horizon=horizon,
        notes=tuple(dict.fromkeys(notes)),
        windows=windows,
    )


def time_extra(text: str, title: str, issued: str) -> dict[str, Any]:
    """The `Document.extra` entry that carries a document's TimeFacts into documents.jsonl."""
    return {EXTRA_KEY: extract_time(text, title, issued).to_json()}


def facts_of(document) -> TimeFacts:
    """A document's TimeFacts: as stored with it, else read from its text now (an index built before)."""
    stored = (document.extra or {}).get(EXTRA_KEY)
    if isinstance(stored, dict):
        return TimeFacts.from_json(stored)
    return extract_time(document.text, document.title, document.issue_date)
