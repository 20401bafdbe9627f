"""Which candidate quote the reply uses: a linear model fitted on the development sets.

The weights live in `data/selector.json` (feature names, the mean and scale each feature is standardised
with, the coefficients and the intercept); scoring needs only numpy. `python -m evaluation train-selector`
fits them again (a conditional logit over each quote choice, evaluation/selector_train.py) and reports
out-of-fold figures. During evaluation a fold's own weights can stand in (`using`), and the candidates a
question met can be recorded (`recording`) to label them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.chat.candidates import Candidate, candidates
from assistant.chat.continuation import continued
from assistant.chat.figure_topic import on_topic
from assistant.chat.named_clause import named_clause_only
from assistant.chat.place_excluded import applicable
from assistant.chat.reply_sentence import Ask, Quote, ask_of
from assistant.chat.selector_features import FEATURES, feature_rows
from assistant.chat.version_choice import asked_versions_only
from assistant.config import DATA_DIR
from assistant.errors import AssistantError
from assistant.records import Hit

SELECTOR_FILE = DATA_DIR / "selector.json"


def length_cost(rows: np.ndarray, penalty: float, free_length: int) -> np.ndarray:
    """What a candidate's score loses for its quote's length: `penalty` per unit of log length beyond
    `free_length` characters."""
    beyond = rows[:, FEATURES.index("log_quote_length")] - np.log1p(free_length)
    return penalty * np.maximum(beyond, 0.0)


@dataclass(frozen=True)
class Selector:
    """Standardised features times coefficients plus intercept: a candidate's score, less the length
    penalty for each unit of log length its quote has beyond `free_length` characters (the reply's length
    budget: a longer quote must not buy a hit)."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    length_penalty: float = 0.0
    free_length: int = 100

    def scores(self, rows: np.ndarray) -> np.ndarray:
        learned = ((rows - self.mean) / self.scale) @ self.coef + self.intercept
        return learned - length_cost(rows, self.length_penalty, self.free_length)

    def to_json(self) -> dict:
        return {
            "features": list(self.features),
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "coef": self.coef.round(6).tolist(),
            "intercept": round(float(self.intercept), 6),
            "length_penalty": self.length_penalty,
            "free_length": self.free_length,
        }

    @classmethod
    def from_json(cls, data: dict) -> Selector:
        if tuple(data["features"]) != FEATURES:
            raise AssistantError(
                "the reply selector's weights were fitted on other features; "
                "run `python -m evaluation train-selector`"
            )
        return cls(
            tuple(data["features"]),
            np.array(data["mean"], dtype=np.float64),
            np.array(data["scale"], dtype=np.float64),
            np.array(data["coef"], dtype=np.float64),
            float(data["intercept"]),
            float(data.get("length_penalty", 0.0)),
            int(data.get("free_length", 100)),
        )


@dataclass(frozen=True)
class Seen:
    """What one quote choice met: the question, its candidates and their feature rows."""

    question: str
    candidates: tuple[Candidate, ...]
    rows: np.ndarray


_standing_in: ContextVar[Selector | None] = ContextVar("selector", default=None)
_record: ContextVar[list[Seen] | None] = ContextVar("record", default=None)


@lru_cache(maxsize=1)
def shipped(path: Path = SELECTOR_FILE) -> Selector:
    """The selector shipped with the code."""
    return Selector.from_json(json.loads(path.read_text(encoding="utf-8")))


def carried(path: Path = SELECTOR_FILE) -> Selector:
    """The shipped weights laid onto today's FEATURES by name, a feature they lack weighing nothing: scores
    as the shipped selector did, so training can ask its questions after features were added or removed."""
    data = json.loads(path.read_text(encoding="utf-8"))
    known = {name: n for n, name in enumerate(data["features"])}

    def laid(key: str, missing: float) -> list[float]:
        return [data[key][known[f]] if f in known else missing for f in FEATURES]

    laid_out = {"mean": laid("mean", 0.0), "scale": laid("scale", 1.0), "coef": laid("coef", 0.0)}
    return Selector.from_json({**data, **laid_out, "features": list(FEATURES)})


def active() -> Selector:
    return _standing_in.get() or shipped()


@contextmanager
def using(selector: Selector) -> Iterator[None]:
    """Choose quotes with `selector` instead of the shipped one (a fold's own weights)."""
    token = _standing_in.set(selector)
    try:
        yield
    finally:
        _standing_in.reset(token)


@contextmanager
def recording(into: list[Seen]) -> Iterator[None]:
    """Append to `into` every choice of quote made meanwhile."""
    token = _record.set(into)
    try:
        yield
    finally:
        _record.reset(token)


def best_quote(
    numbered: Sequence[tuple[int, Hit]], ask: Ask, question: str, prefer: re.Pattern[str] | None = None
) -> Quote | None:
    """The candidate quote the selector scores highest among the first hits, with what a colon closing its
    passage introduces (continuation.continued); None when there is none."""
    best = _best_candidate(numbered, ask, question, prefer, _record.get())
    return continued(Quote(best.number, best.quote, best.states), best.hit, numbered, ask) if best else None


def best_sentence(hit: Hit, question: str) -> tuple[int, int] | None:
    """(start, end) in `hit`'s passage of what the selector would quote from it alone for `question`: the quote
    where the passage holds it as written, else its sentence (the page marks it on a card the reply does not
    quote); None when the passage has no answering sentence."""
    best = _best_candidate([(1, hit)], ask_of(question), question)
    if best is None:
        return None
    at = hit.chunk.text.find(best.quote, best.start)
    return (at, at + len(best.quote)) if at == best.start else (best.start, best.end)


def _best_candidate(
    numbered: Sequence[tuple[int, Hit]],
    ask: Ask,
    question: str,
    prefer: re.Pattern[str] | None = None,
    record: list[Seen] | None = None,
) -> Candidate | None:
    """The candidate the active selector scores highest (the first of equals: the higher-ranked passage,
    the earlier sentence), what it met appended to `record`; None when there is none."""
    found, weights = candidates(numbered, ask, prefer)
    found = applicable(found, question)  # a clause leaving out the asked place states another place's rule
    found = on_topic(found, question)  # a figure of another indicator is a wrong figure
    found = asked_versions_only(found, numbered, question)  # another round's figure is a wrong figure
    found = named_clause_only(found, question)  # "三（二）是什么内容" is answered by that clause
    if not found:
        return None
    rows = feature_rows(found, ask, weights, question, prefer)
    if record is not None:
        record.append(Seen(question, tuple(found), rows))
    return found[int(np.argmax(active().scores(rows)))]
