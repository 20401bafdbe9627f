"""The command line as a newcomer meets it: reply first, quick refusals, targets without the model."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from assistant.config import MAX_CITATIONS, MIN_CITATIONS, PROJECT_ROOT, citation_count
from assistant.knowledge.target_table import empty_message, render, written_value
from assistant.records import Target
from tests.cli_helpers import one_error_line, run


def no_model(monkeypatch) -> None:
    """Loading the embedding model fails the test: the command must not need it."""

    def refuse(name=None):
        raise AssertionError("the embedding model was loaded")

    monkeypatch.setattr("assistant.model.embedding.load_encoder", refuse)


def test_ask_prints_the_reply_line_first_then_the_citations(paths, capsys):
    _, index = paths
    code, out, _ = run(capsys, "ask", "甲市新能源城市公交车辆占比达到多少？", "--index", index, "--k", "2")
    lines = out.splitlines()
    assert code == 0 and "85%" in lines[0] and not lines[0].startswith("[")
    assert lines[2].startswith("[1]") and "甲市设备更新实施方案" in lines[2]


def test_ask_json_includes_the_reply(paths, capsys):
    _, index = paths
    code, out, _ = run(capsys, "ask", "甲市新能源城市公交车辆占比达到多少？", "--index", index, "--json")
    payload = json.loads(out)
    assert code == 0 and "85%" in payload["reply"] and payload["results"][0]["doc_id"] == "suz"


@pytest.mark.parametrize("question", ["", "   ", "\n"])
def test_an_empty_question_is_refused_in_one_line_before_any_model_loads(monkeypatch, capsys, question):
    no_model(monkeypatch)
    code, out, err = run(capsys, "ask", question)
    assert code == 2 and out == "" and "the question is empty" in one_error_line(err)


def test_the_number_of_citations_has_one_set_of_bounds(monkeypatch, capsys):
    no_model(monkeypatch)
    code, _, err = run(capsys, "ask", "苏州电梯", "--k", str(MAX_CITATIONS + 1))
    assert code == 2 and f"between {MIN_CITATIONS} and {MAX_CITATIONS}" in one_error_line(err)
    assert [citation_count(k) for k in (0, 3, 50)] == [MIN_CITATIONS, 3, MAX_CITATIONS]


def test_targets_are_read_without_loading_the_model(paths, capsys, monkeypatch):
    _, index = paths
    no_model(monkeypatch)
    code, out, _ = run(capsys, "targets", "--index", index)
    header = out.splitlines()[0]
    assert code == 0 and "牵头单位" in header and "目标值" in header
    row = next(line for line in out.splitlines() if "3000台（套）" in line)
    assert "市农业农村局" in row and "2027" in row


def test_the_targets_csv_starts_with_a_byte_order_mark(paths, capsys, monkeypatch):
    _, index = paths
    no_model(monkeypatch)
    code, out, _ = run(capsys, "targets", "--index", index, "--csv")
    assert code == 0 and out.startswith("\ufeffdoc_id,")
    assert out.splitlines()[0].endswith(",sector,written,lead") and "市农业农村局" in out


def test_an_empty_targets_result_names_the_sectors_and_years_there_are(paths, capsys, monkeypatch):
    _, index = paths
    no_model(monkeypatch)
    code, _, err = run(capsys, "targets", "--index", index, "--year", "2031")
    assert code == 0 and "期限年份：2027" in err and "农业" in err and "years: 2027" in err


def _target(sentence: str, value: str, qualifier: str) -> Target:
    return Target("d", "c", "一、任务", "苏州", "技术改造项目", value, "个", qualifier, "", "", sentence)


def test_a_value_keeps_its_qualifiers_as_written():
    assert written_value(_target("每年组织实施1000个以上技术改造项目", "1000个", "以上")) == "每年1000个以上"
    assert written_value(_target("完成燃气老旧管网更新改造约1400公里", "1400公里", "约")) == "约1400公里"
    assert written_value(_target("设备投资规模较2023年增长30%左右", "30%", "左右")) == "30%左右"
    table = render(
        [_target("每年组织实施1000个以上技术改造项目", "1000个", "以上")], "table", {("d", "c"): ["市工信局"]}
    )
    assert "每年1000个以上" in table and "市工信局" in table


def test_the_empty_message_lists_sectors_and_years():
    message = empty_message([_target("到2027年新建40家绿色工厂", "40家", "")])
    assert "现有领域" in message and "No target matches" in message


def test_scoring_a_batch_takes_seconds(tmp_path):
    questions = PROJECT_ROOT / "evaluation" / "data" / "dev.jsonl"
    rows = [json.loads(line) for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = tmp_path / "batch.jsonl"
    # each question's evidence at rank 2, after an unrelated passage: every metric has work to do
    lines = []
    for r in rows:
        found = [{"rank": 1, "doc_id": "other", "text": "无关条款"}]
        found += [{"rank": 2, "doc_id": r.get("doc_id", ""), "text": "；".join(g[0] for g in r["evidence"])}]
        lines.append(json.dumps({"id": r["id"], "answerable": True, "results": found}, ensure_ascii=False))
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "evaluation", "score", "--questions", questions, "--results", results],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 0 and "| batch |" in done.stdout
    assert elapsed < 15, f"scoring took {elapsed:.1f} s"
