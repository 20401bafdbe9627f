from __future__ import annotations

from assistant.documents.cleaning import clean_text, is_debris

RAW = """苏某市推动设备更新实施方案

为深入贯彻国家关于推动大规模设备更新的

决策部署，制定本方案。

https://example.com/topics/abc/

一、总体要求

力争到 2027年，设备投资规模较 2023年增长 30%左右。新能源车桩比达到 1.9:1，
淘汰国Ⅲ及以下排放标准柴油货车，完成改造 36.5万千瓦。
本文内容来自网络，由某某搜集整理，如有任何异议请联系我们，我们将酌情处理！
— 9 —
（市工信局牵

头负责）
"""


def test_page_furniture_is_removed():
    assert is_debris("— 9 —")
    assert is_debris("第 3 页 共 12 页")
    assert is_debris("https://huanbao.example.cn/topics/x/")
    assert is_debris("本文内容来自网络，由EESIA搜集整理，如有任何异议请联系我们")
    assert not is_debris("到2027年新能源城市公交车辆占比达到85%。")


def test_lines_broken_inside_sentences_are_joined():
    text = clean_text(RAW)
    assert "为深入贯彻国家关于推动大规模设备更新的决策部署，制定本方案。" in text
    assert "（市工信局牵头负责）" in text
    assert "http" not in text and "搜集整理" not in text and "— 9 —" not in text


def test_figures_are_kept_verbatim():
    text = clean_text(RAW)
    for figure in ("1.9:1", "36.5万千瓦", "国Ⅲ", "30%左右", "2027年"):
        assert figure in text


def test_title_and_headings_stay_their_own_paragraphs():
    lines = clean_text(RAW).split("\n")
    assert lines[0] == "苏某市推动设备更新实施方案"
    assert "一、总体要求" in lines


def test_running_header_repeated_on_pages_is_removed():
    page = "某市人民政府公报\n一、目标\n到2027年完成改造。\n"
    text = clean_text(page * 4)
    assert "公报" not in text
    assert text.count("到2027年完成改造。") == 4
