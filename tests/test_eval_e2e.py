"""End to end with the real bundled model: `python -m evaluation run` on the seed corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation.cli import main

ROOT = Path(__file__).parent.parent
QUESTIONS = Path(__file__).parent / "data" / "eval_small.jsonl"


@pytest.mark.model
def test_run_writes_a_report_and_finds_the_seed_evidence(tmp_path, capsys):
    out = tmp_path / "report"
    code = main(
        [
            "run",
            "--questions",
            str(QUESTIONS),
            "--corpus",
            str(ROOT / "corpus"),
            "--out",
            str(out),
            "--configs",
            "hybrid,naive",
        ]
    )
    stdout, stderr = capsys.readouterr()
    assert code == 0
    assert (
        stdout.splitlines()[0].startswith("| config |") and "| hybrid |" in stdout and "| naive |" in stdout
    )
    assert "[hybrid] 5/5 questions" in stderr
    assert {p.name for p in out.iterdir()} == {"report.md", "results.json", "hitk.png"}
    figures = json.loads((out / "results.json").read_text(encoding="utf-8"))["configs"]
    hybrid = figures["hybrid"]["overall"]
    assert hybrid["answerable"] == 4 and hybrid["unanswerable"] == 1
    # Four answerable questions whose evidence is quoted verbatim from the two seed documents.
    assert hybrid["hit@10"] >= 0.75
    assert hybrid["doc_hit@10"] == 1.0
    assert figures["naive"]["overall"]["abstention_accuracy"] is None  # the baseline makes no judgement
