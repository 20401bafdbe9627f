"""The domain word lists read from data/: units, document-type title words and stop words, each kept once."""

from __future__ import annotations

from assistant.chat.sector_answer import FILLERS
from assistant.documents.cleaning import clean_text
from assistant.documents.metadata import infer_metadata
from assistant.indexing.keyword import tokenize
from assistant.knowledge.targets import UNITS, find_figures
from assistant.search.answer_type import asked_type, states_figure
from assistant.words import stop_words, title_words, units


def test_one_unit_list_serves_target_extraction_and_the_answer_type() -> None:
    assert UNITS == units("target")
    # 家 is a target unit and a count unit: the same word list answers both questions
    assert [f.unit for f in find_figures("新建40家绿色工厂")] == ["家"]
    assert states_figure("count", "新建40家绿色工厂", set())
    assert asked_type("要建成多少家智能工厂") == "count" and asked_type("能建几家充电站") == "count"
    # 批 counts (建成3批) but is no target unit (一批 is a vague amount)
    assert "批" in units("count") and "批" not in units("target")
    assert states_figure("count", "累计建成3批示范项目", set()) and find_figures("累计建成3批示范项目") == []


def test_the_question_forms_ask_for_units_the_passages_can_state() -> None:
    assert set(units("几")) <= set(units("多少")) <= set(units("count"))
    assert [f.unit for f in find_figures("更新改造约1400公里，新增36.5万千瓦")] == ["公里", "万千瓦"]


def test_title_words_end_titles_in_both_readers() -> None:
    assert {"方案", "通知", "意见", "办法"} <= set(title_words("title")) & set(title_words("line"))
    # 政策 ends a title candidate but a PDF line ending in it may break mid-sentence: not a title line
    assert "政策" in title_words("title") and "政策" not in title_words("line")
    raw = "晋城市推动大规模设备更新实施方案\n为贯彻落实国家部署，制定本方案。\n"
    assert clean_text(raw).splitlines()[0] == "晋城市推动大规模设备更新实施方案"
    assert infer_metadata(raw, "jc")["title"] == "晋城市推动大规模设备更新实施方案"


def test_stop_words_come_from_the_data_file() -> None:
    assert {"的", "吗", "the"} <= set(stop_words("search"))
    assert "的" not in tokenize("苏州的新能源公交车占比是多少吗")
    assert FILLERS == stop_words("business_fillers") and "请问" in FILLERS
    assert "请问" in stop_words("follow_up_zh") and "department" in stop_words("follow_up_en")
