"""Versions and rounds in a ranking: the period a question names, the version in force, the latest one.

When several documents of one series (rounds of a subsidy, a 细则 and its replacement; see
assistant.knowledge.standing) answer a question alike, the one whose period the question names (第一季度,
下半年, 第二轮, 2024年) is cited first; else the one in force on the day asked; else the latest.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from assistant.documents.clause_ref import path_numbers
from assistant.documents.periods import TimeFacts, cn_number, period_words
from assistant.documents.windows import main_window, window_text
from assistant.knowledge.standing import (
    ENDED,
    IN_FORCE,
    NOT_YET,
    SUPERSEDED,
    Standing,
    Timeline,
    effective_from,
    first_day,
)

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)\s*(?:年|$|[^\d%])")
_MONTH = re.compile(r"(?<![\d年])(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?!\d)")
_ROUND_ZH = re.compile(r"第\s*([\d一二三四五六七八九十]+)\s*(?:轮|期|批)")
_ROUND_EN = re.compile(
    r"\bround\s*(\d+)\b|\b(first|second|third|fourth|fifth|sixth)\s+round\b", re.IGNORECASE
)
PERIOD_DEPTH = 10  # how deep the clause that states a period is looked for
NOTICE_DEPTH = 1  # the documents of this many top hits get a notice when not in force
_STATUS_ORDER = {IN_FORCE: 0, ENDED: 1, SUPERSEDED: 1, NOT_YET: 2, None: 3}


@dataclass(frozen=True)
class AskedPeriod:
    """The time a question names: a year, a span of months (of that year, or of any), a round."""

    year: int | None = None
    months: tuple[int, int] | None = None
    round: int | None = None

    @property
    def named(self) -> bool:
        return bool(self.year or self.months or self.round)


def asked_period(question: str) -> AskedPeriod:
    """ "下半年第二轮补多少" → months 7–12, round 2; "2024年的标准" → year 2024; "Q1" → months 1–3."""
    words = period_words()
    spans = words["question_spans"]
    months = None
    lowered = question.lower()
    for word in sorted(spans, key=len, reverse=True):
        if (word.lower() in lowered) if word.isascii() else (word in question):
            months = (int(spans[word][0]), int(spans[word][1]))
            break
    if months is None and (month := _MONTH.search(question)):
        number = cn_number(month.group(1))
        months = (number, number) if 1 <= number <= 12 else None
    round_number = None
    if match := _ROUND_ZH.search(question):
        round_number = cn_number(match.group(1)) or None
    elif match := _ROUND_EN.search(question):
        round_number = (
            int(match.group(1)) if match.group(1) else words["ordinal_words"][match.group(2).lower()]
        )
    year = _YEAR.search(question)
    return AskedPeriod(int(year.group(1)) if year else None, months, round_number)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period_match(asked: AskedPeriod, facts: TimeFacts) -> int:
    """How well a document's period fits the asked one: 2 for its round, 1 for overlapping dates."""
    score = 2 if asked.round and facts.round == asked.round else 0
    begins, ends = effective_from(facts), first_day(facts.end)
    if not (asked.year or asked.months) or begins is None:
        return score
    last = ends or date(max(begins.year, asked.year or begins.year), 12, 31)
    years = [asked.year] if asked.year else list(range(begins.year, last.year + 1))
    first_month, last_month = asked.months or (1, 12)
    for year in years:
        window = (date(year, first_month, 1), _month_end(year, last_month))
        if window[0] <= last and begins <= window[1]:
            return score + 1
    return score


def preference(asked: AskedPeriod, facts: TimeFacts, standing: Standing) -> tuple:
    """Sort key of a document among its series: named period, then in force, then latest."""
    begins = effective_from(facts)
    return (
        -period_match(asked, facts),
        _STATUS_ORDER[standing.status],
        -(begins.toordinal() if begins else 0),
    )


def clause_key(section: str) -> tuple:
    """What a clause is called in every version of a document: its heading numbers (三（一）, 第四条), or
    its path when it has none (前言)."""
    return path_numbers(section) or (section,)


