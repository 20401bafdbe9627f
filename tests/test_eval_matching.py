"""The evidence-group hit rule (EVAL_FORMAT.md) on hand-made Chinese passages."""

from __future__ import annotations

from evaluation.matching import (
    evidence_rank,
    group_ranks,
    matches_group,
    question_rank,
    relevant_ranks,
    squeeze,
)

SUZHOU_GOAL = "力争到 2027年，工业、建筑、交通等领域设备投资规模较 2023年增长 30%左右。"
JINCHENG_GOAL = "到 2027 年，工业、农业等领域设备投资规模较 2023 年\n增长 25%以上。"
BUS = "到 2027年新能\n源城市公交车辆占比达到 85%。"


def test_squeeze_removes_ascii_newline_and_ideographic_space():
    assert squeeze("较 2023年\n增长\u300030%\t左右") == "较2023年增长30%左右"


def test_white_space_in_passage_is_ignored():
    # The passage has spaces the evidence lacks: "较 2023年增长 30%左右" matches "较2023年增长30%左右".
    assert matches_group("较 2023年增长 30%左右", ["较2023年增长30%左右"])
    assert matches_group(SUZHOU_GOAL, ["较2023年增长30%左右"])


def test_white_space_in_evidence_is_ignored_and_line_breaks_inside_words_too():
    assert matches_group(BUS, ["新能源城市公交车辆 占比达到85%"])


def test_any_alternative_of_a_group_matches():
    assert matches_group(BUS, ["公交车占比", "占比达到85%"])
    assert not matches_group(BUS, ["公交车占比", "占比达到95%"])


def test_group_ranks_give_the_first_matching_rank_per_group():
    passages = [BUS, JINCHENG_GOAL, SUZHOU_GOAL, SUZHOU_GOAL]
    evidence = [["较2023年增长30%左右"], ["设备投资规模较2023年增长25%以上"], ["深圳"]]
    # Group 1 first appears at rank 3 (and again at 4), group 2 at rank 2, group 3 never.
    assert group_ranks(evidence, passages) == (3, 2, None)


def test_question_rank_is_the_largest_first_rank_over_groups():
    passages = [BUS, JINCHENG_GOAL, SUZHOU_GOAL]
    evidence = [["较2023年增长30%左右"], ["设备投资规模较2023年增长25%以上"]]
    # Group ranks (3, 2): the question is complete only at rank max(3, 2) = 3.
    assert evidence_rank(evidence, passages) == 3
    assert question_rank((3, 2)) == 3


def test_question_rank_is_none_when_a_group_is_missing_or_evidence_empty():
    assert evidence_rank([["较2023年增长30%左右"], ["深圳"]], [SUZHOU_GOAL]) is None
    assert evidence_rank([], [SUZHOU_GOAL]) is None


def test_evidence_split_across_two_passages_does_not_match():
    passages = ["二手车交易量较 2023 年", "增长 45%"]
    assert evidence_rank([["二手车交易量较2023年增长45%"]], passages) is None


def test_relevant_ranks_mark_passages_matching_any_group():
    passages = [BUS, JINCHENG_GOAL, "无关段落", SUZHOU_GOAL]
    evidence = [["较2023年增长30%左右"], ["设备投资规模较2023年增长25%以上"]]
    assert relevant_ranks(evidence, passages) == (2, 4)
