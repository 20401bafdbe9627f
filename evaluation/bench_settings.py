"""What a benchmark run measures (`BenchSettings`) and its progress lines, shared by `bench` and
`bench_scale`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from assistant.config import DEFAULT_CORPUS_DIR

log = logging.getLogger(__name__)

DEV_QUESTIONS = Path(__file__).resolve().parent / "data" / "dev.jsonl"
VECTOR_SOURCES = ("model", "composed")


@dataclass(frozen=True)
class BenchSettings:
    """The options of `python -m evaluation bench`, recorded with its figures."""

    scale: int = 100_000
    queries: int = 200
    skip_scale: bool = False
    k: int = 10
    build_sample: int = 200
    seed: int = 2024
    corpus: str = str(DEFAULT_CORPUS_DIR)
    questions: str = str(DEV_QUESTIONS)
    model: str | None = None
    vectors: str = "model"  # or "composed" (see evaluation/composed.py)


def progress(message: str) -> None:
    """A "bench: …" progress line on stderr (through logging)."""
    log.info("bench: %s", message)
