"""The report files and the `score` command on a hand-made batch output."""

from __future__ import annotations

import json
import re

from evaluation.cli import main
from evaluation.questions import read_questions
from evaluation.report import fmt, markdown_report, summary_table, table, write_report
from evaluation.scoring import Passage, config_figures, score_question

QUESTIONS = (
    '{"id": "bus", "question": "苏州新能源公交车占比要达到多少", "evidence": [["占比达到85%"]], "category": "target", "lang": "zh"}\n'
    '{"id": "cars", "question": "晋城二手车交易量增长多少", "evidence": [["增长45%"]], "category": "target", "lang": "zh"}\n'
    '{"id": "sz", "question": "深圳的家电补贴标准是多少", "evidence": [], "category": "unanswerable", "lang": "zh"}\n'
)
BATCH = (
    '{"id": "bus", "answerable": true, "results": [{"rank": 1, "doc_id": "sz", "text": "新能源城市公交车辆占比达到 85%"}]}\n'
    '{"id": "cars", "answerable": false, "results": [{"rank": 1, "doc_id": "jc", "text": "推动农机设备更新"}]}\n'
    '{"id": "sz", "answerable": true, "results": [{"rank": 1, "doc_id": "jc", "text": "家电以旧换新"}]}\n'
)


def _evaluation() -> dict:
    questions = read_questions(QUESTIONS)
    hybrid = [score_question(q, [Passage("新能源城市公交车辆占比达到 85%", "sz")], True) for q in questions]
    naive = [
        score_question(q, [Passage("无关", "x"), Passage("二手车交易量增长 45%", "jc")], None)
        for q in questions
    ]
    return {
        "created": "2024-06-01T00:00:00",
        "questions_file": "q.jsonl",
        "corpus": None,
        "index": None,
        "k": 10,
        "depth": 50,
        "configs": {"hybrid": config_figures(hybrid, 10), "naive": config_figures(naive, 10)},
    }


def test_fmt_and_table():
    assert [fmt(None), fmt(3), fmt(0.5)] == ["—", "3", "0.500"]
    assert table(["a", "b"], [["x|y", "1"]]) == "| a | b |\n| --- | --- |\n| x\\|y | 1 |"


def test_summary_table_rows_per_configuration():
    lines = summary_table(_evaluation()).splitlines()
    assert lines[0].startswith(
        "| config | answerable | unanswerable | hit@1 | hit@3 | hit@5 | hit@10 | MRR@10"
    )
    # hybrid: bus hit at 1, cars missed -> hit@1 = 0.5; abstention: sz judged answerable -> 0.000;
    # answers: both answerable judged true -> 1.000. naive makes no judgement -> dashes.
    assert lines[2].startswith("| hybrid | 2 | 1 | 0.500 | 0.500 | 0.500 | 0.500 | 0.500 |")
    assert lines[2].endswith("| 0.000 | 1.000 |")
    # naive: cars found at rank 2 -> hit@1 = 0, hit@3 = 0.5, MRR = (0 + 1/2) / 2 = 0.25.
    assert lines[3].startswith("| naive | 2 | 1 | 0.000 | 0.500 | 0.500 | 0.500 | 0.250 |")
    assert lines[3].endswith("| — | — |")


def test_markdown_report_lists_breakdowns_misses_and_judgement_errors():
    report = markdown_report(_evaluation())
    assert "## By category" in report and "| target | hybrid | 2 |" in report
    assert "## By lang" in report and "| zh | naive | 3 |" in report
    assert "## `hybrid`: 1 missed at 10" in report
    # The miss row: cars never matched within the searched depth (1 passage), 0 of 1 groups, top passage shown.
    assert (
        "| cars | target | 晋城二手车交易量增长多少 | > 1 | 0/1 | 新能源城市公交车辆占比达到 85% |" in report
    )
    assert "Unanswerable but judged answerable: sz" in report


def test_write_report_writes_markdown_json_and_png(tmp_path):
    evaluation = _evaluation()
    paths = write_report(evaluation, tmp_path / "out")
    assert [p.name for p in paths] == ["report.md", "results.json", "hitk.png"]
    assert json.loads(paths[1].read_text(encoding="utf-8")) == json.loads(json.dumps(evaluation))
    assert "苏州新能源公交车占比要达到多少" in paths[1].read_text(encoding="utf-8")  # not \\u-escaped
    assert paths[2].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_score_command_prints_the_table_and_writes_the_report(tmp_path, capsys):
    (tmp_path / "q.jsonl").write_text(QUESTIONS, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(BATCH, encoding="utf-8")
    code = main(
        [
            "score",
            "--questions",
            str(tmp_path / "q.jsonl"),
            "--results",
            str(tmp_path / "b.jsonl"),
            "--out",
            str(tmp_path / "r"),
            "--name",
            "cli",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    # bus hit at 1, cars missed: hit@1 = 0.5; sz judged answerable: abstention 0; cars refused: answers 0.5.
    assert out.splitlines()[2].startswith("| cli | 2 | 1 | 0.500 |")
    assert out.splitlines()[2].endswith("| 0.000 | 0.500 |")
    assert "wrote" in err and (tmp_path / "r" / "hitk.png").exists()
    assert "batch results: `" in (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    results = json.loads((tmp_path / "r" / "results.json").read_text(encoding="utf-8"))
    assert results["configs"]["cli"]["overall"]["false_refusal_rate"] == 0.5


def test_user_errors_print_one_line_and_exit_non_zero(tmp_path, capsys):
    code = main(
        ["score", "--questions", str(tmp_path / "none.jsonl"), "--results", str(tmp_path / "b.jsonl")]
    )
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.strip().startswith("error: no such file") and len(err.strip().splitlines()) == 1


def _tables(markdown: str) -> list[list[str]]:
    """The Markdown tables of a text: runs of lines that start with a pipe."""
    tables, current = [], []
    for line in markdown.splitlines() + [""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables, current = [*tables, current], []
    return tables


def _cells(line: str) -> int:
    return len(re.split(r"(?<!\\)\|", line.strip())) - 2


def test_every_table_of_the_report_has_as_many_cells_in_each_row_as_in_its_header():
    """The replies table too (issue 20: it read as a four-column header over an eleven-column row); a
    question or reply holding a line break or a pipe stays in its cell."""
    evaluation = _evaluation()
    evaluation["configs"]["hybrid"]["queries"][1]["question"] = "晋城二手车\n交易量 | 增长多少"
    evaluation["replies"] = {
        "overall": {"questions": 2, "reply_hit": 0.5},
        "by_category": {"target": {"questions": 2, "reply_hit": 0.5}},
        "by_lang": {"zh": {"questions": 2, "reply_hit": 0.5}},
        "misses": ["cars"],
        "replies": [
            {"id": "cars", "question": "晋城二手车\n增长多少", "hit": False, "reply": "推动|农机\n更新[1]"}
        ],
    }
    tables = _tables(markdown_report(evaluation))
    assert len(tables) >= 5
    for rows in tables:
        assert {_cells(row) for row in rows} == {_cells(rows[0])}, rows
    replies = next(rows for rows in tables if rows[0].startswith("| over |"))
    assert [_cells(row) for row in replies] == [4] * len(replies)
    assert replies[2] == "| all |  | 2 | 0.500 |"
