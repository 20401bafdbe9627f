"""Which kinds of answer a question asks for (an amount, a date, a phone number, an organisation, a place,
a way…) and which kinds a sentence holds: the selector weighs each pair where both meet."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from assistant.config import DATA_DIR
from assistant.search.answer_type import FIGURES, asked_type

FIGURE_KINDS = ("money", "share", "count")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    data = json.loads((DATA_DIR / "answer_kinds.json").read_text(encoding="utf-8"))
    return {
        kind: (re.compile(entry["ask"], re.I), re.compile(entry["holds"]))
        for kind, entry in data.items()
        if not kind.startswith("_")
    }


def kinds() -> tuple[str, ...]:
    """Every kind, the figure kinds first."""
    return (*FIGURE_KINDS, *_patterns())


def asked_kinds(question: str) -> frozenset[str]:
    """The kinds of answer `question` asks for (several may: "何时在哪里办理")."""
    asked = {kind for kind, (ask, _) in _patterns().items() if ask.search(question)}
    figure = asked_type(question)
    if figure in FIGURE_KINDS:
        asked.add(figure)
    elif figure == "date":
        asked.add("time")
    return frozenset(asked)


def held_kinds(sentence: str) -> frozenset[str]:
    """The kinds of answer `sentence` holds."""
    held = {kind for kind, (_, holds) in _patterns().items() if holds.search(sentence)}
    held |= {kind for kind in FIGURE_KINDS if FIGURES[kind].search(sentence)}
    return frozenset(held)
