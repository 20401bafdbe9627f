"""The Evaluate tab's engine with the fake model: the same figures as `python -m evaluation run`, the
question-set files it accepts and refuses, the guard, cancelling, kept runs compared, and the hit test."""

from __future__ import annotations

import json

import pytest

from assistant.search.explain import explain
from assistant.search.retriever import Retriever
from assistant.web.admin_settings import AdminSettings
from assistant.web.evaluate_render import compare_html, misses_html, summary_markdown
from assistant.web.evaluate_runs import Cancelled, Evaluator, RunProblem, load_set
from assistant.web.hit_test_view import hit_test, parse_evidence
from evaluation.cli import main as evaluation_main
from evaluation.compare import compare_runs
from evaluation.question_tables import read_question_file, split_evidence
from evaluation.report import summary_table
from tests.fakes import FakeEncoder

# "fridge" asks for a figure the sample corpus does not hold, so every configuration has a miss to show.
QUESTIONS = (
    '{"id": "bus", "question": "甲市新能源公交车占比", "evidence": [["占比达到85%"]], "category": "target", "lang": "zh"}\n'
    '{"id": "farm", "question": "乙市农机报废更新多少台", "evidence": [["3000台"]], "category": "target", "lang": "zh"}\n'
    '{"id": "lift", "question": "老旧住宅电梯更新谁牵头", "evidence": [["市住建局"]], "category": "department"}\n'
    '{"id": "fridge", "question": "乙市买冰箱补贴多少", "evidence": [["每台补贴500元"]], "category": "detail"}\n'
    '{"id": "none", "question": "丁市的家电补贴标准是多少", "evidence": [], "category": "unanswerable"}\n'
)


@pytest.fixture()
def setup(paths, tmp_path, monkeypatch):
    """The fake-model index of 甲市 and 乙市, a question file, and runs kept in a temporary home."""
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(tmp_path / "home"))
    _, index = paths
    questions = tmp_path / "questions.jsonl"
    questions.write_text(QUESTIONS, encoding="utf-8")
    return Retriever.load(index, encoder=FakeEncoder()), index, questions


def _figures(evaluation: dict) -> dict:
    """Everything but the clock: settings that name files, and the time the searches took; as JSON has it
    (a page run's tuples are the lists of results.json)."""
    evaluation = json.loads(json.dumps(evaluation, ensure_ascii=False))
    configs = {
        n: {k: v for k, v in f.items() if k != "search_seconds"} for n, f in evaluation["configs"].items()
    }
    return {
        "k": evaluation["k"],
        "depth": evaluation["depth"],
        "configs": configs,
        "replies": evaluation.get("replies"),
    }


def test_the_page_gives_the_command_lines_figures(setup, tmp_path):
    retriever, index, questions = setup
    names = ["hybrid", "dense", "keyword", "naive-bm25"]
    outcome = Evaluator(retriever, open_to_all=True).run(questions, names, replies=True)
    out = tmp_path / "cli"
    args = ["run", "--questions", questions, "--index", index, "--configs", ",".join(names), "--out", out]
    assert evaluation_main([str(a) for a in args]) == 0
    cli = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert _figures(outcome.evaluation) == _figures(cli)
    assert outcome.evaluation["replies"]["overall"]["questions"] == 4  # the answerable ones
    assert (outcome.folder / "report.md").read_text(encoding="utf-8").count("## `") == 4
    batch = [json.loads(line) for line in (outcome.folder / "batch-hybrid.jsonl").read_text().splitlines()]
    assert [b["id"] for b in batch] == ["bus", "farm", "lift", "fridge", "none"]
    assert batch[0]["results"][0]["rank"] == 1 and "text" in batch[0]["results"][0]
    assert [p.name for p in outcome.files][:3] == ["report.md", "results.json", "hitk.png"]
    page = summary_markdown(outcome.evaluation)
    assert summary_table(cli) in page and "| all |  | 4 |" in page  # the CLI's table, cell for cell
    misses = misses_html(outcome.evaluation, outcome.questions, outcome.retrievals)
    assert misses.count("<details") == sum(len(f["misses"]) for f in cli["configs"].values()) > 0


def test_a_table_question_set_reads_as_its_jsonl(tmp_path):
    csv = tmp_path / "set.csv"
    csv.write_text(
        "question,evidence,category\n甲市新能源公交车占比,占比达到85%|85%;公交,target\n丁市补贴,,unanswerable\n",
        encoding="gb18030",
    )
    questions = read_question_file(csv)
    assert questions[0].evidence == (("占比达到85%", "85%"), ("公交",))
    assert [q.id for q in questions] == ["row-2", "row-3"] and not questions[1].answerable
    assert split_evidence("新改建供水管网800公里；对排水") == [
        ["新改建供水管网800公里；对排水"]
    ]  # full-width ； stays
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["id", "question", "evidence", "lang"])
    book.active.append([7, "乙市农机报废更新多少台", "3000台", "zh"])
    book.save(tmp_path / "set.xlsx")
    (farm,) = read_question_file(tmp_path / "set.xlsx")
    assert (farm.id, farm.evidence, farm.lang) == ("7", (("3000台",),), "zh")


@pytest.mark.parametrize(
    "name, text, message",
    [
        (
            "bad.jsonl",
            '{"id": "a", "question": "问"}\n{"id": "b", "question": "问", "evidence": "x"\n',
            "line 2",
        ),
        ("no_evidence.csv", "question,category\n甲市公交,target\n", "line 1: no 'evidence' column"),
        ("empty_question.csv", "question,evidence\n甲市公交,85%\n,85%\n", "line 3: missing 'question'"),
        (
            "twice.jsonl",
            '{"id": "a", "question": "问"}\n{"id": "a", "question": "又问"}\n',
            "line 2: duplicate",
        ),
        ("set.txt", "甲市公交\n", "use JSONL, CSV or XLSX"),
    ],
)
def test_a_bad_file_is_refused_naming_its_first_bad_line_and_nothing_runs(
    setup, tmp_path, name, text, message
):
    retriever, _, _ = setup
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    evaluator = Evaluator(retriever, open_to_all=True)
    with pytest.raises(RunProblem, match=message):
        evaluator.run(path)
    assert evaluator.kept_runs() == []


