"""A figure quoted for a figure question must be a figure of what the question asks about.

A plan's goal sentence strings several indicators together ("报废汽车回收量较2023年增加约一倍，…数控化率
分别超过90%、75%"). Asked for one of them, a quote whose figures all stand in comma parts naming none of
the question's topic words states another indicator's figure: a wrong figure, worse than none. The rule is
hard, not a selector feature: such a candidate is no candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.documents.places import find_places
from assistant.search.answer_type import FIGURES, ITEM_NUMBER, asked_type, mentions, topic_words

_PARTS = re.compile(r"[^，,；;：:。！？!?]+")
# Days and hours are when, not how much: "一是2月17日24时前" states no indicator's figure.
_WHEN = re.compile(
    r"\d{4}\s*年|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*[日号]|\d{1,2}\s*[时点]|\d{1,2}:\d{2}"
)

# A magnitude asked without 多少: "回收量要达到什么水平", "规模有多大"
_MAGNITUDE = re.compile(r"什么水平|多大规模|规模多大|有多大|多高")
_MAGNITUDE_WORDS = frozenset({"水平", "规模"})  # the ask itself, not its topic


def figure_units(quote: str) -> list[list[str]]:
    """The quote's comma parts grouped so that each group ends with a part stating a figure (a number that
    is not a date, an hour or an item's number, 一倍, 翻一番): a clause's conditions and the amount they earn ("参加社会保险
    1年以上的，按每人1万元给予补贴") are one unit, each indicator of a goal list another."""
    units, current = [], []
    for part in _PARTS.findall(quote):
        current.append(part)
        if FIGURES["any"].search(_WHEN.sub("", ITEM_NUMBER.sub("", part))):
            units.append(current)
            current = []
    return units


def off_topic_figure(quote: str, topic: set[str]) -> bool:
    """Whether `quote` states figures and none of them in a unit naming a topic word."""
    units = figure_units(quote)
    return bool(units) and not any(mentions(part, word) for unit in units for part in unit for word in topic)


def on_topic(found: Sequence, question: str) -> list:
    """The candidates whose quoted figures are the question's, for a question asking an amount, a share, a
    count or a magnitude; all of them for other questions (a department's sentence may state an unrelated sum, a date
    question's day stands apart from its topic) or when no topic is known."""
    if asked_type(question) in (None, "date") and not _MAGNITUDE.search(question):
        return list(found)
    places = tuple(name for p in find_places(question) for name in (p.name, p.label))
    topic = topic_words(question, places) - _MAGNITUDE_WORDS
    if not topic:
        return list(found)
    return [c for c in found if not off_topic_figure(c.quote, topic)]
