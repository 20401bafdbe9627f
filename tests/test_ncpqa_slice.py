"""A regression floor on documents nobody here wrote: 30 real notices of ncpqa-dev and their 65 questions.

The notices are one long line each (web copies of 2020 policy notices and news reports from many
provinces and ministries); the floors sit a little under the figures measured when they were set, so a
change that loses the right document or the answering passage on such text shows here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation.cli import main

DATA = Path(__file__).parent / "data"
# measured 2026-11-29: doc-hit@5 0.985, hit@5 0.969, hit@1 0.877, answered 1.000 (naive BM25: 1.000,
# 0.938, 0.662); each floor leaves room for about two questions of the 65
FLOORS = {"doc_hit@5": 0.95, "hit@5": 0.93, "hit@1": 0.84, "answer_rate": 0.97}


@pytest.mark.model
def test_the_ncpqa_slice_stays_above_its_floors(tmp_path, capsys):
    out = tmp_path / "report"
    code = main(
        [
            "run",
            "--questions",
            str(DATA / "ncpqa_slice_questions.jsonl"),
            "--corpus",
            str(DATA / "ncpqa_slice_corpus.jsonl"),
            "--out",
            str(out),
            "--configs",
            "hybrid,naive-bm25",
        ]
    )
    capsys.readouterr()
    assert code == 0
    figures = json.loads((out / "results.json").read_text(encoding="utf-8"))["configs"]
    hybrid, naive = figures["hybrid"]["overall"], figures["naive-bm25"]["overall"]
    print({key: hybrid[key] for key in FLOORS}, {key: naive.get(key) for key in FLOORS})
    assert hybrid["answerable"] == 65
    for key, floor in FLOORS.items():
        assert hybrid[key] >= floor, f"{key} {hybrid[key]:.3f} fell under its floor {floor}"
    assert hybrid["hit@1"] > naive["hit@1"] and hybrid["hit@5"] >= naive["hit@5"]
