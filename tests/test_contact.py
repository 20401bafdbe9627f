"""Whom to call, where to write, who explains, until when: replies that quote the number, the address, the
explaining department or the window, cited (chat/contact.py, chat/when_answer.py)."""

from __future__ import annotations

from dataclasses import replace

from assistant.chat.answer import compose
from assistant.chat.contact import ASKS_PHONE, contact_line, numbers_in
from assistant.chat.when_answer import asked_kind, window_line
from assistant.records import Chunk, Hit, Retrieval


def _numbered(*texts: str, issued: str = "") -> list[tuple[int, Hit]]:
    return [
        (
            n,
            Hit(
                Chunk(f"c{n}#0", "d", f"c{n}", f"{n}．条款", text, text, title="2025年无锡细则"),
                1.0 / n,
                n,
                issued,
            ),
        )
        for n, text in enumerate(texts, 1)
    ]


def _reply(question: str, *texts: str) -> str:
    hits = tuple(hit for _, hit in _numbered(*texts))
    return compose(Retrieval(question, hits, True), question).reply


def test_numbers_after_a_colon_on_the_next_line_are_quoted_with_it():
    text = "八、其他\n活动期间如有问题可拨打：\n0510-81821234、0510-81825678\n本细则由市商务局负责解释。"
    reply = _reply("无锡以旧换新客服电话是多少？", text)
    assert "0510-81821234、0510-81825678" in reply and "拨打" in reply and reply.endswith("[1]")


def test_local_and_service_numbers_follow_their_cue():
    assert numbers_in("材料报送联系人：郭译阳，联系电话：86776223") == ["86776223"]
    assert "12345" in numbers_in("可拨打12345政务服务热线咨询")
    assert numbers_in("共发放补贴资金12345万元") == []
    assert numbers_in("劳动能力鉴定咨询电话：（010）8403-8327") == ["（010）8403-8327"]
    assert numbers_in("咨询电话：2019-2020年度已公布") == []


def test_a_bare_number_line_takes_its_matter_from_its_passage():
    """ "咨询电话：0523-86391105" names neither the place nor the service; its passage does."""
    marriage = "海陵区婚姻登记处暂停办理婚姻登记。\n咨询电话：0523-86391105、0523-86391112。"
    service = "若有关于政务服务的任何事项，可拨打区审批服务热线（86512345）咨询。"
    line = contact_line(_numbered(service, marriage), "海陵区暂停婚姻登记期间，有事打哪个咨询电话？")
    assert line == "咨询电话：0523-86391105、0523-86391112。[2]"


def test_whom_to_contact_quotes_the_contact_person_and_number():
    text = "请于1月10日前报送材料。材料报送联系人：郭译阳，联系电话：86776223。本通知由市商务局负责解释。"
    for question in ("报送材料找谁？联系人是谁", "Who should sellers contact when submitting materials?"):
        assert "郭译阳，联系电话：86776223" in contact_line(_numbered(text), question)


def test_the_row_of_the_place_named_wins_in_a_table_of_contacts():
    table = (
        "序号　街道　电话\n1　新湾街道　0571-86661111\n2　下沙街道　0571-89537882\n3　白杨街道　0571-86662222"
    )
    line = contact_line(_numbered(table), "我的店在钱塘区下沙街道，报名找街道哪个电话？")
    assert line == "2　下沙街道　0571-89537882[1]"


def test_the_platform_named_as_the_notice_quotes_it_gives_the_number():
    # the second line shares more of the question's words (中国, 技术); the first names the platform
    text = (
        "一、技术咨询联系方式\n1.出版集团“中国职业培训在线”平台联系人：兰洁联系电话：010-64962031\n"
        "2.中国就业培训技术指导中心“就业创业和职业培训在线平台”联系人：姜郁联系电话：010-84661161"
    )
    line = contact_line(_numbered(text), "中国职业培训在线平台的技术咨询找谁，电话多少？")
    assert "兰洁" in line and "姜郁" not in line


def test_the_explaining_department():
    text = "十、本细则自2025年9月1日起施行。本细则由无锡市商务局、无锡市财政局负责解释。"
    assert _reply("这个细则哪个部门负责解释？", text) == "本细则由无锡市商务局、无锡市财政局负责解释[1]"
    english = _reply("Which department interprets Wuxi's rules?", text)
    assert english == "本细则由无锡市商务局、无锡市财政局负责解释[1]"


def test_an_e_mail_address():
    text = "报名材料盖章扫描后同步发送至38458594@qq.com，纸质材料送至县商务局。"
    assert "38458594@qq.com" in _reply("材料扫描件发到哪个邮箱？", text)


