"""What the reply selector knows of a candidate quote: one row of numbers per candidate.

Each feature is something the code already measures: how much of the question's rarer topic words the
sentence and its quote hold (IDF-weighted coverage), the dense similarity of the sentence's own view to the
question, whether it states the kind of answer asked for (an amount, a share, a count, a date, a role),
where it stands (its passage's rank and score, its place in the passage), how long it is, and the marks of
text that is no answer (a document's preamble, a sentence that only opens a list with a colon). Question
kinds enter as products with the candidate's own features, so that a linear model can weigh stating a date
differently from stating a measure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from assistant.chat.candidates import Candidate
from assistant.chat.reply_sentence import PREAMBLE, Ask, coverage, has_figure, squeeze
from assistant.documents.chunking import sentence_views

FEATURES = (
    "coverage",
    "quote_coverage",
    "best_coverage",
    "states",
    "states_figure",
    "states_role",
    "states_any",
    "prefer",
    "preamble",
    "colon_end",
    "rank_2",
    "rank_3",
    "score_ratio",
    "focus",
    "dense",
    "dense_gap",
    "dense_gap_en",
    "first",
    "relative_position",
    "log_length",
    "log_quote_length",
    "listing_quote_length",
    "longer_quote",
    "has_number",
    "number_for_figure",
    "bigrams",
    "coverage_en",
    "no_topic",
)
_CJK = re.compile(r"[\u4e00-\u9fff\d]")


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
    english = float(len(re.findall(r"[A-Za-z]", question)) > 2 * len(_CJK.findall(question)))
    wanted = _bigrams(question)
    top_score = max(c.hit.score for c in found) or 1.0
    covered = [coverage(c.sentence, weights) for c in found]
    dense = [_view_similarity(c) for c in found]
    best_dense, best_covered = max(dense), max(covered)
    asked_figure = float(ask.figure is not None and ask.figure != "any")
    rows = []
    for c, cover, similarity in zip(found, covered, dense, strict=True):
        sentence = c.sentence
        states = float(c.states)
        shared = len(wanted & _bigrams(sentence)) / len(wanted) if wanted else 0.0
        quote_length = math.log(1 + len(c.quote))
        rows.append(
            [
                cover,
                coverage(c.quote, weights),
                float(cover >= best_covered),
                states,
                states * asked_figure,
                states * float(ask.role),
                states * float(ask.figure == "any"),
                float(bool(prefer and prefer.search(sentence))),
                float(bool(PREAMBLE.search(sentence))),
                float(sentence.endswith(("：", ":"))),
                float(c.position == 1),
                float(c.position >= 2),
                c.hit.score / top_score,
                _focused(c),
                similarity,
                similarity - best_dense,
                (similarity - best_dense) * english,
                float(c.index == 0),
                c.index / max(c.count - 1, 1),
                math.log(1 + len(sentence)),
                quote_length,
                quote_length * float(ask.listing),
                float(len(c.quote) > len(sentence) + 2),
                float(has_figure(sentence)),
                float(has_figure(sentence)) * float(ask.figure is not None or ask.role),
                shared,
                cover * english,
                float(not weights),
            ]
        )
    return np.array(rows, dtype=np.float64)


def _view_similarity(c: Candidate) -> float:
    """The dense similarity to the question of the sentence view holding the candidate's sentence, else
    of its passage; 0 where dense search did not run."""
    scores = c.hit.views
    if not scores:
        return 0.0
    sentence = squeeze(c.sentence)
    for n, view in enumerate(sentence_views(c.hit.chunk), 1):
        if n < len(scores) and sentence[:40] in squeeze(view.split("\n", 1)[-1]):
            return scores[n]
    return scores[0]


def _focused(c: Candidate) -> float:
    focus = squeeze(c.hit.focus)
    sentence = squeeze(c.sentence)
    return float(bool(focus) and (sentence in focus or focus in sentence))


def _bigrams(text: str) -> set[str]:
    chars = _CJK.findall(text)
    grams = {a + b for a, b in zip(chars, chars[1:], strict=False)}
    return grams | {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}
