from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.config import PROJECT_ROOT
from assistant.indexing.index_store import load_index
from tests.cli_helpers import one_error_line, run
from tests.samples import BING, SUZ


def test_ask_json_cites_the_clause(paths, capsys):
    _, index = paths
    code, out, _ = run(capsys, "ask", "公交车辆占比", "--index", index, "--json")
    top = json.loads(out)["results"][0]
    assert code == 0 and top["rank"] == 1 and top["doc_id"] == "suz"
    assert "新能源城市公交车辆占比达到85%" in top["text"] and top["lead"] == ["市交通局"]


def test_ask_prints_the_cited_clause(paths, capsys):
    _, index = paths
    code, out, _ = run(capsys, "ask", "农机报废更新", "--index", index, "--k", "1")
    assert code == 0 and "[1]" in out and "到2027年报废更新农机3000台（套）" in out and "市农业农村局" in out


def test_retrieve_writes_one_line_per_question(paths, capsys, tmp_path):
    _, index = paths
    questions = tmp_path / "q.jsonl"
    rows = [{"id": "a", "question": "电梯更新"}, {"id": "b", "question": "  "}]
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "retrieve", "--questions", questions, "--index", index, "--k", "2")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line["id"] for line in lines] == ["a", "b"]
    assert "电梯" in lines[0]["results"][0]["text"] and lines[1] == {
        "id": "b",
        "answerable": False,
        "results": [],
    }


def test_user_errors_are_one_line_with_status_2(paths, capsys, tmp_path):
    corpus, index = paths
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "question": "电梯"}\n{broken\n', encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    cases = [
        (("ask", "电梯", "--index", tmp_path / "nowhere"), "no index in"),
        (("ask", "电梯", "--index", index, "--city", "深圳"), "unknown city '深圳'"),
        (("ask", "电梯", "--index", index, "--k", "0"), "--k must be at least 1"),
        (("retrieve", "--questions", tmp_path / "none.jsonl", "--index", index), "questions file not found"),
        (("retrieve", "--questions", bad, "--index", index), "bad.jsonl:2: not valid JSON"),
        (("index", "--corpus", tmp_path / "missing", "--index", index), "corpus not found"),
        (("index", "--corpus", empty, "--index", tmp_path / "other"), "no readable documents"),
    ]
    for argv, message in cases:
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "" and message in one_error_line(err), argv


def test_add_and_remove(paths, capsys, tmp_path):
    corpus, index = paths
    (tmp_path / "bing.txt").write_text(BING, encoding="utf-8")
    code, _, err = run(capsys, "add", tmp_path / "bing.txt", "--index", index, "--city", "丙市")
    assert code == 0 and "added: bing (bing.txt)" in err and "indexed 3 documents, 7 chunks" in err
    code, out, _ = run(capsys, "ask", "家电以旧换新", "--index", index, "--json", "--city", "丙市")
    assert code == 0 and json.loads(out)["results"][0]["doc_id"] == "bing"

    code, _, err = run(capsys, "add", tmp_path / "bing.txt", "--index", index)
    assert code == 0 and "unchanged: bing (bing.txt)" in err

    code, _, err = run(capsys, "remove", "bing", "--index", index)
    assert code == 0 and "removed: bing (bing.txt)" in err and "indexed 2 documents" in err
    assert (corpus / ".removed" / "bing.txt").exists()
    assert {doc.doc_id for doc in load_index(index).documents} == {"suz", "jin"}


def test_add_reports_each_unreadable_file_and_adds_the_rest(paths, capsys, tmp_path):
    corpus, index = paths
    (tmp_path / "bing.txt").write_text(BING, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n")
    code, out, err = run(
        capsys, "add", tmp_path / "empty.txt", tmp_path / "bing.txt", tmp_path / "scan.pdf", "--index", index
    )
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert code == 2 and out == "" and "Traceback" not in err
    assert errors == [
        "error: empty.txt: the file is empty (no text)",
        "error: scan.pdf: the PDF is truncated or corrupt (no end-of-file marker)",
    ]
    assert "added: bing (bing.txt)" in err and (corpus / "bing.txt").exists()


def test_add_and_remove_user_errors(paths, capsys, tmp_path):
    corpus, index = paths
    (tmp_path / "bing.txt").write_text(BING, encoding="utf-8")
    records = tmp_path / "docs.jsonl"
    records.write_text(
        json.dumps({"doc_id": "suz", "text": SUZ}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    assert run(capsys, "index", "--corpus", records, "--index", tmp_path / "from_jsonl")[0] == 0
    two_files = (tmp_path / "bing.txt", corpus / "suz.txt")
    cases = [
        (("add", tmp_path / "bing.txt", "--index", tmp_path / "from_jsonl"), "need a directory corpus"),
        (("remove", "suz", "--index", tmp_path / "from_jsonl"), "need a directory corpus"),
        (("add", tmp_path / "bing.txt", "--index", tmp_path / "new"), "give it with --corpus DIR"),
        (("add", *two_files, "--index", index, "--title", "某方案"), "--title names one document"),
        (("remove", "suz", "jin", "--index", index), "would leave"),
        (("remove", "北京", "--index", index), "北京: no such document"),
    ]
    for argv, message in cases:
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "" and message in one_error_line(err), argv


def test_the_module_entry_point_prints_no_traceback(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "index",
            "--corpus",
            tmp_path / "missing",
            "--index",
            tmp_path / "index",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == f"error: corpus not found: {tmp_path / 'missing'}"


def test_jsonl_lines_are_read_with_their_numbers():
    from assistant.jsonl import JsonlError, parse_jsonl

    assert parse_jsonl('{"id": "q1", "question": "苏州电梯"}\n\n{"id": "q2"}\n') == [
        (1, {"id": "q1", "question": "苏州电梯"}),
        (3, {"id": "q2"}),
    ]
    with pytest.raises(JsonlError, match=r"^q.jsonl:2: expected a JSON object$"):
        parse_jsonl('{"id": 1}\n[1, 2]\n', where="q.jsonl:")
