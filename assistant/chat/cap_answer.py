"""The most one can get: "每家最多补多少", "最高能拿多少" is answered with the part of a cited clause that caps a
sum of money (`单个主体贴息总额原则上不超过50万元`, `最高不超过100万元的资金支持`), cited, rather than with a
per-unit rate or a capped share of the same clause (`不超过2%的贴息`), which is not the most one gets.

A question asking for a share ("支持比例最高多少", "费率最多多少") is left to the usual reply: its cap is a
percentage, not a sum.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.chat.reply_sentence import MAXIMUM, ask_of, coverage, sentences_of, term_weights
from assistant.knowledge.amounts import find_amounts, measure_words
from assistant.records import Hit

_HOW_MUCH = re.compile(r"多少|几[万千百]|how much", re.I)
CANDIDATE_HITS = 3
RANK_STEP = 0.15  # a cap in a later hit needs this much more of the question's words per rank


def cap_line(numbered: Sequence[tuple[int, Hit]], question: str) -> str | None:
    """The sentence of the first hits that caps a sum, best fitting the question, cited; None for a
    question not asking the most one gets in money, or when no passage of the first hit's notice among
    the first hits caps a sum."""
    if not (MAXIMUM.search(question) and _HOW_MUCH.search(question)) or _asks_share(question):
        return None
    if not numbered:
        return None
    document = numbered[0][1].chunk.doc_id  # the first hit's notice answers, as its other passages may
    candidates = [
        (position, number, part.rstrip("；;，,"))
        for position, (number, hit) in enumerate(numbered[:CANDIDATE_HITS])
        if hit.chunk.doc_id == document
        for part in sentences_of(hit.chunk.text, hit.chunk.title)
        if any(a.cap and not a.share and a.value for a in find_amounts(part))
    ]
    if not candidates:
        return None
    weights = term_weights(ask_of(question), [part for _, _, part in candidates])

    def score(item: tuple[int, int, str]) -> float:
        position, _, part = item
        return coverage(part, weights) - RANK_STEP * position

    _, number, part = max(candidates, key=lambda item: (score(item), -item[0]))
    return f"{part}[{number}]"


def _asks_share(question: str) -> bool:
    """ "支持比例最高能到多少", "担保费率最多多少": the question asks for a percentage."""
    return any(word in question for word in measure_words()["share_asked"])
