"""A figure quoted for a figure question is the asked indicator's (chat/figure_topic.py)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from assistant.chat.figure_topic import figure_units, off_topic_figure, on_topic
from assistant.chat.reply_sentence import ask_of
from assistant.chat.selector import best_quote, shipped, using
from assistant.chat.selector_features import FEATURES
from assistant.records import Chunk, Hit

GOALS = (
    "到2027年，环保绩效达到A级水平的产能比例显著提升，规模以上工业企业数字化研发设计工具普及率、"
    "关键工序数控化率分别超过90%、75%。报废汽车回收量较2023年增加约一倍。"
)


def test_a_clause_and_the_amount_it_earns_are_one_unit():
    units = figure_units("稳定就业并参加社会保险1年以上的，按每人1万元给予补贴。")
    assert units == [["稳定就业并参加社会保险1年以上的", "按每人1万元给予补贴"]]
    assert figure_units("一是2月17日24时前，重点企业可立即复工。") == []  # a day is no indicator's figure
    assert figure_units("24．促进二手商品规范化流通交易。") == []  # nor an item's number


def test_a_figure_of_another_indicator_is_off_topic():
    topic = {"报废", "汽车", "回收"}
    assert off_topic_figure(
        "环保绩效达到A级水平的产能比例显著提升，关键工序数控化率分别超过90%、75%。", topic
    )
    assert not off_topic_figure("报废汽车回收量较2023年增加约一倍。", topic)
    assert not off_topic_figure("推进报废汽车回收体系建设。", topic)  # no figure: nothing to check


def _one_passage(text: str) -> list[tuple[int, Hit]]:
    return [(1, Hit(Chunk("c1#0", "d", "c1", "主要目标", text, text, city="晋城"), 1.0, 1))]


def test_the_reply_never_quotes_another_indicators_figure():
    question = "晋城报废汽车回收量要达到什么水平？"
    quote = best_quote(_one_passage(GOALS), ask_of(question), question)
    assert quote is not None and "一倍" in quote.text and "90%" not in quote.text


def test_a_selector_fond_of_figures_still_quotes_none_of_another_indicator():
    """The rule stands outside the learned weights: even weights that prize any number cannot pick it."""
    shipped_ = shipped()
    coef = np.zeros_like(shipped_.coef)
    coef[FEATURES.index("has_number")] = 10.0
    question = "晋城报废汽车回收量要达到什么水平？"
    unstated = "推进报废汽车回收体系建设。环保绩效达到A级水平的产能比例显著提升，关键工序数控化率超过75%。"
    with using(replace(shipped_, coef=coef, length_penalty=0.0)):
        quote = best_quote(_one_passage(unstated), ask_of(question), question)
    assert quote is not None and "75%" not in quote.text


def test_questions_asking_no_figure_keep_every_candidate():
    class Quoted:
        quote = "开展汽车以旧换新，每辆补贴2万元。"

    assert len(on_topic([Quoted()], "汽车以旧换新由哪个部门牵头？")) == 1
