from __future__ import annotations

from assistant.documents.cleaning import clean_text
from assistant.documents.structure import heading_title, parse_clauses

PLAN = """某市推动设备更新实施方案
为贯彻落实国家部署，制定本方案。
一、工作目标
到2027年，设备投资规模较2023年增长25%以上。
二、工作任务
（一）推动工业设备更新升级
1.加快重点行业设备更新。推动化工老旧装置安全改造。
2.推动节能降碳改造。聚焦钢铁、焦化等重点行业。
（牵头单位：市工信局、市能源局；配合单位：市数据局）
（二）开展汽车以旧换新
鼓励个人消费者报废汽车并购买新车，可享受财政资金补贴。（牵头单位：市商务局，配合单位：市财政局）
三、保障措施
（一）加强组织领导。建立工作专班。（市发改委牵头负责，各有关部门按职责分工负责）
"""

XIZE = """某省汽车以旧换新补贴实施细则
第一章 总则
第一条 为规范汽车以旧换新补贴资金管理，制定本细则。
第二条 本细则适用于本省行政区域内的个人消费者。
第二章 补贴标准
第三条 报废旧车并购买新能源乘用车的，补贴2万元；购买燃油乘用车的，补贴1.5万元。
（1）旧车须在申请人名下登记1年以上；
（2）新车须在本省登记。
"""


def test_plan_hierarchy_and_paths():
    clauses = parse_clauses("plan", clean_text(PLAN))
    sections = [c.section for c in clauses]
    assert sections[0] == "前言"
    assert "一、工作目标" in sections
    assert "二、工作任务 › （一）推动工业设备更新升级 › 1.加快重点行业设备更新" in sections
    assert "二、工作任务 › （二）开展汽车以旧换新" in sections
    assert "三、保障措施 › （一）加强组织领导" in sections
    # a heading with nothing under it but sub-items is not a clause of its own
    assert "二、工作任务" not in sections


def test_section_note_applies_to_every_item():
    clauses = {c.section.split(" › ")[-1]: c for c in parse_clauses("plan", clean_text(PLAN))}
    first = clauses["1.加快重点行业设备更新"]
    second = clauses["2.推动节能降碳改造"]
    assert first.lead == second.lead == ("市工信局", "市能源局")
    assert first.support == ("市数据局",)
    assert first.text.endswith("（牵头单位：市工信局、市能源局；配合单位：市数据局）")
    car = clauses["（二）开展汽车以旧换新"]
    assert car.lead == ("市商务局",) and car.support == ("市财政局",)
    org = clauses["（一）加强组织领导"]
    assert org.lead == ("市发改委",) and org.support == ("各有关部门",)


def test_articles_under_chapters():
    clauses = parse_clauses("xize", clean_text(XIZE))
    sections = [c.section for c in clauses]
    assert "第一章 总则 › 第一条 为规范汽车以旧换新补贴资金管理，制定本细则" in sections
    third = next(c for c in clauses if "第三条" in c.section)
    assert third.path[0] == "第二章 补贴标准"
    assert "1.5万元" in third.text
    # （1）（2） items nest under 第三条
    items = [c for c in clauses if c.path[-1].startswith("（1）")]
    assert items and items[0].path[-2].startswith("第三条")


def test_clause_ids_are_unique_and_ordered():
    clauses = parse_clauses("plan", clean_text(PLAN))
    assert len({c.clause_id for c in clauses}) == len(clauses)
    assert [c.order for c in clauses] == list(range(len(clauses)))


def test_heading_title_stops_at_first_full_stop():
    assert heading_title("18．开展汽车以旧换新。加大政策支持力度。") == "18．开展汽车以旧换新"


def test_items_of_an_article_nest_under_it_and_the_next_article_closes_them():
    text = "第二章 补贴标准\n第五条 转让旧车并购买新车的，按照以下标准给予补贴：\n（一）购买新能源乘用车，补贴1.5万元；\n（二）购买燃油乘用车，补贴1.3万元。\n第六条 每人只能享受一次补贴。"
    clauses = parse_clauses("xize", clean_text(text))
    paths = [c.path for c in clauses]
    assert (
        paths[1][:2] == ("第二章 补贴标准", "第五条 转让旧车并购买新车的，按照以下标准给予补贴")
        and len(paths[1]) == 3
    )
    assert paths[-1] == ("第二章 补贴标准", "第六条 每人只能享受一次补贴")


def test_shortened_titles_never_cut_inside_a_figure():
    from assistant.documents.structure import shorten

    lead = "对购买符合条件的一级能效家电产品的个人消费者给予以旧换新补贴每台最高不超过"
    title = lead[-38:] + "2000元"  # a plain cut at 40 characters would leave "…不超过20"
    short = shorten(title)
    assert short == lead[-38:] and short.endswith("不超过")
    assert shorten("短标题最高不超过2000元") == "短标题最高不超过2000元"
