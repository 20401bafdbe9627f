"""A clause that leaves out the place a question asks about does not answer it.

National notices grant a measure to every province "除湖北省外" and give 湖北 its own clause; quoting the
first for a 湖北 question states another place's rule. The exclusion forms are Chinese grammar (除…外,
除了…, …除外, 不含…, 不包括…); a place counts as named when its full or short name stands in the
excluded span, and a city is left out with its province. An exclusion reaches over the semicolons of its
statement ("各省（除湖北省外）…免征…；对大型企业…减半征收，减征期限不超过3个月。": the second part is no
湖北 rule either), unless the part itself names the place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.documents.places import Place, find_places, load_places

_SPAN = r"[^，,。；;：:（）()]{0,24}?"
_EXCLUSIONS = (
    re.compile(rf"除(?:了)?(?P<span>{_SPAN})(?:以)?外"),
    re.compile(r"(?P<span>[^，,。；;：:（）()]{1,24})除外"),
    re.compile(rf"不(?:含|包含|包括)(?P<span>{_SPAN})(?=[）)，,。；;]|$)"),
)


def excluded_names(sentence: str) -> list[str]:
    """The spans of `sentence` that an exclusion form leaves out."""
    return [m.group("span") for pattern in _EXCLUSIONS for m in pattern.finditer(sentence)]


@lru_cache(maxsize=256)
def _names(place: Place) -> frozenset[str]:
    """A place's own names and those of its province (a city is left out with its province)."""
    names = {place.name, place.short, *place.aliases}
    if not place.is_province:
        names |= {p.name for p in load_places() if p.is_province and place.province in (p.name, p.short)}
        names.add(place.province)
    return frozenset(n for n in names if n)


def leaves_out(sentence: str, places: Sequence[Place]) -> bool:
    """Whether `sentence` excludes one of `places` (the places a question names)."""
    spans = excluded_names(sentence)
    return bool(spans) and any(name in span for place in places for name in _names(place) for span in spans)


def applicable(found: Sequence, question: str) -> list:
    """The candidates whose sentence, or the statement it continues, does not leave out a place `question`
    names."""
    places = find_places(question)
    return [c for c in found if not _left_out(c, places)] if places else list(found)


def _left_out(candidate, places: Sequence[Place]) -> bool:
    if leaves_out(candidate.sentence, places):
        return True
    text = candidate.hit.chunk.text
    opened = max(text.rfind(stop, 0, candidate.start) for stop in "。！？\n") + 1
    before = text[opened : candidate.start]
    return bool(before) and leaves_out(before, places) and not _names_place(candidate.sentence, places)


def _names_place(sentence: str, places: Sequence[Place]) -> bool:
    return any(name in sentence for place in places for name in (place.name, place.short) if name)
