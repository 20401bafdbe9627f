"""One question set through the chosen configurations and the chat's replies: the figures that
`python -m evaluation run` writes and the app's Evaluate tab shows, computed by this one function."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, NamedTuple

from assistant.records import Retrieval
from evaluation.questions import Question
from evaluation.runner import Config, Progress, Search, evaluate_config, stderr_progress

# (stage: a configuration's name or "replies", done, total)
StageProgress = Callable[[str, int, int], None]
REPLIES = "replies"
REPLY_LOG_EVERY = 50  # questions between two progress lines of the replies


class SetRun(NamedTuple):
    """Figures per configuration, the reply figures (None when not measured) and, when asked for,
    every configuration's retrievals in question order, cut to their top hits (for the batch output
    and the misses' passages)."""

    configs: dict[str, dict[str, Any]]
    replies: dict[str, Any] | None
    retrievals: dict[str, list[Retrieval]]


def run_set(
    configs: Sequence[Config],
    questions: Sequence[Question],
    k: int,
    *,
    replies: bool = True,
    keep: int = 0,
    log: Progress = stderr_progress,
    progress: StageProgress | None = None,
) -> SetRun:
    """Every configuration's figures, then reply-hit with the first retriever configuration's retriever;
    `keep`: how many top hits of each retrieval to keep (0: none)."""
    figures: dict[str, dict[str, Any]] = {}
    kept: dict[str, list[Retrieval]] = {}
    for config in configs:
        searched = config
        if keep:
            store = kept.setdefault(config.name, [])
            searched = config._replace(search=_recording(config.search, store, keep))
        step = (lambda done, total, name=config.name: progress(name, done, total)) if progress else None
        figures[config.name] = evaluate_config(searched, questions, k, log, progress=step)
    chat = next((c for c in configs if c.retriever is not None), None)
    reply = reply_figures_of(chat.retriever, questions, log, progress) if replies and chat else None
    return SetRun(figures, reply, kept)


def reply_figures_of(
    retriever,
    questions: Sequence[Question],
    log: Progress = stderr_progress,
    progress: StageProgress | None = None,
) -> dict[str, Any]:
    """reply-hit figures: the chat's reply composed for each answerable question."""
    from evaluation.replies import reply_figures
    from evaluation.reply_runner import run_replies

    def step(done: int, total: int) -> None:
        if done % REPLY_LOG_EVERY == 0 or done == total:
            log(f"[{REPLIES}] {done}/{total}")
        if progress:
            progress(REPLIES, done, total)

    return reply_figures(run_replies(retriever, questions, step))


def evaluation_record(
    questions_file: str, k: int, depth: int, configs: dict[str, Any], **source: str | None
) -> dict[str, Any]:
    """The JSON document behind a report (results.json): settings first, then figures per configuration.
    `source`: corpus, index or results_file, where the passages came from."""
    return {
        "created": datetime.now().isoformat(timespec="seconds"),
        "questions_file": questions_file,
        "corpus": source.get("corpus") or None,
        "index": source.get("index") or None,
        "results_file": source.get("results_file") or None,
        "k": k,
        "depth": depth,
        "configs": configs,
    }


def _recording(search: Search, store: list[Retrieval], top: int) -> Search:
    """The same search, keeping the top hits of what it returns."""

    def recorded(questions: Sequence[str]) -> Sequence[Retrieval]:
        found = search(questions)
        store.extend(replace(r, hits=tuple(sorted(r.hits, key=lambda h: h.rank)[:top])) for r in found)
        return found

    return recorded
