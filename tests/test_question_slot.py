"""The question's slot: the words on each side of its question word stand, in order, in the answering
sentence, with the answer between them."""

from __future__ import annotations

from assistant.chat.question_slot import slot_features, slot_sides


def test_the_sides_of_the_question_word():
    assert slot_sides("国家发改委从哪几个方面扩大口罩生产？") == ("国家发改委从", "方面扩大口罩生产")
    assert slot_sides("苏州新能源公交占比目标是多少？") == ("苏州新能源公交占比目标是", "")
    assert slot_sides("What is the target?") is None


def test_the_answering_sentence_fills_the_slot():
    sides = slot_sides("国家发改委从哪几个方面扩大口罩生产？")
    answer = "国家发改委从迅速组织企业恢复生产、大力推动企业扩能改造等方面采取措施扩大口罩生产。"
    left, right, filled, gap = slot_features(sides, answer)
    # '国家发改委从' (6 characters) whole on the left; on the right only '方面' before '采取措施'
    assert (left, right, filled) == (6 / 8, 2 / 8, 1.0) and gap > 2


def test_a_sentence_that_only_repeats_the_question_does_not():
    sides = slot_sides("北京市研发的平台目前在哪里进行试运行？")
    echo = "2月13日，本市研发的平台正式上线，经过试运行后在全市各社区推广运用。"
    assert slot_features(sides, echo)[2] == 0.0
    fills = "该平台目前在朝阳区部分社区进行试运行。"
    assert slot_features(sides, fills)[:3] == (5 / 8, 5 / 8, 1.0)  # '平台目前在' … '进行试运行'
    assert slot_features(sides, "在朝阳区部分社区进行试运行。")[1:3] == (5 / 8, 0.0)  # the right side alone


def test_a_question_word_at_the_end_needs_its_left_side():
    sides = slot_sides("报废汽车回收量要达到多少")
    assert slot_features(sides, "到2027年，报废汽车回收量要达到50万辆。")[2] == 1.0
    assert slot_features(sides, "废旧家电回收量较2023年增长30%。")[2] == 0.0


def test_no_question_word_gives_zeros():
    assert slot_features(None, "任何句子") == (0.0, 0.0, 0.0, 0.0)


def test_two_short_common_words_fill_no_slot():
    sides = slot_sides("晋城报废汽车回收量要达到什么水平？")
    assert slot_features(sides, "环保绩效达到A级水平的产能比例显著提升。")[2] == 0.0
