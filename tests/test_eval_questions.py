"""Reading question sets and batch outputs (EVAL_FORMAT.md), from paths and from strings."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.batch import read_batch, score_batch
from evaluation.matching import squeeze
from evaluation.questions import FormatError, Question, read_questions

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).parent.parent / "corpus"

QUESTIONS = """
{"id": "sz-t15", "question": "苏州新能源公交车占比要达到多少", "evidence": [["新能源城市公交车辆占比达到85%"]], "category": "target", "lang": "zh"}
{"id": "u-01", "question": "深圳的家电以旧换新补贴标准是多少？", "evidence": [], "category": "unanswerable"}
{"id": 7, "question": "晋城二手车", "doc_id": "004", "evidence": ["二手车交易量", ["  "," 增长 45%"]]}
"""


def test_read_questions_from_a_string():
    questions = read_questions(QUESTIONS)
    assert questions[0] == Question(
        "sz-t15", "苏州新能源公交车占比要达到多少", (("新能源城市公交车辆占比达到85%",),), "target", "zh", ""
    )
    assert questions[0].answerable and not questions[1].answerable
    # A bare string is a group of one; blank alternatives are dropped; ids become strings.
    assert questions[2].id == "7" and questions[2].doc_id == "004"
    assert questions[2].evidence == (("二手车交易量",), (" 增长 45%",))


def test_read_questions_from_a_path(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(QUESTIONS, encoding="utf-8")
    assert read_questions(path) == read_questions(str(path)) == read_questions(QUESTIONS)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"id": "a", "question": "问"}\n{"id": "a", "question": "又问"}', "duplicate question id"),
        ('{"id": "a"}\n', "line 1: missing 'question'"),
        ('{"id": "a", "question": "问"}\n{oops\n', "line 2: not valid JSON"),
        ('{"id": "a", "question": "问", "evidence": [[1]]}\n', "list of strings"),
        ('{"id": "a", "question": "问", "evidence": [["  "]]}\n', "no non-blank string"),
    ],
)
def test_format_errors_name_the_problem(text, message):
    with pytest.raises(FormatError, match=message):
        read_questions(text)


def test_missing_file_is_a_format_error(tmp_path):
    with pytest.raises(FormatError, match="no such file"):
        read_questions(tmp_path / "none.jsonl")


def test_batch_output_is_read_in_rank_order_and_scored():
    batch = read_batch(
        '{"id": "sz-t15", "answerable": true, "results": ['
        '{"rank": 2, "doc_id": "sz", "text": "到 2027年新能源城市公交车辆占比达到 85%"},'
        '{"rank": 1, "doc_id": "jc", "text": "晋城市推进城市公交新能源车型替代"}]}\n'
        '{"id": "u-01", "answerable": false, "results": []}\n'
        '{"id": "7", "results": []}\n'
    )
    assert [p.doc_id for p in batch["sz-t15"].passages] == ["jc", "sz"]
    assert batch["7"].answerable is None
    results = score_batch(read_questions(QUESTIONS), batch)
    assert [r.rank for r in results] == [2, None, None]
    assert [r.judged_answerable for r in results] == [True, False, None]


def test_a_question_without_batch_line_is_an_error():
    with pytest.raises(FormatError, match="1 question"):
        score_batch(read_questions(QUESTIONS), read_batch('{"id": "sz-t15", "results": []}\n{"id": "7"}'))


def test_small_question_set_evidence_occurs_in_the_bundled_corpus():
    # Guards the e2e data file: each evidence string is in some corpus document (white space ignored).
    texts = [squeeze(p.read_text(encoding="utf-8")) for p in CORPUS.glob("*.txt")]
    questions = read_questions(DATA / "eval_small.jsonl")
    assert len(questions) == 5
    for question in questions:
        for group in question.evidence:
            assert any(squeeze(a) in text for a in group for text in texts), (question.id, group)
