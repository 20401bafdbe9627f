"""What the reply selector knows of a candidate quote: one row of numbers per candidate.

Each feature is something the code can measure cheaply: how much of the question's rarer topic words the
sentence, its quote and its neighbours hold (IDF-weighted coverage), the longest run of the question's
characters it repeats, the dense similarity of the sentence's own view to the question, whether it holds
the kind of answer asked for (an amount, a date, a phone number, an organisation, a place, a way: each kind
a feature of its own), where it stands (its passage's rank and score, its place in the passage), how long
it is, whether it fills the question's slot (question_slot.py), and the marks of text that is no answer (a preamble, a news dateline or sign-off). Question traits
enter as products with the candidate's own features, so a linear model can weigh them apart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from difflib import SequenceMatcher

import numpy as np

from assistant.chat.abbreviations import definitions, spelled_out
from assistant.chat.answer_kinds import asked_kinds, held_kinds, kinds
from assistant.chat.candidates import Candidate
from assistant.chat.conversation import topic_of
from assistant.chat.question_slot import SLOT_FEATURES, slot_features, slot_sides
from assistant.chat.reply_sentence import PREAMBLE, Ask, coverage, has_figure, squeeze
from assistant.documents.chunking import chunk_place, sentence_views
from assistant.knowledge.amounts import find_amounts
from assistant.search.answer_type import states_day
from assistant.words import sentence_mark

BASE_FEATURES = (
    "coverage",
    "quote_coverage",
    "best_coverage",
    "previous_coverage",
    "next_coverage",
    "common_run",
    "trigrams",
    "bigrams",
    "states",
    "states_figure",
    "states_role",
    "holds_asked",
    "asked_nothing_held",
    "prefer",
    "preamble",
    "news",
    "colon_end",
    "rank_2",
    "rank_3",
    "score_ratio",
    "focus",
    "dense",
    "dense_gap",
    "first",
    "relative_position",
    "log_length",
    "log_quote_length",
    "listing_quote_length",
    "longer_quote",
    "has_number",
    "no_topic",
    "cap_asked",
    "day_asked",
    "offtitle_coverage",
    "offtitle_gap",
    "overview",
    "after_match",
    "before_match",
    "doc_lead",
    "doc_lead_first",
)
FEATURES = BASE_FEATURES + SLOT_FEATURES + tuple(f"kind_{kind}" for kind in kinds())
_CJK = re.compile(r"[\u4e00-\u9fff\d]")
# News furniture and sign-offs: "新华社北京2月5日电", "（记者 张三）", "题：…", "二〇二〇年二月十一日".
_NEWS = re.compile(r"新华社|中新社|记者|^题：|通讯员|〇|二〇|责任编辑|来源：|\d{4}年\d{1,2}月\d{1,2}日$")


def feature_rows(
    found: Sequence[Candidate],
    ask: Ask,
    weights: dict[str, float],
    question: str,
    prefer: re.Pattern[str] | None = None,
) -> np.ndarray:
    """One row of FEATURES per candidate (float64, shape (len(found), len(FEATURES)))."""
    if not found:
        return np.zeros((0, len(FEATURES)))
    topic = squeeze(topic_of(question))
    wanted2, wanted3 = char_grams(question, 2), char_grams(question, 3)
    asked = asked_kinds(question)
    sides = slot_sides(question)
    top_score = max(c.hit.score for c in found) or 1.0
    defined = _definitions(found)
    read = [spelled_out(c.sentence, defined[c.hit.chunk.doc_id]) for c in found]
    covered = [coverage(text, weights) for text in read]
    off_title = [
        coverage(text, _off_title(weights, c.hit.chunk.title)) for c, text in zip(found, read, strict=True)
    ]
    best_off_title = max(off_title)
    views: dict[int, list[str]] = {}
    dense = [_view_similarity(c, views) for c in found]
    best_dense, best_covered = max(dense), max(covered)
    asked_figure = float(ask.figure is not None and ask.figure != "any")
    rows = []
    for n, (c, cover, similarity) in enumerate(zip(found, covered, dense, strict=True)):
        sentence = c.sentence
        before, after = _around_match(squeeze(sentence), weights)
        lead = _document_lead(c)
        held = held_kinds(c.quote)
        quote_length = math.log(1 + len(c.quote))
        same_passage = [m for m in (n - 1, n + 1) if 0 <= m < len(found) and found[m].hit is c.hit]
        row = {
            "coverage": cover,
            "quote_coverage": coverage(spelled_out(c.quote, defined[c.hit.chunk.doc_id]), weights),
            "best_coverage": float(cover >= best_covered),
            "previous_coverage": covered[n - 1] if n - 1 in same_passage else 0.0,
            "next_coverage": covered[n + 1] if n + 1 in same_passage else 0.0,
            "common_run": _common_run(topic, squeeze(sentence)),
            "trigrams": _share(wanted3, char_grams(sentence, 3)),
            "bigrams": _share(wanted2, char_grams(sentence, 2)),
            "states": float(c.states),
            "states_figure": float(c.states) * asked_figure,
            "states_role": float(c.states) * float(ask.role),
            "holds_asked": float(bool(asked & held)),
            "asked_nothing_held": float(bool(asked) and not asked & held),
            "prefer": float(bool(prefer and prefer.search(sentence))),
            "preamble": float(bool(PREAMBLE.search(sentence))),
            "news": float(bool(_NEWS.search(sentence))),
            "colon_end": float(sentence.endswith(("：", ":"))),
            "rank_2": float(c.position == 1),
            "rank_3": float(c.position >= 2),
            "score_ratio": c.hit.score / top_score,
            "focus": _focused(c),
            "dense": similarity,
            "dense_gap": similarity - best_dense,
            "first": float(c.index == 0),
            "relative_position": c.index / max(c.count - 1, 1),
            "log_length": math.log(1 + len(sentence)),
            "log_quote_length": quote_length,
            "listing_quote_length": quote_length * float(ask.listing),
            "longer_quote": float(len(c.quote) > len(sentence) + 2),
            "has_number": float(has_figure(sentence)),
            "no_topic": float(not weights),
            "cap_asked": float(ask.maximum and _states_cap(c.quote)),
            "day_asked": float("time" in asked and states_day(c.quote)),
            "offtitle_coverage": off_title[n],
            "offtitle_gap": off_title[n] - best_off_title,
            "overview": float(bool(sentence_mark("overview").search(sentence))),
            "after_match": math.log1p(after),
            "before_match": math.log1p(before),
            "doc_lead": float(lead),
            "doc_lead_first": float(lead and c.index == 0),
        }
        row.update(zip(SLOT_FEATURES, slot_features(sides, sentence), strict=True))
        row.update({f"kind_{kind}": float(kind in asked and kind in held) for kind in kinds()})
        rows.append([row[name] for name in FEATURES])
    return np.array(rows, dtype=np.float64)


def _definitions(found: Sequence[Candidate]) -> dict[str, dict[str, str]]:
    """Per document, the short names its retrieved passages define (chat/abbreviations.py)."""
    texts: dict[str, dict[str, str]] = {}
    for c in found:
        texts.setdefault(c.hit.chunk.doc_id, {})[c.hit.chunk.chunk_id] = c.hit.chunk.text
    return {doc: definitions(chunks.values()) for doc, chunks in texts.items()}


def _off_title(weights: dict[str, float], title: str) -> dict[str, float]:
    """The topic words not in the passage's document title: what a sentence holds of the question beyond
    what the whole document is about (an overview sentence repeats the title's words)."""
    squeezed = squeeze(title)
    return {term: weight for term, weight in weights.items() if term not in squeezed}


def _around_match(sentence: str, weights: dict[str, float]) -> tuple[int, int]:
    """Characters of the squeezed sentence before its first topic word and after its last (0, 0 when it
    holds none): an answer stands beside the words the question repeats."""
    held = [term for term in weights if term in sentence]
    if not held:
        return 0, 0
    first = min(sentence.find(term) for term in held)
    last = max(sentence.rfind(term) + len(term) for term in held)
    return first, len(sentence) - last


def _document_lead(c: Candidate) -> bool:
    """Whether the candidate's passage opens its document: the first part of its first or second clause
    (the first may be the title alone)."""
    place = chunk_place(c.hit.chunk.chunk_id)
    return place is not None and place[0] <= 1 and place[1] <= 1


def _states_cap(quote: str) -> bool:
    """Whether the quote caps a sum of money: "单个主体贴息总额原则上不超过50万元", "最高补贴2000元"."""
    return any(a.cap and not a.share for a in find_amounts(squeeze(quote)))


def _view_similarity(c: Candidate, views: dict[int, list[str]]) -> float:
    """The dense similarity to the question of the sentence view holding the candidate's sentence, else
    of its passage; 0 where dense search did not run."""
    scores = c.hit.views
    if not scores:
        return 0.0
    texts = views.setdefault(id(c.hit), [squeeze(v.split("\n", 1)[-1]) for v in sentence_views(c.hit.chunk)])
    sentence = squeeze(c.sentence)[:40]
    for n, view in enumerate(texts, 1):
        if n < len(scores) and sentence in view:
            return scores[n]
    return scores[0]


def _focused(c: Candidate) -> float:
    focus = squeeze(c.hit.focus)
    sentence = squeeze(c.sentence)
    return float(bool(focus) and (sentence in focus or focus in sentence))


def _common_run(topic: str, sentence: str) -> float:
    """The longest run of the question's topic characters that the sentence repeats, over the topic's length."""
    if not topic or not sentence:
        return 0.0
    match = SequenceMatcher(None, topic, sentence, autojunk=False).find_longest_match(
        0, len(topic), 0, len(sentence)
    )
    return match.size / len(topic)


def char_grams(text: str, n: int) -> set[str]:
    """The runs of `n` Chinese characters and digits in `text`, and its lower-cased Latin words."""
    chars = _CJK.findall(text)
    grams = {"".join(chars[i : i + n]) for i in range(len(chars) - n + 1)}
    return grams | {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}


def _share(wanted: set[str], found: set[str]) -> float:
    return len(wanted & found) / len(wanted) if wanted else 0.0
