"""The Measures tab's finder form without a browser: the question its fields compose, and that it gets the
chat's own list of measures (with the case line when a price is given), cited."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.web.finder_view import FormError, find_measures, finder_html, finder_question
from assistant.web.session import ask
from tests.web_fakes import FakeRetriever

BANDED = (
    "对个人消费者购买新能源乘用车的，按车价分档补贴：售价15万元（含）至20万元（不含）的，每辆补贴5000元；"
    "售价20万元（含）以上的，每辆补贴8000元。"
)


def test_the_fields_compose_the_profile_question_the_chat_would_be_asked() -> None:
    assert (
        finder_question("企业", "制造", "苏州", "更新", "生产设备", "180000", "7月")
        == "我们是苏州的一家制造企业，想更新生产设备，价格18万元，7月更新，有什么补贴或支持？"
    )
    assert (
        finder_question("企业", "医院", "", "购买", "医疗设备")
        == "我们是一家医院，想购买医疗设备，有什么补贴或支持？"
    )
    assert (
        finder_question("个人", "制造", "晋城", "报废", "旧货车", "3500", "2026-07-15")
        == "我是晋城市民，想报废旧货车，价格3500元，2026年7月15日报废，有什么补贴或支持？"
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (("企业", "制造", "", "购买", "  ", "", ""), "请填写对象"),
        (("个人", "", "", "购买", "冰箱", "-5", ""), "价格须为正数"),
        (("个人", "", "", "购买", "冰箱", "很贵", ""), "价格须为正数"),
        (("个人", "", "", "购买", "冰箱", "", "2026-13-01"), "日期请写成"),
    ],
)
def test_a_field_it_cannot_use_gets_one_line(fields, message) -> None:
    with pytest.raises(FormError, match=message):
        finder_question(*fields)
    assert message in finder_html(FakeRetriever.build(), *fields)


def test_the_form_gets_the_chat_s_list_with_its_cited_clause() -> None:
    retriever = FakeRetriever.build()
    question = finder_question("企业", "公交", "晋城", "更新", "老旧新能源公交车")
    found = find_measures(retriever, question, "晋城")
    assert found.answer.reply == ask(retriever, question, cities=("晋城",)).answer.reply
    assert found.answer.reply.startswith("市交通局：") and found.answer.reply.endswith("[1]")
    assert [hit.chunk.clause_id for hit in found.answer.hits] == ["jc-3-1"]
    page = finder_html(retriever, "企业", "公交", "晋城", "更新", "老旧新能源公交车")
    assert question in page and '<sup class="pa-ref">[1]</sup>' in page and "pa-card" in page
    assert "支持老旧新能源公交车和动力电池更新换代" in page


def test_a_price_adds_the_computed_band_before_the_list() -> None:
    retriever = FakeRetriever.build()
    car = next(i for i, c in enumerate(retriever.chunks) if c.clause_id == "sz-18")
    retriever.chunks[car] = replace(retriever.chunks[car], text=BANDED, embed_text=BANDED)
    question = finder_question("个人", "", "苏州", "购买", "新能源乘用车", "180000")
    lines = find_measures(retriever, question, "苏州").answer.reply.splitlines()
    assert lines[0] == "18万元在15万元（含）至20万元（不含）档：每辆补贴5000元[1]"
    assert lines[-1].startswith("市商务局：对个人消费者购买新能源乘用车的") and lines[-1].endswith("[1]")
    without = find_measures(retriever, finder_question("个人", "", "苏州", "购买", "新能源乘用车"), "苏州")
    assert without.answer.reply == lines[-1]
