"""Sector grouping: a clause's action area from its headings, and the areas a business describes.

Areas follow the action areas these plans are organised by (工业, 能源, 建筑市政, 交通, 农业, 教育, 文旅,
医疗, 汽车, 家电, 家装, 回收, 二手, 再制造, 标准, 保障措施 …). Rules are plain keyword tables: the first
area whose pattern matches wins, so more specific areas come first (标准 before 回收, 汽车 before 能源).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

GENERAL = "综合"
OVERALL = "总体目标"
SAFEGUARDS = "保障措施"
CROSS_CUTTING = frozenset({SAFEGUARDS})

# (area, regular expression over a heading). Order matters: the first match wins.
SECTOR_RULES: tuple[tuple[str, str], ...] = (
    (OVERALL, r"总体要求|工作目标|主要目标|总体目标|发展目标|指导思想"),
    ("标准", r"标准"),
    ("再制造", r"再制造|梯次利用"),
    ("二手", r"二手|旧货"),
    ("回收", r"回收|再生|循环利用|废旧|废弃|资源化|资源综合利用"),
    ("汽车", r"汽车|乘用车|车辆以旧换新|报废车"),
    ("电动自行车", r"电动自行车|电动车"),
    ("家电", r"家电|家用电器|电器"),
    ("家装", r"家装|家居|家具|装修|适老化"),
    ("农业", r"农业|农机|农村|渔船|渔业|畜禽|种植|养殖"),
    ("教育", r"教育|学校|院校|教学|高校"),
    ("医疗", r"医疗|医院|卫生|卫健|医学|健康"),
    ("文旅", r"文旅|旅游|景区|文化|体育|演艺"),
    ("交通", r"交通|运输|公交|港口|船舶|航运|货车|物流|铁路|航空"),
    ("建筑市政", r"建筑|市政(?!协|府)|住宅|电梯|老旧小区|燃气|供水|供热|排水|管网|环卫|城市更新"),
    ("环保", r"生态环境|环保|环境|污染|监测"),
    ("能源", r"(?<!新)能源|电力|煤电|电网|发电|储能"),
    ("工业", r"工业|制造业|智能制造|技术改造|技改|重点行业|智改数转|化工|钢铁|冶金|工厂|工业园区"),
    (
        SAFEGUARDS,
        r"保障|组织领导|财税|财政|金融|税收|宣传|工作要求|要素|政策体系|储备项目|推介|资金",
    ),
)

# How businesses describe themselves → the areas whose measures concern them; every matching row adds its areas.
BUSINESS_TERMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"农机|农业机械|拖拉机|收割机|插秧机", ("农业",)),
    (r"农场|种植|养殖|合作社|渔业|渔船|冷库|冷链|烘干", ("农业",)),
    (r"二手车", ("二手", "汽车")),
    (r"汽车|4S店|车行|乘用车|新能源车|充电桩|充电站", ("汽车",)),
    (r"电动自行车|电瓶车|电动车", ("电动自行车",)),
    (r"家电|电器|空调|冰箱|洗衣机|电视", ("家电",)),
    (r"装修|装饰|家装|家居|家具|建材|橱柜|卫浴", ("家装",)),
    (r"回收|废品|拆解|再生资源|废旧", ("回收",)),
    (r"二手|旧货|闲置", ("二手",)),
    (r"再制造|翻新|维修", ("再制造",)),
    (r"公交|客运|出租车|货运|物流|运输|港口|航运|(?<!渔)船", ("交通",)),
    (r"医院|诊所|卫生院|医疗|医药|养老院", ("医疗",)),
    (r"学校|学院|大学|中小学|幼儿园|职校|培训", ("教育",)),
    (r"景区|旅游|酒店|剧院|演艺|游乐|体育|博物馆", ("文旅",)),
    (r"物业|电梯|燃气|水务|供水|供热|环卫|建筑|施工|房地产", ("建筑市政",)),
    (r"电厂|发电|电力|煤电|光伏|风电|储能|能源", ("能源",)),
    (r"环保|污水|监测|固废|垃圾", ("环保", "回收")),
    (r"化工|钢铁|冶金|(?<!农业)机械|纺织|电子|(?<!再)制造|工厂|厂家|机床|机器人|铸造|焦化|轻工", ("工业",)),
    (r"标准|检测|认证", ("标准",)),
    (r"银行|金融|担保|保险", ("保障措施",)),
)

_SECTOR_PATTERNS = tuple((area, re.compile(pattern)) for area, pattern in SECTOR_RULES)
_BUSINESS_PATTERNS = tuple((re.compile(pattern), areas) for pattern, areas in BUSINESS_TERMS)


def sectors() -> tuple[str, ...]:
    """Every area a clause can be grouped under, in table order (plus the general fallback)."""
    return tuple(area for area, _ in SECTOR_RULES) + (GENERAL,)


def sector_of_heading(heading: str) -> str | None:
    """The area a single heading names, or None when it names none."""
    heading = _strip_numbering(heading)
    for area, pattern in _SECTOR_PATTERNS:
        if pattern.search(heading):
            return area
    return None


def areas_named(text: str) -> list[str]:
    """Every area a text names ("工业、建筑、交通…设备投资" names several)."""
    text = _strip_numbering(text)
    return [area for area, pattern in _SECTOR_PATTERNS if pattern.search(text)]


def sector_of(path: Sequence[str], text: str = "") -> str:
    """A clause's area: the most specific heading that names one, else the text's first sentence.

    A cross-cutting area (保障措施) gives way to a subject area named by an outer heading:
    "开展家电产品以旧换新行动 › 加大财政支持力度" is a 家电 measure.
    """
    areas = [area for area in map(sector_of_heading, reversed(tuple(path))) if area is not None]
    subject = next((area for area in areas if area not in CROSS_CUTTING), None)
    if subject or areas:
        return subject or areas[0]
    first_sentence = re.split(r"[。；\n]", text.strip(), maxsplit=1)[0] if text else ""
    return sector_of_heading(first_sentence) or GENERAL


def sectors_for_query(question: str) -> list[str]:
    """The areas a business's self-description concerns ("我们是做农机的" → ["农业"]), most likely first."""
    found: list[str] = []
    for pattern, areas in _BUSINESS_PATTERNS:
        if pattern.search(question):
            found.extend(area for area in areas if area not in found)
    for area in sectors():
        if area in question and area not in found:
            found.append(area)
    return found


def _strip_numbering(heading: str) -> str:
    """A heading without its leading marker ("一、", "（三）", "18．", "2.")."""
    return re.sub(
        r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,3}\s*[．.、])\s*",
        "",
        heading,
    )
