"""Target extraction on hand-written policy sentences, and the targets table (filters and formats)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from assistant.knowledge.target_table import (
    display_width,
    filter_targets,
    format_table,
    render,
    target_sector,
    to_csv,
    written_value,
)
from assistant.knowledge.targets import compact, extract_document_targets, extract_targets
from assistant.records import Clause, Document, Target

DOC = Document("doc-a", "某市推动设备更新实施方案", "", city="扬州", province="江苏")


def clause(
    text: str, path: tuple[str, ...] = ("二、重点任务", "3．推动设备更新"), doc_id: str = "doc-a"
) -> Clause:
    return Clause(doc_id, f"{doc_id}#c1", path, text, 1)


def targets_of(text: str, path: tuple[str, ...] = ("二、重点任务", "3．推动设备更新")) -> list[Target]:
    return extract_targets(clause(text, path), DOC)


def values(text: str) -> list[str]:
    return [t.value for t in targets_of(text)]


def test_value_unit_qualifier_and_years_as_written() -> None:
    (target,) = targets_of("力争到 2027年，全市各领域设备投资规模较 2023年增长 30%左右。")
    assert (target.value, target.unit, target.qualifier) == ("30%", "%", "左右")
    assert (target.deadline_year, target.baseline_year) == ("2027", "2023")
    assert target.indicator.endswith("设备投资规模")
    assert target.city == "扬州" and target.section == "二、重点任务 › 3．推动设备更新"
    assert target.sentence == "力争到2027年，全市各领域设备投资规模较2023年增长30%左右"


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("到2027年，完成老旧供热管网改造约 1200公里。", "1200公里", "公里", "约"),
        ("到2026年，更新替代老旧锅炉50台（套）以上。", "50台（套）", "台（套）", "以上"),
        ("到2027年累计更新教学设备 2万台（套）。", "2万台（套）", "万台（套）", ""),
        ("到2027年，绿色工厂不少于 120家。", "120家", "家", "不少于"),
        ("到2027年新能源车桩比达到 2.1:1。", "2.1:1", "", ""),
        ("到2027年，累计完成改造煤电机组 12台650万千瓦以上。", "12台650万千瓦", "台+万千瓦", "以上"),
        ("对牵头单位补助资金不超过 10 万元。", "10万元", "万元", "不超过"),
        ("每辆车补贴1万元，最高不超过2万元。", "2万元", "万元", "最高不超过"),
        ("到2025年，培育30余家示范企业。", "30余家", "家", "余"),
        ("清洁能源消费占比提高3个百分点。", "3个百分点", "个百分点", ""),
        ("再生资源回收中心超 5个以上。", "5个", "个", "超…以上"),
    ],
)
def test_figures_in_many_wordings(text: str, value: str, unit: str, qualifier: str) -> None:
    found = [t for t in targets_of(text) if t.value == value]
    assert len(found) == 1, targets_of(text)
    assert (found[0].unit, found[0].qualifier) == (unit, qualifier)


def test_multiples_with_a_baseline() -> None:
    (target,) = targets_of("到2027年，报废汽车回收量较2023年增加约一倍。")
    assert (target.value, target.unit, target.qualifier, target.baseline_year) == ("一倍", "倍", "约", "2023")
    assert target.indicator == "报废汽车回收量"
    (doubled,) = targets_of("到2030年，规上企业数量比2020年翻一番。")
    assert (doubled.value, doubled.baseline_year, doubled.deadline_year) == ("翻一番", "2020", "2030")


def test_a_fenbie_list_pairs_each_figure_with_its_indicator() -> None:
    found = targets_of("到2027年，数字化研发设计工具普及率、重点企业关键工序数控化率分别超过 95%、80%。")
    assert [(t.indicator, t.value, t.qualifier) for t in found] == [
        ("数字化研发设计工具普及率", "95%", "超过"),
        ("重点企业关键工序数控化率", "80%", "超过"),
    ]


def test_list_of_counts_takes_the_noun_after_each() -> None:
    found = targets_of("到2027年，新建 40家绿色工厂，15家绿色供应链管理企业和 8家（近）零碳工厂。")
    assert [(t.value, t.indicator) for t in found] == [
        ("40家", "绿色工厂"),
        ("15家", "绿色供应链管理企业"),
        ("8家", "（近）零碳工厂"),
    ]
    listed = targets_of("更新提升 9个断面监测水站、12个噪声监测站点、环境监测设备 30台（套）。")
    assert [t.indicator for t in listed] == ["断面监测水站", "噪声监测站点", "环境监测设备"]


@pytest.mark.parametrize(
    "text",
    [
        "力争 2025年底基本淘汰国Ⅲ及以下排放标准柴油货车。",  # a year and a grade
        "依托“2024消费促进年”活动平台开展促销。",  # a year inside a name
        "探索建设基于 5G网络的教育监管体系。",  # a figure inside a name
        "推动使用 15年以上的老旧住宅电梯安全评估。",  # a condition (duration)
        "对功率在100千瓦以上的燃煤锅炉予以淘汰。",  # a condition naming which objects
        "支持企业参与以旧换新方面 294 项国家标准的制修订。",  # the size of a set named elsewhere
        "工作专班下设 15 个工作小组，分别对应 15 项工作任务。",  # the plan's own organisation
        "到2027年培育一批再制造领军企业，实现数字化改造全覆盖。",  # vague amounts
        "12．推动交通设施设备更新。",  # clause numbering
        "晋市政发〔2024〕12 号，2024 年 5 月 22 日印发。",  # document number and date
        "重点针对中国能效标识为 1级和 2级的节电产品。",  # grades
    ],
)
def test_what_is_not_a_target(text: str) -> None:
    assert targets_of(text) == []


def test_deadline_is_the_nearest_before_and_carries_to_later_sentences_but_not_to_yearly_ones() -> None:
    text = "到2025年，改造老旧小区200个；到2027年，新改建供水管网 800公里。累计淘汰落后产能 36.5万千瓦。每年实施项目100个以上。"
    years = [(t.value, t.deadline_year) for t in targets_of(text)]
    assert years == [("200个", "2025"), ("800公里", "2027"), ("36.5万千瓦", "2027"), ("100个", "")]
    assert targets_of("每年组织实施 1000个以上技术改造项目。")[0].deadline_year == ""


def test_sentence_is_split_at_semicolons() -> None:
    found = targets_of("到2027年更新替代 100台（套）以上老旧化工装置；粉尘企业除尘设施更新改造 31家。")
    assert [t.sentence for t in found] == [
        "到2027年更新替代100台（套）以上老旧化工装置",
        "粉尘企业除尘设施更新改造31家",
    ]
    assert [t.deadline_year for t in found] == ["2027", "2027"]


def test_compact_keeps_spaces_between_ascii_words_only() -> None:
    assert (
        compact("约 1400公里，推动 LNG 动力船舶 and clean ships")
        == "约1400公里，推动LNG动力船舶and clean ships"
    )


def test_document_targets_keep_only_that_document() -> None:
    clauses = [clause("到2027年建成回收网点 500个。"), clause("到2027年建成回收网点 300个。", doc_id="doc-b")]
    assert [t.value for t in extract_document_targets(clauses, DOC)] == ["500个"]


# The targets table


def sample_targets() -> list[Target]:
    farming = ("二、设备更新", "（五）推动农业农村装备设备更新", "13．推动农机设备更新")
    transport = ("二、设备更新", "（四）推动交通运输设备更新", "11．推动运输工具设备更新")
    suzhou = Document("sz", "苏州方案", "", city="苏州")
    jincheng = Document("jc", "晋城方案", "", city="晋城")
    return [
        *extract_targets(Clause("sz", "sz#1", farming, "到2027年报废更新农机 3000台（套）。", 1), suzhou),
        *extract_targets(
            Clause("sz", "sz#2", transport, "到2027年新能源城市公交车辆占比达到 85%。", 2), suzhou
        ),
        *extract_targets(
            Clause("jc", "jc#1", ("一、工作目标",), "到2027年，二手车交易量较2023年增长45%。", 1), jincheng
        ),
        *extract_targets(
            Clause("jc", "jc#2", ("（十四）标准",), "对主要参与单位补助资金不超过 20 万元。", 2), jincheng
        ),
    ]


def test_filters_by_city_year_and_sector() -> None:
    targets = sample_targets()
    assert [t.value for t in filter_targets(targets, city="苏州市")] == ["3000台（套）", "85%"]
    assert [t.value for t in filter_targets(targets, year=2027, city="晋城")] == ["45%"]
    assert [t.value for t in filter_targets(targets, sector="交通")] == ["85%"]
    assert [t.value for t in filter_targets(targets, sector="我们是做农机的")] == ["3000台（套）"]
    assert [t.value for t in filter_targets(targets, sector="二手车经销商")] == ["45%"]


def test_an_overall_goal_is_placed_by_its_indicator() -> None:
    goal = sample_targets()[2]
    assert target_sector(goal) == "二手"


def test_csv_and_json_lines_carry_every_field_and_the_sector() -> None:
    targets = sample_targets()
    rows = list(csv.DictReader(io.StringIO(to_csv(targets))))
    assert [row["value"] for row in rows] == [t.value for t in targets]
    assert rows[0]["sector"] == "农业" and rows[0]["unit"] == "台（套）"
    row = json.loads(render(targets, "json").splitlines()[3])
    assert set(Target.__dataclass_fields__) < set(row)
    assert (row["value"], row["qualifier"], row["city"], row["sector"]) == (
        "20万元",
        "不超过",
        "晋城",
        "标准",
    )


def test_text_table_aligns_chinese_columns() -> None:
    table = format_table(sample_targets())
    lines = table.splitlines()
    assert lines[0].split() == ["城市", "领域", "指标", "目标值", "期限", "基期", "牵头单位", "条款"]
    assert "13．推动农机设备更新" in lines[2]  # the most specific heading is shown
    value_column = display_width(lines[0][: lines[0].index("目标值")])
    for line in lines[2:]:
        cell = next(written_value(t) for t in sample_targets() if written_value(t) in line)
        assert display_width(line[: line.index(cell)]) == value_column


def test_unknown_output_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown output format"):
        render(sample_targets(), "xml")


def test_an_overall_goal_listing_many_areas_stays_overall():
    from assistant.knowledge.target_table import target_sector

    goal = Target(
        "d",
        "d#c1",
        "一、工作目标",
        "某市",
        "工业、农业、建筑、交通等领域设备投资规模",
        "25%",
        "%",
        "以上",
        "2027",
        "2023",
        "",
    )
    car = Target(
        "d", "d#c1", "一、工作目标", "某市", "报废汽车回收量", "一倍", "倍", "约", "2027", "2023", ""
    )
    assert target_sector(goal) == "总体目标"
    assert target_sector(car) in ("汽车", "回收")
