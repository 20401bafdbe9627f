"""The finder development sets: every evidence and related string lies, verbatim, inside one chunk.

`finder_dev.jsonl` is asked over the bundled corpus/ (the Suzhou and Jincheng plans); `finder_ncpqa_dev.jsonl`
over ncpqa-dev's notices (skipped when the shared data is not there). A string must lie inside one chunk
as the project cuts them, or no cited passage could ever match it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.config import DEFAULT_CORPUS_DIR, PROJECT_ROOT
from assistant.documents.chunking import chunk_clauses
from assistant.documents.corpus import load_corpus
from assistant.documents.structure import parse_clauses
from evaluation.questions import read_questions

DATA = PROJECT_ROOT / "evaluation" / "data"
NCPQA_CORPUS = PROJECT_ROOT.parent / "shared" / "data" / "ncpqa-dev" / "corpus.jsonl"
SETS = [
    pytest.param(DATA / "finder_dev.jsonl", DEFAULT_CORPUS_DIR, id="seeds"),
    pytest.param(
        DATA / "finder_ncpqa_dev.jsonl",
        NCPQA_CORPUS,
        id="ncpqa",
        marks=pytest.mark.skipif(not NCPQA_CORPUS.exists(), reason="ncpqa-dev is not here"),
    ),
]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _chunk_texts(corpus: Path) -> list[str]:
    texts = []
    for document in load_corpus(corpus):
        texts += [
            _squash(c.text) for c in chunk_clauses(document, parse_clauses(document.doc_id, document.text))
        ]
    return texts


@pytest.mark.parametrize(("questions_file", "corpus"), SETS)
def test_finder_strings_lie_inside_one_chunk(questions_file: Path, corpus: Path):
    questions = read_questions(questions_file)
    chunks = _chunk_texts(corpus)
    missing = [
        (q.id, text)
        for q in questions
        for group in (*q.evidence, *q.related)
        for text in group
        if not any(_squash(text) in chunk for chunk in chunks)
    ]
    assert not missing


@pytest.mark.parametrize(("questions_file", "corpus"), SETS)
def test_finder_questions_are_finder_profiles(questions_file: Path, corpus: Path):
    questions = read_questions(questions_file)
    assert all(q.finder and q.evidence for q in questions)
    assert all(q.lang in ("zh", "en") for q in questions)


def test_the_seeds_finder_set_has_thirty_profiles_or_more():
    assert len(read_questions(DATA / "finder_dev.jsonl")) >= 30