def test_questions_that_ask_no_contact_get_no_contact_line():
    text = "专线电话为持有通行证的防疫物资运输车辆提供帮助，电话：0991-1234567。"
    assert contact_line(_numbered(text), "新疆交管设立的专线电话为哪些车辆提供帮助？") is None
    # how many of something a hotline offers asks a count, not its number
    text = "为方便外籍人士获取疫情信息，12345热线提供英、法、德等8种外语服务。"
    assert contact_line(_numbered(text), "12345热线提供多少种外语服务？") is None
    assert ASKS_PHONE.search("热线电话是多少？") and ASKS_PHONE.search("热线是几号？")


def test_until_when_quotes_the_subsidy_period():
    text = (
        "一、补贴标准\n每台补贴不超过2000元。\n二、补贴时间\n补贴时间为2025年2月1日之日起至2025年6月30日止。"
    )
    assert _reply("无锡家电补贴到什么时候？", text) == "补贴时间为2025年2月1日之日起至2025年6月30日止[1]"


def test_the_application_window_for_a_question_about_applying():
    text = "购车时间为2025年5月1日至5月31日；资料申报时间：2025年6月1日至6月15日，逾期不予受理。"
    assert asked_kind("申报材料最晚什么时候交？") == "application"
    assert (
        window_line(_numbered(text), "申报材料什么时候截止？")
        == "资料申报时间：2025年6月1日至6月15日，逾期不予受理[1]"
    )
    assert window_line(_numbered(text), "买车要在什么时候买？") == "购车时间为2025年5月1日至5月31日[1]"


def test_how_long_is_no_window_question():
    assert (
        window_line(_numbered("审核通过后请于3个工作日内寄出纸质材料。"), "纸质材料要在多久内寄出？") is None
    )


def test_without_a_named_kind_the_notice_s_own_window_wins():
    text = (
        "对受疫情影响未能正常还款的职工，在2020年1月31日至6月30日期间的逾期不计入信用记录。"
        "本通知适用截止时间为2020年6月30日。"
    )
    assert window_line(_numbered(text, issued="2020-02-21"), "这个公积金政策用到哪天为止？") == (
        "本通知适用截止时间为2020年6月30日[1]"
    )
    assert window_line(_numbered("活动报名时间：2025年12月25日至2025年12月31日。"), "报名是哪几天？")


def test_from_when_quotes_the_day_something_runs_from():
    # a start day with no end in its sentence, as news reports of 2020 notices write it
    text = (
        "受疫情影响较大的中小微企业可申请一次性社保补贴，企业可于2020年5月1日起通过市人力资源和社会保障局官网申请。"
        "补贴标准为企业3个月实际缴纳社会保险费用的30%。"
    )
    assert window_line(_numbered(text), "一次性社保补贴从哪天开始能申请？") == (
        "受疫情影响较大的中小微企业可申请一次性社保补贴，企业可于2020年5月1日起通过市人力资源和社会保障局官网申请。[1]"
    )
    # a range is a window, not a start day; an until-when question takes no start day
    assert window_line(_numbered("自2020年2月1日起至2020年3月31日，免收电费。"), "免电费从哪天开始？") == (
        "自2020年2月1日起至2020年3月31日，免收电费[1]"
    )
    assert window_line(_numbered(text), "一次性社保补贴申请到什么时候截止？") is None


def test_a_window_in_a_text_with_no_year_is_quoted_as_written():
    # a news item with no date and no year anywhere: the window's sentence is quoted, no year is made up
    text = (
        "近日，市税务局和邮政公司联合发布通告，明确从2月9日00:00起至2月29日24:00，纳税人通过网上申请办理发票"
        "寄递业务，免收邮寄费用。目前全市90%以上的业务都能网上办理。"
    )
    ((number, found),) = _numbered(text)
    untitled = [(number, Hit(replace(found.chunk, title="重庆：纳税人受益发票免费寄递"), 1.0, 1))]
    assert window_line(untitled, "发票免费寄递是哪段时间？") == (
        "近日，市税务局和邮政公司联合发布通告，明确从2月9日00:00起至2月29日24:00，纳税人通过网上申请办理发票"
        "寄递业务，免收邮寄费用[1]"
    )
    # a question naming 到期 in passing does not reach into a year-less text
    assert window_line(untitled, "发票寄递到期没收到怎么办？") is None


def test_the_number_labelled_as_the_question_names_it_wins():
    # a 2020 notice's consultation line against another notice's fax line that shares more topic words
    consult = "二、申请人咨询行政复议相关问题，可拨打咨询电话获得相关帮助（010-85222835，85222823）。"
    fax = "邮寄地址：北京市东城区东厂胡同5号（收件人：北京市公安局行政复议接待室），联系（传真）电话：010-85222823。"
    assert contact_line(_numbered(consult, fax), "北京公安局行政复议的事想问问，咨询电话是多少？") == (
        consult + "[1]"
    )
    # asked with no label, the line sharing more topic words wins
    assert contact_line(_numbered(consult, fax), "北京公安局行政复议的电话是多少？").startswith("邮寄地址")