def preferred_versions(
    question: str, doc_ids: Sequence[str], timeline: Timeline, day: date
) -> dict[str, str]:
    """Series key → the version `question` is about (named period, else in force, else latest), for each
    series that two or more of `doc_ids` belong to."""
    asked = asked_period(question)
    on_day = timeline.on(day)
    present: dict[str, list[str]] = {}
    for doc_id in doc_ids:
        docs = present.setdefault(timeline.series.get(doc_id, doc_id), [])
        if doc_id not in docs:
            docs.append(doc_id)
    return {
        key: min(docs, key=lambda d: preference(asked, timeline.facts[d], on_day[d]))
        for key, docs in present.items()
        if len(docs) > 1
    }


def prefer_versions(
    order: Sequence[int],
    chunk_docs: Sequence[str],
    sections: Sequence[str],
    question: str,
    timeline: Timeline,
    day: date,
    doc_chunks: Mapping[str, Sequence[int]] | None = None,
) -> np.ndarray:
    """The ranking where a clause of a version that is not preferred comes right after the same clause of
    the preferred version of its series (named period, else in force, else latest). Versions answer
    alike in the same clause, so the preferred one is cited first; clauses only an older version has stay."""
    ranked = [int(i) for i in order]
    preferred = preferred_versions(question, [chunk_docs[i] for i in ranked], timeline, day)
    if not preferred:
        return np.array(ranked, dtype=np.int64)
    counterpart: dict[tuple[str, tuple], int] = {}
    for doc_id in set(preferred.values()):
        owned = (
            doc_chunks[doc_id]
            if doc_chunks is not None
            else [i for i, d in enumerate(chunk_docs) if d == doc_id]
        )
        for i in owned:
            counterpart.setdefault((doc_id, clause_key(sections[i])), i)
    placed: list[int] = []
    seen: set[int] = set()
    for i in ranked:
        best = preferred.get(timeline.series.get(chunk_docs[i], ""))
        mate = counterpart.get((best, clause_key(sections[i]))) if best and best != chunk_docs[i] else None
        for j in (mate, i):
            if j is not None and j not in seen:
                placed.append(j)
                seen.add(j)
    return np.array(placed, dtype=np.int64)


def document_window(facts: TimeFacts) -> str:
    """The window a card shows for a document: its main stated window (windows.py) with its label and any
    end condition; else its start and end; "" when it states neither."""
    window = main_window(facts.windows)
    if window is not None:
        return window_text(window)
    if facts.start and facts.end:
        return f"{facts.start} 至 {facts.end}"
    return ""


def asks_when(question: str) -> bool:
    """Whether a question asks when a policy applies ("还能领吗", "什么时候结束", "still valid?")."""
    lowered = question.lower()
    return any(word in lowered for word in period_words()["when_words"])


def prefer_period_statement(
    order: Sequence[int],
    chunk_texts: Sequence[str],
    chunk_docs: Sequence[str],
    timeline: Timeline,
    question: str,
) -> np.ndarray:
    """For a question about when a policy applies, the top document's clause that states its period first."""
    ranked = [int(i) for i in order]
    if not ranked or not asks_when(question):
        return np.array(ranked, dtype=np.int64)
    top = chunk_docs[ranked[0]]
    notes = [re.sub(r"\s", "", note) for note in timeline.facts[top].notes] if top in timeline.facts else []
    stating = [
        n
        for n, i in enumerate(ranked[:PERIOD_DEPTH])
        if chunk_docs[i] == top and _states(chunk_texts[i], notes)
    ]
    if stating:
        ranked.insert(0, ranked.pop(stating[0]))
    return np.array(ranked, dtype=np.int64)


def _states(text: str, notes: Sequence[str]) -> bool:
    compact = re.sub(r"\s", "", text)
    return any(note[:30] in compact for note in notes if note)


_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


def demote_outdated(
    order: Sequence[int],
    chunk_docs: Sequence[str],
    timeline: Timeline,
    question: str,
    titles: Mapping[str, str],
) -> np.ndarray:
    """For a question naming a year, documents whose stated period ended before that year come after the others;
    not a document whose title names that year or a later one (`关于公开征集参与2026年…活动经营主体的公告` is
    about 2026 although its registration window closes in December 2025)."""
    ranked = [int(i) for i in order]
    year = asked_period(question).year
    if not year:
        return np.array(ranked, dtype=np.int64)

    def outdated(i: int) -> bool:
        facts = timeline.facts.get(chunk_docs[i])
        ends = first_day(facts.end) if facts else None
        named = [int(y) for y in _TITLE_YEAR.findall(titles.get(chunk_docs[i], ""))]
        return bool(ends and ends.year < year) and not any(y >= year for y in named)

    return np.array(
        [i for i in ranked if not outdated(i)] + [i for i in ranked if outdated(i)], dtype=np.int64
    )


