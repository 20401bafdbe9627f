"""Every example question the page offers gets a cited answer from the bundled plans (real model and index)."""

from __future__ import annotations

import re

import pytest

from assistant.chat.answer import cited_numbers
from assistant.web.labels import EXAMPLES, example_questions
from assistant.web.session import ask

pytestmark = pytest.mark.model

# What the cited clause of each example must say: read from corpus/*.txt.
EXPECTED = {
    "企业购置节能节水专用设备有哪些税收优惠？": "税额抵免",
    "我们是做农机的，有什么政策？": "农机",
    "How many old farm machines will Suzhou scrap and replace by 2027?": "报废更新农机",
    "苏州新能源公交车占比目标是多少？": "新能源城市公交车辆占比达到",
    "晋城二手车交易量的增长目标是多少？": "二手车交易量较",
    "Which department leads the trade-in of household appliances in Jincheng?": "家电",
    "苏州和晋城的设备投资增长目标分别是多少？": "设备投资规模较",
    "晋城老旧农业机械报废更新由哪个部门牵头？": "农业农村局",
    "个人报废旧车并购买新能源汽车有什么补贴？": "补贴",
}
SHOWN = [text for texts in example_questions(["苏州", "晋城"]).values() for text in texts]


@pytest.fixture(scope="module")
def retriever():
    from assistant.search.retriever import open_retriever

    return open_retriever()


def test_every_example_is_shown_for_the_bundled_corpus_and_has_an_expectation():
    assert sorted(SHOWN) == sorted(text for entries in EXAMPLES.values() for text, _ in entries)
    assert set(SHOWN) == set(EXPECTED)


def test_an_example_naming_a_place_the_corpus_lacks_is_not_shown():
    shown = [text for texts in example_questions(["苏州"]).values() for text in texts]
    assert "苏州新能源公交车占比目标是多少？" in shown
    assert not any("晋城" in text or "Jincheng" in text for text in shown)


@pytest.mark.parametrize("question", SHOWN)
def test_each_example_gets_a_cited_answer(retriever, question):
    answer = ask(retriever, question).answer
    cited = [answer.hits[n - 1].chunk for n in cited_numbers(answer.reply) if 0 < n <= len(answer.hits)]
    assert answer.answerable and cited and re.search(r"\[\d+\]", answer.reply), answer.reply
    assert any(EXPECTED[question] in re.sub(r"\s+", "", chunk.text) for chunk in cited), answer.reply
