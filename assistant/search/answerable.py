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


def is_answerable(evidence: Evidence, threshold: float | None = None) -> bool:
    if evidence.foreign_places and not evidence.named_places:
        return False
    if evidence.figure_asked and not evidence.figure_found:
        return False
    return threshold is None or evidence.top_dense >= threshold
