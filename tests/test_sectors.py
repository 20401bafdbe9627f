"""Sector grouping from heading paths, and the sectors a business's self-description points to."""

from __future__ import annotations

import pytest

from assistant.knowledge.sectors import (
    BUSINESS_TERMS,
    GENERAL,
    SECTOR_ENGLISH,
    SECTOR_RULES,
    sector_of,
    sector_of_heading,
    sectors,
    sectors_for_query,
)


@pytest.mark.parametrize(
    ("path", "sector"),
    [
        (
            ("二、大力推进设备更新行动", "（一）推进制造业设备更新与技术改造", "2．推动企业“智改数转网联”"),
            "工业",
        ),
        (("二、工作任务", "（一）推动工业设备更新升级", "2.推动分行业分领域节能降碳改造"), "工业"),
        (("二、设备更新", "（二）加快能源和环保领域设备更新", "5．加快能源领域设备更新"), "能源"),
        (("二、设备更新", "（二）加快能源和环保领域设备更新", "6．加快生态环境领域设备更新"), "环保"),
        (
            ("二、设备更新", "（三）推进建筑和市政基础设施领域设备更新", "10．推进环卫设施设备更新"),
            "建筑市政",
        ),
        (("二、工作任务", "（三）推动交通运输设备更新换代", "2.加快淘汰老旧营运类柴油货车"), "交通"),
        (("二、工作任务", "（四）推动老旧农业机械报废更新"), "农业"),
        (("二、设备更新", "（六）推动教育文旅医疗设备更新", "17．推动卫生健康领域设备更新"), "医疗"),
        (("二、设备更新", "（六）推动教育文旅医疗设备更新", "16．推动文旅设施设备更新"), "文旅"),
        (("三、消费品以旧换新", "18．开展汽车以旧换新"), "汽车"),
        (("三、消费品以旧换新", "2.支持新能源汽车消费"), "汽车"),  # 新能源 is not 能源
        (("三、消费品以旧换新", "20．开展家电产品以旧换新"), "家电"),
        (("三、消费品以旧换新", "21．推动家装消费品换新"), "家装"),
        (("四、回收循环利用", "24．促进二手商品规范化流通交易"), "二手"),
        (("四、回收循环利用", "25．有序推进再制造和梯次利用"), "再制造"),
        (("四、回收循环利用", "26．推动资源高水平再生利用"), "回收"),
        (("五、标准升级", "29．加快推进资源循环利用标准化工作"), "标准"),  # 标准 before 回收
        (("六、保障措施", "（四）加强要素保障和创新支撑"), "保障措施"),
        (("三、工作要求", "（四）清单推进任务"), "保障措施"),  # the outer heading decides
        (("一、工作目标",), "总体目标"),
        (("前言",), GENERAL),
    ],
)
def test_sector_of_heading_path(path: tuple[str, ...], sector: str) -> None:
    assert sector_of(path, "") == sector


def test_a_subject_area_outranks_a_cross_cutting_one() -> None:
    path = ("二、工作任务", "（九）开展家电产品以旧换新行动", "2.加大财政支持力度")
    assert sector_of_heading(path[-1]) == "保障措施"
    assert sector_of(path, "") == "家电"


def test_text_decides_when_no_heading_does() -> None:
    assert sector_of(("前言",), "推动农机装备智能化升级。加快淘汰老旧农机。") == "农业"
    assert sector_of((), "") == GENERAL


def test_city_government_is_not_municipal_infrastructure() -> None:
    assert sector_of_heading("抄送：市委各部门，市人大常委会办公室，市政协办公室") is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("我们是做农机的", ["农业"]),
        ("我们是化工企业", ["工业"]),
        ("我们是汽车经销商", ["汽车"]),
        ("我们开了一家家电卖场", ["家电"]),
        ("我们是装修公司", ["家装"]),
        ("我们是公交公司", ["交通"]),
        ("我们是一家医院", ["医疗"]),
        ("我们是学校", ["教育"]),
        ("我们是回收企业", ["回收"]),
        ("我们做二手车生意", ["二手", "汽车"]),
        ("我们是渔船合作社", ["农业"]),
    ],
)
def test_sectors_for_a_business(question: str, expected: list[str]) -> None:
    assert sectors_for_query(question) == expected


def test_a_sector_named_directly_is_found_and_unknown_business_gives_none() -> None:
    assert sectors_for_query("再制造方面有什么支持") == ["再制造"]
    assert sectors_for_query("今天天气怎么样") == []


def test_keyword_tables_are_plain_data() -> None:
    assert all(isinstance(area, str) and isinstance(pattern, str) for area, pattern in SECTOR_RULES)
    assert all(set(areas) <= set(sectors()) for _, areas in BUSINESS_TERMS)
    assert len(set(sectors())) == len(sectors())


def test_every_sector_carries_its_english_name_in_the_data_file() -> None:
    assert set(SECTOR_ENGLISH) == set(sectors())
    assert SECTOR_ENGLISH["农业"] == "agriculture" and SECTOR_ENGLISH[GENERAL] == "general"
    assert all(name.isascii() and name for name in SECTOR_ENGLISH.values())


def test_the_data_file_keeps_the_matching_order() -> None:
    # 标准 before 回收 ("标准" headings about recycling standards), 汽车 before 能源 (新能源汽车)
    order = sectors()
    assert order.index("标准") < order.index("回收") and order.index("汽车") < order.index("能源")
    assert order[-1] == GENERAL and sector_of_heading("（三）推动新能源汽车以旧换新") == "汽车"
