"""Query expansion for keyword search: English terms and everyday words → the plans' own wording.

The lexicon (data/lexicon.json) maps English policy terms ("charging piles" → 充电桩) and colloquial
Chinese ("冰箱" → 家电, "给钱" → 补贴) to the vocabulary Chinese plans use, so BM25 can match a question
that shares no word with the clause that answers it. Longest English phrases match first, at word
boundaries. A county or district named in English (`Qiantang District`) adds its Chinese name (钱塘区).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from assistant.config import DATA_DIR
from assistant.documents.county_pinyin import county_names

LEXICON = DATA_DIR / "lexicon.json"


@lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern[str] | None, dict[str, list[str]], dict[str, list[str]]]:
    data = json.loads(LEXICON.read_text(encoding="utf-8"))
    english = {key.lower(): terms for key, terms in data["en"].items()}
    phrases = sorted(english, key=len, reverse=True)
    pattern = (
        re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, phrases)) + r")(?![\w-])") if phrases else None
    )
    return pattern, english, data["colloquial"]


def expansion_terms(question: str) -> list[str]:
    """Plan vocabulary for the English phrases and everyday words in `question` (each term once)."""
    pattern, english, colloquial = _lexicon()
    terms: list[str] = []
    if pattern is not None:
        for match in pattern.finditer(question.lower()):
            terms += english[match.group(1)]
    for word, mapped in colloquial.items():
        if word in question:
            terms += mapped
    terms += county_names(question)  # "Songyang County" → 松阳县
    return list(dict.fromkeys(term for term in terms if term not in question))


def expand(question: str) -> str:
    """The question followed by its expansion terms, for keyword search."""
    terms = expansion_terms(question)
    return f"{question} {' '.join(terms)}" if terms else question
