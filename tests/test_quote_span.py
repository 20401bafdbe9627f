"""Enumerated items of official documents, found in running text, and the heading an item opens with."""

from __future__ import annotations

from assistant.chat.quote_span import after_colon, colon_list_span, heading_phrase, item_span, markers

# One long line, as ncpqa notices are published: items follow each other without line breaks.
FUNDS = (
    "为切实做好疫情防控经费保障工作，现就有关事项通知如下：一、明确经费保障目标。各级财政部门要全力做好疫情防控经费保障工作。"
    "二、加快调度拨付资金地方各级财政部门要加强库款形势分析研判，必要时可采取预拨、垫付等措施。"
    "按照“急事急办、特事特办”的原则，开通资金支付绿色通道。省级财政部门要密切关注各市县库款情况。"
    "三、加强资金监督管理。各级财政部门要加强资金监管，确保专款专用。"
)
JOBS = (
    "5．落实稳岗用工政策。对不裁员或少裁员的参保企业，返还其上年度实际缴纳失业保险费的50%；返还金额不超过1万元的，"
    "免除申报手续直接返还。支持企业多渠道发布用工需求信息。（责任单位：市人社局、市财政局）"
    "6．减轻企业负担。对承租国有资产类经营用房的中小企业，减免1个月房租。"
)
DUTIES = (
    "《通知》提出了4个方面的要求。一是完善防控工作机制。各医养结合机构要切实落实主体责任，及时上报信息。"
    "二是服从当地联防联控统一指挥。各医养结合机构要服从统一指挥，配合做好疫情防控。"
)


def _item(text: str, inside: str) -> str:
    span = item_span(text, text.index(inside))
    assert span is not None
    return text[span[0] : span[1]]


def test_an_item_runs_from_its_marker_to_the_next_marker_of_its_level():
    item = _item(FUNDS, "省级财政部门")
    assert item.startswith("二、加快调度拨付资金地方各级财政部门")
    assert item.endswith("省级财政部门要密切关注各市县库款情况。")


def test_a_sentence_before_the_first_item_is_in_no_item():
    assert item_span(FUNDS, FUNDS.index("现就有关事项")) is None


def test_the_department_note_closing_an_item_is_left_out():
    item = _item(JOBS, "返还金额不超过1万元")
    assert item.startswith("5．落实稳岗用工政策。")
    assert item.endswith("支持企业多渠道发布用工需求信息。")


def test_the_sign_off_and_letter_furniture_after_the_last_item_are_left_out():
    text = (
        "（二）受理举报的部门应对举报人信息严格保密。泄漏举报人信息的，依法依纪追究责任。\n"
        "本通告自发布之日起执行。\n特此通告。\n自治区卫生健康委 2020年2月17日\n扫一扫在手机打开当前页"
    )
    assert _item(text, "泄漏举报人").endswith("追究责任。\n本通告自发布之日起执行。")
    signed = "三、因疫情防控不能休假的职工，应安排补休。\n国务院办公厅2020年1月26日"
    assert _item(signed, "补休") == "三、因疫情防控不能休假的职工，应安排补休。"
    phones = "如有问题可拨打：\n0571-88001234\n杭州市商务局 2026年3月1日"
    assert after_colon(phones, 0, phones.index("：") + 1, 200) == "如有问题可拨打：\n0571-88001234"
    # a date alone on its line may be what a colon introduces: only a line naming its issuer is a sign-off
    window = "活动时间：\n2026年3月1日"
    assert after_colon(window, 0, window.index("：") + 1, 200) == window


def test_yi_shi_er_shi_enumerations_are_items_too():
    assert (
        _item(DUTIES, "及时上报信息")
        == "一是完善防控工作机制。各医养结合机构要切实落实主体责任，及时上报信息。"
    )


def test_a_decimal_or_a_date_opens_no_item():
    text = "增长1.5个百分点。2月17日起恢复办理。3.6万户企业已复工。"
    assert markers(text) == []


def test_an_inner_item_ends_at_the_next_outer_marker():
    text = "（一）加强组织。1．成立专班。2．压实责任。（二）强化保障。做好资金保障。"
    assert _item(text, "压实责任") == "2．压实责任。"
    assert _item(text, "加强组织") == "（一）加强组织。1．成立专班。2．压实责任。"


def test_an_item_spans_the_paragraphs_under_its_heading_line():
    text = "四、咨询与接待事宜\n当事人建议优先选择电话联络。\n本会工作人员接待时佩戴口罩。\n五、其他事项\n另行通知。"
    assert (
        _item(text, "佩戴口罩")
        == "四、咨询与接待事宜\n当事人建议优先选择电话联络。\n本会工作人员接待时佩戴口罩。"
    )


def test_heading_phrase_is_the_words_after_the_marker_up_to_the_first_punctuation():
    assert (
        heading_phrase(FUNDS, FUNDS.index("二、")) == "加快调度拨付资金地方各级财政部门要加强库款形势分析研判"
    )
    assert heading_phrase("三、加快调度拨付资金\n地方各级财政部门", 0) == "加快调度拨付资金"
    assert heading_phrase("9.加大对企业的金融支持，确保信贷增长。", 0) == "加大对企业的金融支持"
    assert heading_phrase("（十二）拓展预约办理。全面梳理", 0) == "拓展预约办理"
    assert heading_phrase("一是完善防控工作机制。", 0) == "完善防控工作机制"


def test_a_colon_list_runs_from_its_colon_part_to_the_full_stop():
    text = (
        "全国铁路车站全部启动旅客体温检测。民警在接警处置过程中做到三必问：问清户籍和目前生活所在地；"
        "问清近期出行轨迹；问清有无不适症状。对有发热的旅客要及时移交。"
    )
    start = text.index("民警")
    span = colon_list_span(text, start, text.index("；") + 1)
    assert span is not None
    assert text[span[0] : span[1]] == (
        "民警在接警处置过程中做到三必问：问清户籍和目前生活所在地；问清近期出行轨迹；问清有无不适症状。"
    )
    # A later item of the list quotes the list from its colon part too.
    later = text.index("问清近期")
    assert colon_list_span(text, later, text.index("；", later) + 1) == span


def test_a_sentence_without_a_semicolon_list_is_no_colon_list():
    text = "举报电话：0933-8239022。对有发热的旅客要及时移交。"
    assert colon_list_span(text, 0, text.index("。") + 1) is None
    assert colon_list_span(text, text.index("对有"), len(text)) is None
