"""Measure records from a notice worded as 2025 subsidy 细则 are worded (written here: it tests the rules)."""

from __future__ import annotations

from assistant.documents.structure import parse_clauses
from assistant.knowledge.measures import extract_document_measures, measure_texts
from assistant.records import Document, Measure

TEXT = """关于开展2026年家电以旧换新第二轮补贴活动的通知（第二轮）
一、补贴对象
在本市购买家电产品的个人消费者（行政事业单位除外）。
二、补贴标准
对购买一级能效空调的，按售价15%给予补贴，每台最高不超过2000元，每人每类限购1件。
三、活动时间
活动时间：2026年3月1日至2026年6月30日。消费券领取后7日内有效，先到先得，用完即止。
四、申请方式
消费者通过“苏周到”APP申领补贴。
五、咨询电话
如有问题可拨打：0512-12345678。本细则由市商务局负责解释。
"""


def measures() -> list[Measure]:
    document = Document(
        doc_id="bing", title="家电以旧换新第二轮补贴活动", text=TEXT, city="苏州", province="江苏"
    )
    return extract_document_measures(parse_clauses("bing", TEXT), document)


def test_a_share_with_its_cap_limit_window_how_and_contact() -> None:
    aircon = next(m for m in measures() if "一级能效空调" in m.text)
    assert (aircon.instrument, aircon.who, aircon.kind, aircon.value) == ("补贴", "个人", "share", 15.0)
    assert (aircon.cap, aircon.cap_value, aircon.limit) == ("最高不超过2000元", 2000.0, "每类限购1件")
    assert (aircon.start, aircon.end) == ("2026-03-01", "2026-06-30")
    assert "苏周到" in aircon.how and "0512-12345678" in aircon.contact
    assert aircon.round == "第二轮" and any("一级能效" in c for c in aircon.conditions)


def test_every_field_keeps_the_span_it_came_from() -> None:
    aircon = next(m for m in measures() if "一级能效空调" in m.text)
    spans = {name: (where, start, end) for name, where, start, end in aircon.spans}
    assert aircon.text[spans["cap"][1] : spans["cap"][2]] == aircon.cap
    assert aircon.text[spans["instrument"][1] : spans["instrument"][2]] == "补贴"
    assert spans["how"][0] == "document" and spans["contact"][0] == "document"


def test_a_record_survives_its_json_form() -> None:
    for measure in measures():
        assert Measure.from_json(measure.to_json()) == measure


def test_the_standard_belongs_to_the_measure_before_it_and_bands_stay_together() -> None:
    text = (
        "在疫情防控期间给予一次性就业创业服务补助。补助标准为:推荐成功上岗人数为50人（含）以上的，补助2.4万元；"
        "100人（含）以上的，补助4.5万元；200人（含）以上的，补助9万元。"
    )
    assert len(measure_texts(text)) == 1
    assert measure_texts("严禁骗取补贴资金。补助资金由地方先行垫付，中央财政与地方据实结算。") == []
