"""Where the development sets are: the seeds dev set (bundled corpus), ncpqa-dev and rules-dev."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_QUESTIONS = ROOT / "evaluation" / "data" / "dev.jsonl"
NCPQA_DEV = ROOT.parent / "shared" / "data" / "ncpqa-dev"
RULES_DEV = ROOT.parent / "shared" / "data" / "rules-dev"


def dev_sets(ncpqa: Path = NCPQA_DEV, rules: Path = RULES_DEV) -> list[tuple[str, Path, Path | None]]:
    """(name, question file, corpus) of each development set; corpus None is the bundled corpus/."""
    return [
        ("seeds", DEV_QUESTIONS, None),
        ("ncpqa-dev", ncpqa / "questions.jsonl", ncpqa / "corpus.jsonl"),
        ("rules-dev", rules / "questions.jsonl", rules / "corpus"),
    ]
