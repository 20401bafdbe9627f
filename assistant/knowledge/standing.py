"""A document's standing on a given day: in force, ended, superseded, not yet in force (or unknown).

Read from each document's TimeFacts (assistant.documents.periods) and from the corpus around it: a rule is
superseded once a rule that repeals it (原《…》同时废止) has taken effect, and an earlier version or round
of one programme (same issuer's title but for its year, round or 修订 mark) is superseded once a later one
has taken effect, unless its own period had ended already.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from assistant.documents.periods import TimeFacts, facts_of, period_words

IN_FORCE, ENDED, SUPERSEDED, NOT_YET = "in force", "ended", "superseded", "not yet in force"
STATUSES = (IN_FORCE, ENDED, SUPERSEDED, NOT_YET)
STATUS_LABELS = {
    IN_FORCE: ("现行有效", "In force"),
    ENDED: ("已结束", "Ended"),
    SUPERSEDED: ("已被替代", "Superseded"),
    NOT_YET: ("尚未施行", "Not yet in force"),
}
_SERIES_STRIP = re.compile(
    r"(?:19|20)\d\d\s*(?:年度|年)?(?:\s*[—–\-－至~～]+\s*(?:19|20)\d\d\s*年?)?"
    r"|第\s*[\d一二三四五六七八九十]+\s*(?:轮|期|批)|[上下]半年|第?[一二三四1-4]季度"
    r"|关于(?:开展|印发|做好|实施|组织开展|发布)?|的通知$|[《》〈〉“”\"'（）()、，,\s·—–\-]"
)


@dataclass(frozen=True)
class Standing:
    """One document on one day: its issue date, status and, if replaced, the document that replaced it."""

    doc_id: str
    issued: str
    status: str | None
    start: str = ""
    end: str = ""
    replaced_by: str = ""


def parse_day(text: str | date | None) -> date:
    """An --as-of value (YYYY-MM-DD) as a date; today when empty. Raises ValueError for anything else."""
    if isinstance(text, date):
        return text
    if not text:
        return date.today()
    return date.fromisoformat(str(text).strip())


def first_day(value: str) -> date | None:
    """The first day a date or a bare year ("2024") can mean."""
    if re.fullmatch(r"\d{4}", value or ""):
        return date(int(value), 1, 1)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def series_key(document) -> str:
    """What stays of a title once its year, round, period and wrapper words are gone, with its place."""
    title = document.title or ""
    for noise in period_words()["series_noise"]:
        title = title.replace(noise, "")
    return f"{document.city or document.province}|{_SERIES_STRIP.sub('', title)}"


def _normal(name: str) -> str:
    return re.sub(r"[\s《》〈〉（）()]", "", name)


def repeals(documents: Sequence, facts: Mapping[str, TimeFacts]) -> dict[str, str]:
    """doc_id of each repealed document → doc_id of the document that repeals it (by title or number)."""
    by_name: dict[str, str] = {}
    for doc in documents:
        for name in (doc.title, doc.doc_number):
            if name:
                by_name.setdefault(_normal(name), doc.doc_id)
    replaced: dict[str, str] = {}
    for doc in documents:
        for name in facts[doc.doc_id].supersedes:
            old = by_name.get(_normal(name))
            if old and old != doc.doc_id:
                replaced.setdefault(old, doc.doc_id)
    return replaced


def effective_from(facts: TimeFacts) -> date | None:
    """The first day a document applies: its stated start, else its issue date."""
    return first_day(facts.start) or first_day(facts.issued)


def _successor(doc_id: str, mates: Sequence[str], facts: Mapping[str, TimeFacts], day: date) -> str:
    """A later document of the same series that has taken effect by `day` ("" if none)."""
    own = effective_from(facts[doc_id])
    if own is None:
        return ""
    for other in mates:
        begins = effective_from(facts[other])
        if other != doc_id and begins and own < begins <= day:
            return other
    return ""


@dataclass(frozen=True)
class Timeline:
    """The time facts of a corpus, its series and repeals, read once; `on(day)` gives every Standing."""

    documents: tuple
    facts: Mapping[str, TimeFacts]
    series: Mapping[str, str]  # doc_id → series key
    members: Mapping[str, tuple[str, ...]]  # series key → doc_ids
    replaced: Mapping[str, str]  # repealed doc_id → repealing doc_id
    _days: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, documents: Sequence) -> Timeline:
        facts = {doc.doc_id: facts_of(doc) for doc in documents}
        series = {doc.doc_id: series_key(doc) for doc in documents}
        members: dict[str, tuple[str, ...]] = {}
        for doc_id, key in series.items():
            members[key] = (*members.get(key, ()), doc_id)
        return cls(tuple(documents), facts, series, members, repeals(documents, facts))

    def on(self, day: str | date | None = None) -> dict[str, Standing]:
        """Every document's Standing on `day` (default today), computed once per day."""
        day = parse_day(day)
        if day not in self._days:
            self._days[day] = {doc.doc_id: self._standing(doc, day) for doc in self.documents}
        return self._days[day]

    def _standing(self, doc, day: date) -> Standing:
        fact = self.facts[doc.doc_id]
        begins, ends = effective_from(fact), first_day(fact.end)
        replacer = self.replaced.get(doc.doc_id, "")
        if replacer and (effective_from(self.facts[replacer]) or day) > day:
            replacer = ""  # the new rule has not taken effect yet
        if begins is None:
            status = None
        elif begins > day:
            status = NOT_YET
        elif replacer:
            status = SUPERSEDED
        elif ends and ends < day:
            status = ENDED
        elif replacer := _successor(doc.doc_id, self.members[self.series[doc.doc_id]], self.facts, day):
            status = SUPERSEDED
        else:
            status = IN_FORCE
        return Standing(doc.doc_id, fact.issued or doc.issue_date, status, fact.start, fact.end, replacer)


def standings(documents: Sequence, day: str | date | None = None) -> dict[str, Standing]:
    """Every document's Standing on `day` (default today)."""
    return Timeline.of(documents).on(day)


def status_label(status: str | None, lang: str = "zh") -> str:
    """ "现行有效" / "In force" for a status; "" when unknown."""
    if status not in STATUS_LABELS:
        return ""
    zh, en = STATUS_LABELS[status]
    return zh if lang == "zh" else en
