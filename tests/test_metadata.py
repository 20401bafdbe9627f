"""Inferring title, document number, date, issuer and place; finding places named in text."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from assistant.documents.metadata import infer_metadata
from assistant.documents.places import PLACES_FILE, find_places, load_places
from assistant.documents.readers import read_document_text

TESTS = Path(__file__).resolve().parent
DOCS = TESTS / "data" / "docs"
CORPUS = TESTS.parent / "corpus"


def meta_of(path: Path) -> dict[str, str]:
    return infer_metadata(read_document_text(path), path.stem)


# ---- the seed documents and the fixtures ---------------------------------------------------------


def test_suzhou_seed():
    assert meta_of(CORPUS / "000_7cae1846ca584cdb.txt") == {
        "title": "苏州市推动大规模设备更新和消费品以旧换新实施方案",
        "doc_number": "",  # the extracted text carries no number, date or signature
        "issue_date": "",
        "issuer": "",
        "city": "苏州",
        "province": "江苏",
        "level": "city",
    }


def test_jincheng_seed():
    # Number "晋市政发〔2024〕12 号" loses its space; the title is the plan the 印发 notice wraps,
    # joined from two PDF lines; the date is the one under the signature, not a target year.
    assert meta_of(CORPUS / "004_5a083e21a000c248.txt") == {
        "title": "晋城市推动大规模设备更新和消费品以旧换新实施方案",
        "doc_number": "晋市政发〔2024〕12号",
        "issue_date": "2024-05-22",
        "issuer": "晋城市人民政府",
        "city": "晋城",
        "province": "山西",
        "level": "city",
    }


FIXTURES = {
    "wuhu_fangan_utf8.txt": {
        "title": "芜湖市推动大规模设备更新和消费品以旧换新实施方案",
        "doc_number": "芜政〔2024〕18号",
        "issue_date": "2024-06-12",
        "issuer": "芜湖市人民政府",
        "city": "芜湖",
        "province": "安徽",
        "level": "city",
    },
    "shandong_xize_gbk.txt": {
        "title": "山东省汽车以旧换新补贴实施细则",
        "doc_number": "鲁商字〔2025〕1号",
        "issue_date": "2025-01-10",
        "issuer": "山东省商务厅、山东省财政厅",
        "city": "",
        "province": "山东",
        "level": "province",
    },
    "suqian_gonggao_utf16le_bom.txt": {
        "title": "宿迁市商务局 宿迁市财政局关于开展2025年宿迁市家电以旧换新补贴活动的公告",
        "doc_number": "",
        "issue_date": "2025-01-18",
        "issuer": "宿迁市商务局、宿迁市财政局",
        "city": "宿迁",
        "province": "江苏",
        "level": "city",
    },
    "changzhou_cuoshi_utf8_bom.md": {
        "title": "常州市加快推进汽车和家电以旧换新若干措施",
        "doc_number": "常政办发〔2024〕45号",  # typed as "常政办发[2024]45 号"
        "issue_date": "2024-07-03",
        "issuer": "常州市人民政府办公室",
        "city": "常州",
        "province": "江苏",
        "level": "city",
    },
    "zhuzhou_fangan.docx": {
        "title": "株洲市推动消费品以旧换新工作方案",
        "doc_number": "株政办发〔2024〕7号",
        "issue_date": "2024-08-15",  # 二〇二四年八月十五日
        "issuer": "株洲市人民政府办公室",
        "city": "株洲",
        "province": "湖南",
        "level": "city",
    },
    "zibo_fangan.pdf": {
        "title": "淄博市推动大规模设备更新和消费品以旧换新实施方案",
        "doc_number": "淄政办字〔2024〕21号",
        "issue_date": "2024-09-02",
        "issuer": "淄博市人民政府办公室",
        "city": "淄博",
        "province": "山东",
        "level": "city",
    },
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_documents(name):
    assert meta_of(DOCS / name) == FIXTURES[name]


# ---- document numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        ("晋市政发〔2024〕12号", "晋市政发〔2024〕12号"),
        ("晋市政发〔2024〕12 号", "晋市政发〔2024〕12号"),
        ("鲁商字[2025]1号", "鲁商字〔2025〕1号"),
        ("苏府（2024）55号", "苏府〔2024〕55号"),
        ("苏府(2024)55号", "苏府〔2024〕55号"),
        ("苏府【2024】55号", "苏府〔2024〕55号"),
        ("苏府 〔 2024 〕 55 号", "苏府〔2024〕55号"),
        ("苏府〔2024〕第55号", "苏府〔2024〕55号"),
        ("文号：苏府〔2024〕55号", "苏府〔2024〕55号"),
        ("鲁商字〔2025〕1号        签发人：王某某", "鲁商字〔2025〕1号"),
    ],
)
def test_doc_number_forms(line, expected):
    text = f"某某市人民政府文件\n{line}\n\n关于做好汽车以旧换新工作的通知\n\n各县区：\n一、总体要求\n"
    assert infer_metadata(text, "x")["doc_number"] == expected


def test_doc_number_cited_in_the_body_is_not_the_documents_own():
    text = (
        "苏州市推动消费品以旧换新实施方案\n\n"
        "为贯彻落实《国务院关于印发推动大规模设备更新和消费品以旧换新行动方案的通知》"
        "（国发〔2024〕7号）精神，制定本方案。\n一、总体要求\n"
    )
    assert infer_metadata(text, "x")["doc_number"] == ""


# ---- dates and issuers ---------------------------------------------------------------------------

BODY = "某市推动汽车以旧换新实施方案\n\n一、工作目标\n到2027年12月31日，新能源汽车占比达到50%。\n2026年1月1日起施行新标准。\n"


@pytest.mark.parametrize(
    "signature, date, issuer",
    [
        ("苏州市人民政府\n2024年4月30日", "2024-04-30", "苏州市人民政府"),
        ("苏州市人民政府\n\n2024 年 4 月 30 日\n（此件公开发布）", "2024-04-30", "苏州市人民政府"),
        ("苏州市人民政府    2024年4月30日", "2024-04-30", "苏州市人民政府"),
        ("苏州市商务局 苏州市财政局\n二〇二四年四月三十日", "2024-04-30", "苏州市商务局、苏州市财政局"),
        ("2024年4月30日", "2024-04-30", ""),  # a date alone, no signature above it
        ("抄送：市委各部门。\n苏州市人民政府办公室 2024年5月6日印发", "2024-05-06", ""),
        ("", "", ""),
    ],
)
def test_issue_date_and_issuer_from_the_signature(signature, date, issuer):
    meta = infer_metadata(BODY + "\n" + signature + "\n", "x")
    assert (meta["issue_date"], meta["issuer"]) == (date, issuer)


def test_signature_date_wins_over_the_print_date():
    text = BODY + "晋城市人民政府\n2024年5月22日\n晋城市人民政府办公室 2024年5月23日印发\n"
    assert infer_metadata(text, "x")["issue_date"] == "2024-05-22"


def test_impossible_date_is_ignored():
    assert infer_metadata(BODY + "某市人民政府\n2024年2月30日\n", "x")["issue_date"] == ""


def test_issuer_from_letterhead_and_from_title():
    letterhead = (
        "潍坊市人民政府文件\n潍政发〔2024〕3号\n关于做好汽车以旧换新工作的通知\n各县市区：\n一、总体要求\n"
    )
    assert infer_metadata(letterhead, "x")["issuer"] == "潍坊市人民政府"
    title = "潍坊市商务局关于做好汽车以旧换新工作的通知\n\n各县市区商务局：\n一、总体要求\n"
    assert infer_metadata(title, "x")["issuer"] == "潍坊市商务局"


# ---- titles --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, title",
    [
        (
            "苏州市推动大规模设备更新\n\n和消费品以旧换新实施方案\n\n为深入贯彻…，制定本方案。\n",
            "苏州市推动大规模设备更新和消费品以旧换新实施方案",
        ),
        ("关于印发《南通市汽车以旧换新补贴办法（试行）》的通知\n", "南通市汽车以旧换新补贴办法（试行）"),
        (
            "南通市人民政府关于做好汽车以旧换新工作的通知\n各县区：\n",
            "南通市人民政府关于做好汽车以旧换新工作的通知",
        ),
        ("关于印发《A市方案》《B市细则》的通知\n", "关于印发《A市方案》《B市细则》的通知"),
        ("附件\n\n南通市家电以旧换新实施细则\n\n第一章 总则\n", "南通市家电以旧换新实施细则"),
        ("## 南通市促进消费若干措施\n\n一、总体要求\n", "南通市促进消费若干措施"),
        ("标题：南通市促进消费若干政策\n索引号：0001\n", "南通市促进消费若干政策"),
        ("为促进消费，现就有关事项说明如下。\n一、总体要求\n", "nantong_note"),
    ],
)
def test_title(text, title):
    assert infer_metadata(text, "nantong_note")["title"] == title


def test_title_falls_back_to_the_file_stem_for_empty_text():
    assert infer_metadata("", "my_plan")["title"] == "my_plan"


# ---- city and province ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, city, province",
    [
        ("苏州市推动消费品以旧换新实施方案\n", "苏州", "江苏"),
        ("山东省商务厅关于开展汽车以旧换新的通知\n", "", "山东"),
        ("江苏省推动大规模设备更新实施方案\n", "", "江苏"),
        ("北京市推动消费品以旧换新实施方案\n", "北京", "北京"),
        ("江苏省苏州市家电以旧换新补贴细则\n", "苏州", "江苏"),
        ("延边州汽车以旧换新补贴办法\n", "延边", "吉林"),
        ("关于做好汽车以旧换新工作的通知\n", "", ""),
    ],
)
def test_place_from_title(text, city, province):
    meta = infer_metadata(text, "x")
    assert (meta["city"], meta["province"]) == (city, province)


def test_issuer_names_the_place_before_a_title_about_elsewhere():
    text = "学习借鉴苏州经验推进以旧换新工作方案\n一、总体要求\n晋城市人民政府\n2024年5月22日\n"
    meta = infer_metadata(text, "x")
    assert (meta["city"], meta["province"]) == ("晋城", "山西")


def test_place_from_an_english_file_stem():
    meta = infer_metadata("关于做好汽车以旧换新工作的通知\n", "suzhou_notice")
    assert (meta["city"], meta["province"]) == ("苏州", "江苏")


# ---- the gazetteer -------------------------------------------------------------------------------


def test_gazetteer_counts():
    places = load_places()
    provincial = [p for p in places if p.is_province]
    prefectures = [p for p in places if not p.is_province]
    assert len(provincial) == 34 and len(prefectures) == 333
    per_province = Counter(p.province for p in prefectures)
    # 2024 administrative divisions: 江苏 13 prefecture-level cities, 广东 21, 山西 11, 四川 18 + 3 州, 新疆 14.
    assert (per_province["江苏"], per_province["广东"], per_province["山西"]) == (13, 21, 11)
    assert (per_province["四川"], per_province["新疆"], per_province["海南"]) == (21, 14, 4)
    assert set(per_province) <= {p.short for p in provincial}


def test_gazetteer_names_are_unique_and_complete():
    data = json.loads(PLACES_FILE.read_text(encoding="utf-8"))
    entries = data["provinces"] + data["cities"]
    names = [e["name"] for e in entries] + [e["short"] for e in entries if e["short"]]
    names += [alias for e in entries for alias in e["aliases"]]
    assert len(names) == len(set(names))
    assert all(e["en"] for e in entries)
    suzhou = next(p for p in load_places() if p.name == "苏州市")
    assert (suzhou.short, suzhou.province, suzhou.en, suzhou.label, suzhou.city) == (
        "苏州",
        "江苏",
        ("Suzhou",),
        "苏州",
        "苏州",
    )


def names(text: str) -> list[str]:
    return [p.name for p in find_places(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("苏州的新能源公交占比和晋城的比较", ["苏州市", "晋城市"]),
        ("Compare Suzhou's target with JINCHENG and jincheng", ["苏州市", "晋城市"]),
        ("马鞍山市的补贴", ["马鞍山市"]),  # not 鞍山
        ("河南平顶山", ["河南省", "平顶山市"]),
        ("苏州工业园区", ["苏州市"]),
        ("吉林省的政策", ["吉林省"]),
        ("吉林省吉林市", ["吉林省", "吉林市"]),
        ("Jilin City and Jilin", ["吉林市", "吉林省"]),
        ("海南的补贴", ["海南省"]),
        ("确保社会长治久安", []),
        ("铺设大理石地面", []),
        ("Xi'an, Xian and Lu'an", ["西安市", "六安市"]),
        ("Taizhou", ["泰州市", "台州市"]),  # the same pinyin for two cities
        ("Suzhou, Anhui", ["宿州市"]),
        ("Inner Mongolia and Hong Kong", ["内蒙古自治区", "香港特别行政区"]),
        ("Suzhoustraße or Nanjingese", []),  # English names only at word boundaries
        ("", []),
    ],
)
def test_find_places(text, expected):
    assert names(text) == expected


def test_web_page_copy_with_labelled_fields():
    text = (
        "索引号：014000319/2024-00123    主题分类：商贸流通\n"
        "发文机关：苏州市人民政府    成文日期：2024年04月30日\n"
        "标    题：苏州市推动消费品以旧换新实施方案\n"
        "发文字号：苏府〔2024〕55号    发布日期：2024-05-06\n\n"
        "苏州市推动消费品以旧换新实施方案\n\n为扩大消费，制定本方案。\n一、总体要求\n"
    )
    assert infer_metadata(text, "x") == {
        "title": "苏州市推动消费品以旧换新实施方案",
        "doc_number": "苏府〔2024〕55号",
        "issue_date": "2024-04-30",
        "issuer": "苏州市人民政府",
        "city": "苏州",
        "province": "江苏",
        "level": "city",
    }
    only_published = text.replace("成文日期：2024年04月30日", "")
    assert infer_metadata(only_published, "x")["issue_date"] == "2024-05-06"


def test_letter_spaced_red_header():
    text = "晋 城 市 人 民 政 府 文 件\n晋市政发〔2024〕12 号\n关 于 做 好 汽 车 以 旧 换 新 工 作 的 通 知\n各县区：\n一、总体要求\n"
    meta = infer_metadata(text, "x")
    assert meta["title"] == "关于做好汽车以旧换新工作的通知"
    assert (meta["issuer"], meta["city"], meta["province"]) == ("晋城市人民政府", "晋城", "山西")


def test_national_document_has_no_place():
    text = (
        "国务院关于印发《推动大规模设备更新和消费品以旧换新行动方案》的通知\n国发〔2024〕7号\n"
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
        "现将《推动大规模设备更新和消费品以旧换新行动方案》印发给你们，请认真贯彻执行。\n"
        "国务院\n2024年3月7日\n（本文有删减）\n"
        "推动大规模设备更新和消费品以旧换新行动方案\n为加快构建新发展格局，制定本行动方案。\n一、总体要求\n"
    )
    assert infer_metadata(text, "x") == {
        "title": "推动大规模设备更新和消费品以旧换新行动方案",
        "doc_number": "国发〔2024〕7号",
        "issue_date": "2024-03-07",
        "issuer": "国务院",
        "city": "",
        "province": "",
        "level": "national",
    }


def test_the_plans_own_title_is_preferred_to_the_name_in_the_notice():
    text = (
        "芜湖市人民政府\n关于印发推动消费品以旧换新实施方案的通知\n各县区：\n现印发给你们，请认真贯彻执行。\n"
        "芜湖市人民政府\n2024年6月12日\n芜湖市推动消费品\n以旧换新实施方案\n一、总体目标\n"
    )
    assert infer_metadata(text, "x")["title"] == "芜湖市推动消费品以旧换新实施方案"


def test_dates_in_an_annex_table_are_not_a_signature():
    text = (
        "苏州市推动消费品以旧换新实施方案\n一、总体要求\n到2027年，新能源汽车占比达到50%。\n"
        "附件\n任务分工表\n1\n开展汽车以旧换新\n市商务局\n2025年6月30日\n"
    )
    meta = infer_metadata(text, "x")
    assert (meta["issue_date"], meta["issuer"]) == ("", "")