def standing_notices(
    doc_ids: Sequence[str], titles: Mapping[str, str], on_day: Mapping[str, Standing]
) -> tuple[str, ...]:
    """One line for each cited document that is not in force on the day asked, saying since when."""
    notices = []
    for doc_id in dict.fromkeys(doc_ids):
        standing = on_day.get(doc_id)
        title = titles.get(doc_id, doc_id)
        if standing is None or standing.status in (IN_FORCE, None):
            continue
        if standing.status == ENDED:
            when = standing.end or "?"
            notices.append(f"注意：《{title}》已于{when}结束。/ Note: this policy ended on {when}.")
        elif standing.status == SUPERSEDED:
            new = titles.get(standing.replaced_by, standing.replaced_by)
            notices.append(
                f"注意：《{title}》已被《{new}》替代。/ Note: this policy has been superseded by a newer one."
            )
        else:
            when = standing.start or standing.issued
            notices.append(
                f"注意：《{title}》自{when}起施行，尚未生效。/ Note: this policy takes effect on {when}."
            )
    return tuple(notices)


class TimeHook:
    """What the retriever asks about time: which chunks are in force, the version preference, and the
    issue date, status and notices its hits carry."""

    def __init__(self, timeline: Timeline, chunks: Sequence) -> None:
        self.timeline = timeline
        self.chunk_docs = [chunk.doc_id for chunk in chunks]
        self.sections = [chunk.section for chunk in chunks]
        self.texts = [chunk.text for chunk in chunks]
        self.doc_chunks: dict[str, list[int]] = {}
        for i, doc_id in enumerate(self.chunk_docs):
            self.doc_chunks.setdefault(doc_id, []).append(i)
        self.titles = {doc.doc_id: doc.title for doc in timeline.documents}
        self.windows = {doc_id: document_window(facts) for doc_id, facts in timeline.facts.items()}
        self._masks: dict[date, np.ndarray] = {}

    def mask(self, day: date, in_force: bool) -> np.ndarray | bool:
        """Chunks of documents in force on `day` when `in_force`, else every chunk."""
        if not in_force:
            return True
        if day not in self._masks:
            on_day = self.timeline.on(day)
            self._masks[day] = np.array(
                [on_day[d].status == IN_FORCE if d in on_day else False for d in self.chunk_docs], dtype=bool
            )
        return self._masks[day]

    def prefer(self, question: str, order: Sequence[int], day: date) -> np.ndarray:
        """The ranking adjusted for time: versions (named period, in force, latest), outdated years, and the
        clause stating the period for a question asking when."""
        order = prefer_versions(
            order, self.chunk_docs, self.sections, question, self.timeline, day, self.doc_chunks
        )
        order = demote_outdated(order, self.chunk_docs, self.timeline, question, self.titles)
        return prefer_period_statement(order, self.texts, self.chunk_docs, self.timeline, question)

    def annotate(self, retrieval, day: date):
        """The retrieval with each hit's issue date, status and window, the version of its series the question
        is about when that is another hit's document, and a notice per cited document not in force."""
        on_day = self.timeline.on(day)
        docs = [hit.chunk.doc_id for hit in retrieval.hits]
        preferred = preferred_versions(retrieval.question, docs, self.timeline, day)

        def asked_version(doc_id: str) -> str:
            best = preferred.get(self.timeline.series.get(doc_id, ""), doc_id)
            return "" if best == doc_id else best

        hits = tuple(
            replace(
                hit,
                issued=on_day[d].issued,
                status=on_day[d].status,
                window=self.windows.get(d, ""),
                asked_version=asked_version(d),
            )
            if (d := hit.chunk.doc_id) in on_day
            else hit
            for hit in retrieval.hits
        )
        cited = [hit.chunk.doc_id for hit in hits[:NOTICE_DEPTH]] if retrieval.answerable else []
        notices = retrieval.notices + standing_notices(cited, self.titles, on_day)
        return replace(retrieval, hits=hits, notices=notices)
