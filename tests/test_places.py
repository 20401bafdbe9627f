"""Places: a document's place and level from who issued it; a question's places raise, never remove."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.documents.metadata import infer_metadata
from assistant.documents.places import PlaceTag, document_place, find_places, organ_place, place_affinity

SLICE = Path(__file__).resolve().parent / "data" / "ncpqa_slice_corpus.jsonl"


@pytest.mark.parametrize(
    "organ, expected",
    [
        ("陕西省人民政府办公厅", PlaceTag("", "陕西", "province")),
        ("晋城市人民政府", PlaceTag("晋城", "山西", "city")),
        ("山东省商务厅、山东省财政厅", PlaceTag("", "山东", "province")),
        ("北京市人民政府办公厅", PlaceTag("北京", "北京", "province")),  # a municipality is provincial
        ("泰州市海陵区行政审批局", PlaceTag("泰州", "江苏", "district")),
        ("东营经济技术开发区管委会", PlaceTag("东营", "山东", "district")),
        ("国家税务总局深圳市税务局", PlaceTag("深圳", "广东", "city")),  # a central organ's local branch
        ("工业和信息化部", PlaceTag("", "", "national")),
        ("国务院办公厅", PlaceTag("", "", "national")),
        ("中国红十字会总会工作组赴武汉指导工作", PlaceTag("", "", "national")),  # acts in 武汉, is central
        ("市商务局", PlaceTag("", "", "city")),  # a city's own department, place not named
        ("怀柔区城市管理委", PlaceTag("", "", "district")),
        ("市场监督管理局", PlaceTag()),  # 市场 is no 市
    ],
)
def test_organ_place_and_level(organ, expected):
    assert organ_place(organ) == expected


def test_the_issuer_decides_not_the_places_the_body_names():
    body = "为支持西安、宝鸡、咸阳等市中小企业发展，现提出如下措施。西安市要加快落实。"
    assert document_place("陕西省人民政府办公厅", "关于印发若干措施的通知", "", body) == PlaceTag(
        "", "陕西", "province"
    )
    # no issuer anywhere: the body is a weak fallback, taken only when one place dominates it
    assert document_place("", "关于做好复工复产的通知", "", "西安市要求……西安市各区……").city == "西安"
    assert (
        document_place("", "各部门强化复工复产", "", "北京、上海、广州、重庆各地纷纷出台措施。") == PlaceTag()
    )
    assert document_place("", "关于做好复工的通知", "国办发〔2020〕6号", "").level == "national"
    assert document_place("", "关于做好复工的通知", "鲁商字〔2025〕1号", "").province == "山东"


def _slice_document(title_start: str) -> dict[str, str]:
    for line in SLICE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["title"].startswith(title_start):
            return infer_metadata(record["text"], record["doc_id"], record["title"])
    raise AssertionError(f"no document titled {title_start}…")


def test_real_notices_of_each_kind():
    """Four real notices of early 2020 (ncpqa-dev), flattened to one line as published on the web."""
    ministry = _slice_document("教育部应对新型冠状病毒肺炎疫情工作领导小组办公室")
    assert (ministry["level"], ministry["city"], ministry["province"]) == ("national", "", "")
    province = _slice_document("陕西省人民政府办公厅关于印发")
    assert (province["level"], province["province"], province["city"]) == ("province", "陕西", "")
    assert province["issuer"] == "陕西省人民政府办公厅" and province["issue_date"] == "2020-02-16"
    city = _slice_document("绍兴市住房公积金管理中心")
    assert (city["level"], city["city"], city["doc_number"]) == ("city", "绍兴", "绍住金〔2020〕4号")
    news = _slice_document("各部门强化疫情防控助力企业复工复产")  # quotes many places, issued by none
    assert (news["city"], news["province"]) == ("", "")


def test_an_english_letterhead_is_no_part_of_the_title():
    text = (
        "Shandong Great Business Partner\n山东省商务厅\nDepartment of Commerce of Shandong Province\n"
        "山东省商务厅关于开展汽车以旧换新工作的通知\n鲁商字〔2025〕3号\n各市商务局：\n一、工作目标\n"
    )
    meta = infer_metadata(text, "x")
    assert meta["title"] == "山东省商务厅关于开展汽车以旧换新工作的通知"
    assert (meta["province"], meta["level"]) == ("山东", "province")


def places(text: str):
    return find_places(text)


def test_affinity_follows_the_hierarchy_and_keeps_national_documents():
    shaanxi, xian = places("陕西"), places("西安")
    assert place_affinity(shaanxi, PlaceTag("西安", "陕西", "city")) == 1.0  # 陕西 ⊃ 西安
    assert place_affinity(xian, PlaceTag("", "陕西", "province")) == 1.0  # 西安 ⊂ 陕西
    assert place_affinity(xian, PlaceTag("宝鸡", "陕西", "city")) == 0.0  # a sister city
    assert place_affinity(xian, PlaceTag("", "", "national")) == 0.5  # national documents hold everywhere
    assert place_affinity(places("北京"), PlaceTag("北京", "北京", "province")) == 1.0
    assert place_affinity(xian, PlaceTag()) == 0.0 and place_affinity([], PlaceTag("西安", "陕西")) == 0.0


def test_place_names_as_questions_and_tables_write_them():
    """One module answers every place-name question: aliases, the English name, the same place."""
    from assistant.documents.places import english_name, mentioned_places, place_aliases, same_place

    assert place_aliases("晋城") == (
        "Jincheng",
        "晋城市",
        "晋城",
    )  # longest first, so 晋城市 goes before 晋城
    assert english_name("苏州") == "Suzhou" and english_name("某市") == "某市"
    assert same_place("苏州市", "苏州") and same_place("新疆维吾尔自治区", "新疆")
    assert not same_place("苏州", "徐州") and not same_place("", "苏州")
    assert mentioned_places("晋城和苏州的新能源公交目标") == ("晋城", "苏州")


def test_a_place_followed_by_ji_names_peoples_origin_not_the_place_asked_about():
    from assistant.documents.places import mentioned_places

    assert [p.label for p in find_places("广东企业招用湖北籍员工有补贴吗？")] == ["广东"]
    assert mentioned_places("广东企业招用湖北籍员工有补贴吗？", ["广东", "湖北"]) == ("广东",)
    assert [p.label for p in find_places("湖北的企业招工有补贴吗？")] == ["湖北"]


def test_a_place_aid_goes_to_is_not_the_place_asked_about():
    from assistant.documents.places import mentioned_places, places_named

    question = "永达理保险经纪有限公司向湖北捐款多少钱？"
    assert places_named(question) == [] and mentioned_places(question, ["湖北"]) == ()
    assert [p.label for p in places_named("江苏驰援武汉的医疗队有多少人")] == ["江苏"]
    # a text's own places are still read: a document about aid to Hubei names Hubei
    assert [p.label for p in find_places("江苏向湖北捐赠物资")] == ["江苏", "湖北"]
