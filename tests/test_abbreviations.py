"""Short names a document defines (以下简称) read with the phrase they stand for."""

from __future__ import annotations

from assistant.chat.abbreviations import definitions, spelled_out

PREAMBLE = (
    "经国务院同意，现就阶段性减免企业基本养老保险、失业保险、工伤保险（以下简称三项社会保险）单位缴费部分"
    "有关问题通知如下："
)


def test_a_short_name_stands_for_the_phrase_before_it():
    defined = definitions(
        [PREAMBLE, "北京仲裁委员会／北京国际仲裁中心（以下简称“本会”）现将有关事项通知如下。"]
    )
    assert defined["三项社会保险"].endswith("基本养老保险、失业保险、工伤保险")
    assert defined["本会"] == "北京仲裁委员会／北京国际仲裁中心"


def test_a_sentence_using_a_short_name_is_read_with_its_phrase():
    defined = definitions([PREAMBLE])
    read = spelled_out("湖北省可免征各类参保单位三项社会保险单位缴费部分。", defined)
    assert read.startswith("湖北省可免征") and "失业保险、工伤保险" in read
    assert spelled_out("其他省份减半征收。", defined) == "其他省份减半征收。"


def test_a_document_named_for_short_is_not_spelled_out():
    # "根据《通知》要求" would otherwise take the whole title's words
    assert definitions(["印发《关于做好复工复产工作的通知》（以下简称《通知》）。"]) == {}
