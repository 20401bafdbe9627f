"""Golden values for the finder measures (measure recall, measure precision); comments derive each value."""

from __future__ import annotations

import pytest

from evaluation.metrics import measure_precision, measure_recall, median_length
from evaluation.questions import read_questions
from evaluation.replies import cited_lines, finder_result, summarize_replies

TRUCKS = "加快淘汰老旧营运类柴油货车。采取经济补偿、限制使用和加强监管执法等综合性措施"
SUBSIDY = "持续落实好老旧营运车船更新补贴、农业机械报废更新补贴政策。"
BUSES = "加快推进城市公交新能源车型替代，支持老旧新能源公交车和动力电池更新换代。"
APPLIANCES = "发放家电购新补贴，促进家电以旧换新"

EVIDENCE = [["经济补偿"], ["老旧营运车船更新补贴"]]
RELATED = [["新能源车型替代"]]


def test_measure_recall_is_the_share_of_measures_cited():
    # both groups matched (one passage each): 2/2
    assert measure_recall(EVIDENCE, [TRUCKS, SUBSIDY]) == 1.0
    # only 经济补偿 matched: 1/2
    assert measure_recall(EVIDENCE, [TRUCKS, APPLIANCES]) == 0.5
    # nothing cited: 0/2
    assert measure_recall(EVIDENCE, []) == 0.0


def test_measure_precision_counts_related_clauses_as_right():
    # TRUCKS matches evidence, BUSES matches related, APPLIANCES matches neither: 2/3
    assert measure_precision(EVIDENCE, RELATED, [TRUCKS, BUSES, APPLIANCES]) == pytest.approx(2 / 3)
    # white space in the passage is ignored, as in every EVAL_FORMAT match: 1/1
    assert measure_precision(EVIDENCE, RELATED, ["采取经济 补偿"]) == 1.0
    # a reply citing nothing found nothing: 0, not excused
    assert measure_precision(EVIDENCE, RELATED, []) == 0.0


def test_median_length_of_lines():
    # lengths 3, 5, 10 → median 5; no lines → None
    assert median_length(["一二三", "一二三四五", "一二三四五六七八九十"]) == 5.0
    assert median_length([]) is None


def test_cited_lines_drop_marks_and_uncited_lines():
    reply = "晋城：\n淘汰国四及以下营运柴油货车，经济补偿（市交通局）[1]\n另有 3 条见措施页。"
    assert cited_lines(reply) == ["淘汰国四及以下营运柴油货车，经济补偿（市交通局）"]


def test_finder_questions_are_summarised_apart():
    line = (
        '{"id": "f-1", "question": "我是晋城的物流公司，想把柴油货车换成新能源的，能拿到什么支持？", '
        '"evidence": [["经济补偿"], ["老旧营运车船更新补贴"]], "related": [["新能源车型替代"]], '
        '"category": "finder"}\n'
    )
    (question,) = read_questions(line)
    assert question.finder and question.related == (("新能源车型替代",),)
    reply = "经济补偿[1]\n新能源车型替代[2]\n家电购新补贴[3]"
    result = finder_result(question, reply, [TRUCKS, BUSES, APPLIANCES])
    # recall 1/2 (经济补偿 only), precision 2/3 (TRUCKS evidence, BUSES related), not a hit (recall < 1)
    assert (result.recall, result.hit) == (0.5, False)
    assert result.precision == pytest.approx(2 / 3)
    summary = summarize_replies([result])
    assert summary["finder"]["measure_recall"] == 0.5
    # cited lines 经济补偿 (4), 新能源车型替代 (7), 家电购新补贴 (6): median 6
    assert summary["finder"]["median_line_length"] == 6.0