def test_limits_of_a_question_set(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text("".join(f'{{"id": "{n}", "question": "问{n}"}}\n' for n in range(6)), encoding="utf-8")
    with pytest.raises(RunProblem, match="more than 5 lines"):
        load_set(path, max_lines=5)
    assert len(load_set(path, max_lines=6)) == 6


def test_whole_set_runs_are_guarded_and_cancellable(setup):
    retriever, _, questions = setup
    with pytest.raises(RunProblem, match="--evaluate"):
        Evaluator(retriever).run(questions)
    staff = Evaluator(retriever, admin=AdminSettings("秘密"))
    with pytest.raises(RunProblem, match="Wrong staff token"):
        staff.run(questions, ["keyword"], token="猜")
    assert staff.run(questions, ["keyword"], replies=False, token="秘密").evaluation["configs"].keys() == {
        "keyword"
    }

    steps = []

    def cancel_after_the_first_batch(stage, done, total, left):
        steps.append((stage, done, total))
        staff._cancel.set()

    with pytest.raises(Cancelled):
        staff.run(questions, ["hybrid", "keyword"], token="秘密", progress=cancel_after_the_first_batch)
    assert steps == [("hybrid", 5, 5 * 2 + 4)]  # five questions per configuration, four replies
    assert len(staff.kept_runs()) == 1  # the cancelled run kept nothing


def test_two_kept_runs_compared(setup):
    retriever, _, questions = setup
    evaluator = Evaluator(retriever, open_to_all=True)
    dense = evaluator.run(questions, ["hybrid", "dense"], replies=False).evaluation
    keyword = evaluator.run(questions, ["hybrid", "keyword"], replies=False).evaluation
    comparison = compare_runs(dense, keyword)
    assert comparison["only_before"] == ["dense"] and comparison["only_after"] == ["keyword"]
    hit1 = next(c for c in comparison["changes"] if c["config"] == "hybrid" and c["figure"] == "hit@1")
    assert hit1["delta"] == 0 and comparison["questions"]["hybrid"] == {"won": [], "lost": []}
    worse = dict(keyword, configs={"hybrid": json.loads(json.dumps(keyword["configs"]["hybrid"]))})
    worse["configs"]["hybrid"]["queries"][0]["rank"] = None  # 甲市 bus question now missed
    worse["configs"]["hybrid"]["overall"]["hit@1"] -= 1 / 3
    moved = compare_runs(keyword, worse)
    assert moved["questions"]["hybrid"] == {"won": [], "lost": ["bus"]}
    change = next(c for c in moved["changes"] if c["config"] == "hybrid" and c["figure"] == "hit@1")
    assert change["delta"] == pytest.approx(-1 / 3)
    page = compare_html(moved, worse)
    assert (
        "pa-eval-down" in page
        and " → " in page
        and "hybrid: 1 lost" in page
        and "甲市新能源公交车占比" in page
    )
    assert len(evaluator.kept_runs()) == 2
    with pytest.raises(RunProblem):  # only the runs kept in its home are read
        evaluator.load(evaluator.home.parent)


def test_the_hit_test_takes_the_served_ranking_apart(setup):
    retriever, _, _ = setup
    explanation = explain(retriever, "甲市新能源公交车占比", k=4)
    served = retriever.search("甲市新能源公交车占比", k=4)
    assert [p.hit.chunk.chunk_id for p in explanation.parts] == [h.chunk.chunk_id for h in served.hits]
    for parts in explanation.parts:
        assert parts.fused == parts.hit.score
        assert parts.passage + (parts.document + parts.place) == parts.fused
    assert [c.rule for c in explanation.checks] == ["place", "figure", "similarity"]
    assert all(c.passed for c in explanation.checks) == served.answerable
    page = hit_test(retriever, "甲市新能源公交车占比", "占比达到85%")
    assert "evidence complete at rank 1" in page and "✓" in page
    assert parse_evidence(" 85% | 八成 ; 公交 ;") == [["85%", "八成"], ["公交"]]
    assert "Enter a question" in hit_test(retriever, "  ")


def test_the_evaluate_endpoint_returns_the_command_lines_results_json(setup, tmp_path):
    """Driven by gradio_client as a script would; refused without --evaluate or the token."""
    import socket

    from gradio_client import Client, handle_file

    from assistant.web.app import build_app, launch

    retriever, index, questions = setup
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    demo = build_app(retriever, tmp_path / "feedback.jsonl", admin=AdminSettings("秘密"))
    try:
        client = Client(launch(demo, port=port, block=False), verbose=False)
        with pytest.raises(Exception, match="Wrong staff token"):
            client.predict(handle_file(str(questions)), "hybrid", False, "猜", api_name="/evaluate")
        found = client.predict(
            handle_file(str(questions)), "hybrid,naive-bm25", True, "秘密", api_name="/evaluate"
        )
    finally:
        demo.close()
    out = tmp_path / "cli"
    args = ["run", "--questions", questions, "--index", index, "--configs", "hybrid,naive-bm25", "--out", out]
    assert evaluation_main([str(a) for a in args]) == 0
    assert _figures(found) == _figures(json.loads((out / "results.json").read_text(encoding="utf-8")))
