"""Scoring extracted measures against the hand-checked gold list (data/measures_gold.jsonl).

A gold row names its measure by `key`, words of the measure's text (white space removed); an extracted
measure of the same document matches the first unmatched gold row whose key its text holds (one to one).
Row precision and recall are over the gold documents; the amount is right when kind, value and cap agree,
and the bounds when every band's low, high, 含 / 不含 and value agree (rows whose gold states bands); who is
right when the side (个人 / 企业 / 单位, "" when the text names no beneficiary) agrees.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from assistant.knowledge.targets import compact
from assistant.records import Measure

GOLD_FILE = Path(__file__).parent / "data" / "measures_gold.jsonl"


def read_gold(path: Path | str = GOLD_FILE) -> list[dict]:
    """Gold rows, a row with "occurrences": n counted n times."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row for row in rows for _ in range(row.get("occurrences", 1))]


def match(measures: Sequence[Measure], gold: Sequence[dict]) -> list[tuple[Measure, dict]]:
    """One-to-one pairs of an extracted measure and the gold row whose key its text holds."""
    free = list(range(len(gold)))
    pairs = []
    for measure in measures:
        text = compact(measure.text)
        for i in free:
            if gold[i]["doc_id"] == measure.doc_id and compact(gold[i]["key"]) in text:
                pairs.append((measure, gold[i]))
                free.remove(i)
                break
    return pairs


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 0.005)


def amount_right(measure: Measure, row: dict) -> bool:
    """Kind, parsed value and cap as the gold row states them."""
    return (
        measure.kind == row.get("kind", "")
        and _same(measure.value, row.get("value"))
        and _same(measure.cap_value, row.get("cap_value"))
    )


def bounds_right(measure: Measure, row: dict) -> bool:
    """Every band's bounds, 含 / 不含 and value as the gold row states them ([low, low含, high, high含, value])."""
    gold = row.get("bands") or []
    if len(gold) != len(measure.bands):
        return False
    return all(
        _same(band.low, low)
        and band.low_included == low_in
        and _same(band.high, high)
        and band.high_included == high_in
        and _same(band.value, value)
        for band, (low, low_in, high, high_in, value) in zip(measure.bands, gold, strict=True)
    )


def score(measures: Sequence[Measure], gold: Sequence[dict]) -> dict[str, float]:
    """Row precision / recall / F1 over the gold documents, amount and bound accuracy over matched rows."""
    documents = {row["doc_id"] for row in gold}
    extracted = [m for m in measures if m.doc_id in documents]
    pairs = match(extracted, gold)
    precision = len(pairs) / len(extracted) if extracted else 0.0
    recall = len(pairs) / len(gold) if gold else 0.0
    banded = [(m, row) for m, row in pairs if row.get("bands")]
    return {
        "gold_rows": float(len(gold)),
        "extracted": float(len(extracted)),
        "matched": float(len(pairs)),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "amount_accuracy": sum(amount_right(m, row) for m, row in pairs) / len(pairs) if pairs else 0.0,
        "who_accuracy": sum(m.who == row.get("who", "") for m, row in pairs) / len(pairs) if pairs else 0.0,
        "banded_rows": float(len(banded)),
        "bound_accuracy": sum(bounds_right(m, row) for m, row in banded) / len(banded) if banded else 0.0,
    }
