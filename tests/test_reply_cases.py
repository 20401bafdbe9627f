"""The replies and conversations issue 10 reported, with the real model and the bundled index."""

from __future__ import annotations

import re

import pytest

from assistant.chat.answer import cited_numbers
from assistant.web.session import chat_result

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def retriever():
    from assistant.search.retriever import open_retriever

    return open_retriever()


def _plain(reply: str) -> str:
    return "".join(re.sub(r"\[\d+\]", "", reply).split())


def _conversation(retriever, *questions: str) -> list[dict]:
    results = []
    for n, question in enumerate(questions):
        results.append(chat_result(retriever, question, list(questions[:n])))
    return results


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is the target share of new-energy buses in Suzhou?", ["新能源城市公交车辆占比达到85%"]),
        ("How many kilometres of old gas pipelines will Suzhou renovate?", ["约1400公里"]),
        ("How many 5G smart factories will Suzhou have by 2027?", ["不少于300家"]),
        ("苏州计划新建多少家绿色工厂和零碳工厂", ["新建40家绿色工厂", "80家（近）零碳工厂"]),
        ("参与标准制修订的主要单位最多补助多少钱？", ["不超过20万元"]),
        ("晋城工作专班组长由谁担任？", ["专班组长由常务副市长担任"]),
        (
            "晋城二手车交易量增长目标是多少？牵头单位是谁？",
            ["二手车交易量较2023年增长45%", "牵头部门：市商务局"],
        ),
        ("咱是开饭店的，想换厨房设备，有啥补贴不？", ["没有写到饭店这类经营者"]),
    ],
)
def test_the_reply_quotes_the_answer(retriever, question, expected):
    reply = chat_result(retriever, question)["reply"]
    assert all(text in _plain(reply) for text in expected), reply


def test_a_department_follow_up_stays_on_the_clause_under_discussion(retriever):
    # the first question names the figure it asks for: since places stopped walling off the other city,
    # the looser "苏州充电桩建设有什么目标？" cites the e-bike charging clause first (issue 9's note)
    first, follow = _conversation(
        retriever, "苏州充电桩的车桩比目标是多少？", "Which department is responsible?"
    )
    assert "车桩比" in first["reply"]
    discussed = first["citations"][cited_numbers(first["reply"])[0] - 1]["clause_id"]
    assert follow["citations"][0]["clause_id"] == discussed
    assert follow["reply"].startswith("Lead: 市商务局")


def test_a_similar_target_in_another_city_is_a_follow_up(retriever):
    _, follow = _conversation(retriever, "苏州新能源公交占比目标是多少？", "晋城有类似目标吗？")
    assert follow["understood_as"].startswith("晋城")
    assert "85" not in follow["reply"]  # 晋城 states no such share: said plainly, not borrowed
    assert all(c["city"] == "晋城" for c in follow["citations"] + follow["related"])


def test_a_new_chat_leaves_no_context_behind(retriever):
    result = chat_result(retriever, "那晋城呢？", [])
    assert not result["answerable"] and result["citations"] == []
    assert "说完整" in result["reply"] and "印发" not in result["reply"]
