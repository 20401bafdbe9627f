"""The reply selector: its shipped weights load and score, its features, and the hard rules around it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.chat.candidates import candidates
from assistant.chat.reply_sentence import ask_of, quote_at, term_weights
from assistant.chat.selector import (
    SELECTOR_FILE,
    Seen,
    Selector,
    best_quote,
    carried,
    recording,
    shipped,
    using,
)
from assistant.chat.selector_features import FEATURES, feature_rows
from assistant.errors import AssistantError
from assistant.records import Chunk, Hit

HOTLINE = (
    "参与企业名单将在区政府网站公布。活动期间如有问题，可拨打以下电话咨询：区商务局 0574-88451234；"
    "区市场监管局 0574-88455678。"
)
SUBSIDY = (
    "为进一步激发消费潜力，现就开展汽车以旧换新补贴工作通知如下。"
    "个人消费者报废旧车并购买新能源乘用车的，每辆补贴2万元。"
    "本通知由市商务局负责解释。"
)


def _numbered(*texts: str) -> list[tuple[int, Hit]]:
    return [
        (n, Hit(Chunk(f"c{n}#0", "d", f"c{n}", f"{n}．条款", text, text, city="宁波"), 1.0 / n, n))
        for n, text in enumerate(texts, 1)
    ]


def test_the_shipped_weights_load_with_every_feature():
    data = json.loads(SELECTOR_FILE.read_text(encoding="utf-8"))
    selector = shipped()
    assert tuple(data["features"]) == FEATURES == selector.features
    assert selector.coef.shape == selector.mean.shape == selector.scale.shape == (len(FEATURES),)
    assert np.all(selector.scale > 0)


def test_the_shipped_selector_quotes_the_sentence_stating_the_subsidy():
    question = "报废旧车买新能源车每辆补贴多少钱？"
    quote = best_quote(_numbered(SUBSIDY), ask_of(question), question)
    assert quote is not None and quote.text == "个人消费者报废旧车并购买新能源乘用车的，每辆补贴2万元。"
    assert quote.states


def test_weights_fitted_on_other_features_are_refused():
    data = shipped().to_json()
    data["features"] = data["features"][:-1]
    with pytest.raises(AssistantError, match="train-selector"):
        Selector.from_json(data)


def test_weights_of_other_features_are_carried_by_name_for_training(tmp_path):
    """train-selector asks its questions with the old weights after a feature is added: the new feature
    weighs nothing, every other one keeps its weight, so the scores are the old ones."""
    data = shipped().to_json()
    dropped = data["features"].index("slot_filled")
    old = {
        key: [v for n, v in enumerate(data[key]) if n != dropped]
        for key in ("features", "mean", "scale", "coef")
    }
    path = tmp_path / "selector.json"
    path.write_text(json.dumps({**data, **old}), encoding="utf-8")
    laid = carried(path)
    assert laid.features == FEATURES and laid.coef[dropped] == 0.0 and laid.scale[dropped] == 1.0
    question = "报废旧车买新能源车每辆补贴多少钱？"
    found, weights = candidates(_numbered(SUBSIDY), ask_of(question))
    rows = feature_rows(found, ask_of(question), weights, question)
    kept = np.delete(rows, dropped, axis=1)
    expected = ((kept - np.array(old["mean"])) / np.array(old["scale"])) @ np.array(old["coef"])
    length = rows[:, FEATURES.index("log_quote_length")] - np.log1p(laid.free_length)
    expected -= laid.length_penalty * np.maximum(length, 0.0)
    assert np.allclose(laid.scores(rows), expected + laid.intercept)


def test_a_selector_stands_in_and_choices_are_recorded():
    question = "汽车以旧换新政策由哪个部门解释？"
    ask = ask_of(question)
    # weights that only like long sentences choose the longest one, the subsidy sentence
    coef = np.zeros(len(FEATURES))
    coef[FEATURES.index("log_length")] = 1.0
    longest = Selector(FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), coef, 0.0)
    seen: list[Seen] = []
    with using(longest), recording(seen):
        quote = best_quote(_numbered(SUBSIDY), ask, question)
    assert quote.text.startswith("为进一步激发消费潜力")
    assert len(seen) == 1 and len(seen[0].candidates) == 3 and seen[0].rows.shape == (3, len(FEATURES))
    assert best_quote(_numbered(SUBSIDY), ask, question).text != quote.text  # the shipped one again


def test_features_mark_rank_colon_and_position():
    question = "Which number can I call?"
    ask = ask_of(question)
    found, weights = candidates(_numbered(HOTLINE, SUBSIDY), ask)
    rows = feature_rows(found, ask, weights, question)
    column = {name: rows[:, n] for n, name in enumerate(FEATURES)}
    assert column["rank_2"].tolist() == [0.0, 0.0, 0.0, 1.0, 1.0, 1.0]  # three sentences of [1], three of [2]
    assert column["colon_end"].tolist() == [0.0] * 6  # the colon is inside a sentence that goes on to "；"
    assert column["first"].tolist() == [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    assert column["score_ratio"].tolist() == [1.0, 1.0, 1.0, 0.5, 0.5, 0.5]


def test_a_sentence_ending_in_a_colon_takes_what_follows_it():
    # a hard rule, whatever the weights: "可拨打以下电话咨询：" is quoted with the numbers after it
    text = "如有问题，可拨打以下电话咨询：\n区商务局 0574-88451234。\n区市场监管局 0574-88455678。"
    question = "咨询电话是多少？"
    ask = ask_of(question)
    start = 0
    end = text.index("：") + 1
    quote, _ = quote_at(text, start, end, ask, term_weights(ask, [text]))
    assert quote.startswith("如有问题") and "0574-88451234" in quote


def test_a_question_in_the_text_takes_its_answer():
    # an FAQ's question (or a reporter's) is no answer: what follows it is
    text = (
        "4、疫情期间，医院可以向社会公开募集医疗物资吗?\n医院不具有公开募捐资格，不能向社会公开募捐医疗物资。"
    )
    ask = ask_of("医院可以向社会公开募集医疗物资吗？")
    end = text.index("?") + 1
    quote, _ = quote_at(text, 0, end, ask, term_weights(ask, [text]))
    assert quote.startswith("4、疫情期间") and quote.endswith("不能向社会公开募捐医疗物资。")


def test_the_addressees_of_a_notice_are_no_candidate():
    """The salutation line of a notice ends with a colon that introduces the whole notice: quoting what
    follows it would quote the preamble. Like the sign-off, it never answers."""
    from assistant.chat.reply_sentence import sentence_spans

    text = (
        "财办〔2020〕7号各省、自治区、直辖市、计划单列市财政厅（局），新疆生产建设兵团财政局：\n"
        "为贯彻落实党中央决策部署，现就有关事项通知如下：\n"
        "二、湖北省可免征各类参保单位三项社会保险单位缴费部分，免征期限不超过5个月。\n"
        "各地要做好以下工作：\n"
        "（一）加强组织领导。"
    )
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    assert not any(s.startswith("财办") for s in sentences)
    assert "各地要做好以下工作：" in sentences  # a colon sentence with work to do stays
    assert "二、湖北省可免征各类参保单位三项社会保险单位缴费部分，免征期限不超过5个月。" in sentences


def test_the_attachment_list_of_a_notice_is_no_candidate():
    from assistant.chat.reply_sentence import sentence_spans

    text = (
        "5.活动承诺函（附件3）；\n"
        "附件：附件1：2026年奉化区消费品以旧换新消费补贴参与企业申请表.docx\n"
        "附件3：2026年奉化区消费品以旧换新参与企业活动承诺函.docx奉化区商务局2025年12月25日\n"
        "3. 企业承诺书.docx\n"
        "请将申请表.docx填写后发送至指定邮箱。"
    )
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    assert not any(".docx" in s and not s.startswith("请将") for s in sentences)
    # the list of materials naming an attachment, and an instruction naming a file, stay
    assert "5.活动承诺函（附件3）；" in sentences and "请将申请表.docx填写后发送至指定邮箱。" in sentences


def test_a_question_asking_the_most_marks_the_sentence_with_a_cap_in_money():
    question = "江苏的农产品保供主体，贷款贴息一家最多贴多少？"
    text = (
        "对稳产保供主体，在规定贴息期内新发生的贷款给予不超过2%的贴息支持。"
        "单个主体贴息总额原则上不超过50万元。"
    )
    ask = ask_of(question)
    found, weights = candidates(_numbered(text), ask)
    rows = feature_rows(found, ask, weights, question)
    capped = {c.sentence: rows[n, FEATURES.index("cap_asked")] for n, c in enumerate(found)}
    assert capped == {
        "对稳产保供主体，在规定贴息期内新发生的贷款给予不超过2%的贴息支持。": 0.0,
        "单个主体贴息总额原则上不超过50万元。": 1.0,
    }


def test_a_when_question_marks_the_sentence_stating_a_day():
    question = "报名材料最晚什么时候发出？"
    text = "有意向参加2026年活动的企业，备齐全部申报材料。材料于2025年12月26日11:00前发送至指定电子邮箱。"
    ask = ask_of(question)
    found, weights = candidates(_numbered(text), ask)
    rows = feature_rows(found, ask, weights, question)
    marked = {c.sentence: rows[n, FEATURES.index("day_asked")] for n, c in enumerate(found)}
    assert marked == {
        "有意向参加2026年活动的企业，备齐全部申报材料。": 0.0,  # a year is no day
        "材料于2025年12月26日11:00前发送至指定电子邮箱。": 1.0,
    }


def test_an_overview_sentence_is_marked_and_words_beyond_the_title_are_counted():
    """A news report's lead repeats the title's words ('一线医务人员', '重庆') and announces the document;
    the sentence that answers holds the question's other words ('家庭困难') with the answer after them."""
    question = "重庆对一线医务人员的家庭困难是怎么解决的？"
    text = (
        "近日，重庆市印发相关通知，从解决家庭实际困难等十个方面加强对一线医务人员的关心关爱。"
        "解决其家庭实际困难，落实专人每周至少1次上门看望，帮助解决老人和小孩照护等问题。"
    )
    hit = Hit(Chunk("d#c001", "d", "d#c001", "", text, text, title="重庆关心关爱一线医务人员"), 1.0, 1)
    ask = ask_of(question)
    found, weights = candidates([(1, hit)], ask)
    rows = feature_rows(found, ask, weights, question)
    column = {
        name: dict(zip([c.sentence[:4] for c in found], rows[:, n], strict=True))
        for n, name in enumerate(FEATURES)
    }
    assert column["overview"] == {"近日，重": 1.0, "解决其家": 0.0}  # 近日, 印发, 十个方面
    assert column["offtitle_coverage"]["解决其家"] > 0 and column["offtitle_gap"]["解决其家"] == 0.0
    assert (
        column["after_match"]["解决其家"] > column["after_match"]["近日，重"]
    )  # the answer follows the match
    assert column["doc_lead"] == {"近日，重": 1.0, "解决其家": 1.0}  # the first part of the first clause
    assert column["doc_lead_first"] == {"近日，重": 1.0, "解决其家": 0.0}


def test_a_later_part_of_a_long_clause_is_no_lead():
    question = "补贴标准是多少？"
    text = "个人消费者报废旧车并购买新能源乘用车的，每辆补贴2万元。补贴标准按车价分档。"
    hit = Hit(Chunk("d#c003.2", "d", "d#c003", "", text, text), 1.0, 1)
    ask = ask_of(question)
    found, weights = candidates([(1, hit)], ask)
    rows = feature_rows(found, ask, weights, question)
    assert rows[:, FEATURES.index("doc_lead")].tolist() == [0.0] * len(found)
