"""Two runs side by side (two results.json documents): each figure's change per configuration, and the
questions won (a miss before, a hit now) and lost; reply-hit the same way when both runs measured it."""

from __future__ import annotations

from typing import Any, NamedTuple

from evaluation.report import summary_columns


class Change(NamedTuple):
    """One figure of one configuration in both runs; `delta` is None when either lacks it."""

    config: str
    figure: str
    before: float | int | None
    after: float | int | None
    delta: float | int | None


def hits_at(figures: dict[str, Any], k: int) -> dict[str, bool]:
    """Question id → whether its evidence came within the top k (answerable questions only)."""
    return {q["id"]: q["rank"] is not None and q["rank"] <= k for q in figures["queries"] if q["answerable"]}


def compare_runs(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The changes of every figure both runs report, and per configuration the questions won and lost
    at the later run's k (questions in both runs only)."""
    k = after["k"]
    with_doc = any(f["overall"]["with_doc_id"] for f in after["configs"].values())
    columns = summary_columns(k, with_doc)
    changes, moved = [], {}
    for name in [n for n in after["configs"] if n in before["configs"]]:
        old, new = before["configs"][name]["overall"], after["configs"][name]["overall"]
        for key, title in columns:
            changes.append(
                Change(name, title, old.get(key), new.get(key), _delta(old.get(key), new.get(key)))
            )
        was, now = hits_at(before["configs"][name], k), hits_at(after["configs"][name], k)
        shared = [q for q in now if q in was]
        moved[name] = {
            "won": [q for q in shared if now[q] and not was[q]],
            "lost": [q for q in shared if was[q] and not now[q]],
        }
    replies = _reply_changes(before.get("replies"), after.get("replies"))
    if replies:
        changes.append(Change("replies", "reply-hit", *replies["figure"]))
        moved["replies"] = replies["moved"]
    return {
        "k": k,
        "changes": [c._asdict() for c in changes],
        "questions": moved,
        "only_before": sorted(set(before["configs"]) - set(after["configs"])),
        "only_after": sorted(set(after["configs"]) - set(before["configs"])),
    }


def _reply_changes(before: dict | None, after: dict | None) -> dict[str, Any] | None:
    if not before or not after:
        return None
    was = {r["id"]: r["hit"] for r in before.get("replies", [])}
    now = {r["id"]: r["hit"] for r in after.get("replies", [])}
    shared = [q for q in now if q in was]
    old, new = before["overall"]["reply_hit"], after["overall"]["reply_hit"]
    return {
        "figure": (old, new, _delta(old, new)),
        "moved": {
            "won": [q for q in shared if now[q] and not was[q]],
            "lost": [q for q in shared if was[q] and not now[q]],
        },
    }


def _delta(before: float | int | None, after: float | int | None) -> float | int | None:
    if before is None or after is None:
        return None
    return after - before
