"""The judgement whether retrieved clauses answer a question at all.

Three rules, each general: a question about a place the corpus does not cover (and none it does) is
not answered; a question asking for a figure (an amount, a share, a count) is not answered unless a top
passage states a figure of that kind on the question's topic; and the best dense similarity must reach
the level that answered questions reach for the model in use (data/calibration.json, per script,
calibrated on the dev set).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from assistant.config import DATA_DIR

CALIBRATION = DATA_DIR / "calibration.json"


@dataclass(frozen=True)
class Evidence:
    top_dense: float
    named_places: tuple[str, ...] = ()
    foreign_places: tuple[str, ...] = ()
    figure_asked: str | None = None
    figure_found: bool = True


def script_of(question: str) -> str:
    """ "cjk" when Chinese characters make up at least a third of the question's letters, else "latin"."""
    letters = re.findall(r"[^\W\d_]", question)
    cjk = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff")
    return "cjk" if letters and cjk * 3 >= len(letters) else "latin"


@lru_cache(maxsize=8)
def min_dense(model_id: str, script: str) -> float | None:
    """The calibrated threshold for a model and script, or None when the model was never calibrated."""
    models = json.loads(CALIBRATION.read_text(encoding="utf-8"))["models"]
    return models.get(model_id, {}).get("min_dense", {}).get(script)


class Check(NamedTuple):
    """One rule of the judgement: its name, whether the evidence passed it, and the values it compared."""

    rule: str
    passed: bool
    detail: str


def checks(evidence: Evidence, threshold: float | None = None) -> list[Check]:
    """The three rules applied to the evidence, in order (the hit test shows them as the reasons)."""
    places = Check(
        "place",
        not (evidence.foreign_places and not evidence.named_places),
        f"named and covered: {'、'.join(evidence.named_places) or '—'}; "
        f"named, not covered: {'、'.join(evidence.foreign_places) or '—'}",
    )
    figure = Check(
        "figure",
        not (evidence.figure_asked and not evidence.figure_found),
        f"asked: {evidence.figure_asked or '—'}; stated by a top passage: "
        f"{'yes' if evidence.figure_found else 'no'}"
        if evidence.figure_asked
        else "no figure asked",
    )
    if threshold is None:
        compared = "no calibrated threshold for this model"
    else:
        compared = f"{'≥' if evidence.top_dense >= threshold else '<'} threshold {threshold:.3f}"
    similarity = Check(
        "similarity",
        threshold is None or evidence.top_dense >= threshold,
        f"best dense similarity {evidence.top_dense:.3f} {compared}",
    )
    return [places, figure, similarity]


def is_answerable(evidence: Evidence, threshold: float | None = None) -> bool:
    return all(check.passed for check in checks(evidence, threshold))
