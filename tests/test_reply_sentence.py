"""Picking the sentence that answers and quoting it without cutting its figure (hand-made clauses)."""

from __future__ import annotations

import re

import pytest

from assistant.chat.answer import compose, question_parts
from assistant.chat.beneficiary import business_of, for_households_only
from assistant.chat.reply_sentence import ask_of, has_figure, states, topic_terms
from assistant.chat.selector import best_quote
from assistant.records import Chunk, Hit, Retrieval

GAS = (
    "持续开展城市燃气管道“带病运行”评估和专项治理，到 2027年，完成燃气老旧管网更新改造约 1400公里，"
    "场站及设施更新改造约 604处，用户设施更新改造约 108.8万户。"
)
BUS = (
    "加大公共领域新能源车辆推广应用，支持老旧新能源车辆和动力电池更新换代，鼓励淘汰使用 20年以上的内河航运船舶，"
    "推动新能源和 LNG等动力船舶应用，到 2027年新能源城市公交车辆占比达到 85%。"
)
STANDARDS = (
    "发挥好标准化战略补助资金的激励作用，支持我市企业积极参与标准提升牵引设备更新和消费品以旧换新方面的294项"
    "国家标准的制修订，对主要参与单位补助资金不超过 20 万元，地方标准制定主要参与单位补助资金不超过 5 万元。"
)
APPLIANCES = (
    "采取“政府支持、厂家让利、卖家补贴”的激励措施，开展绿色节能家电促消费活动。"
    "重点针对中国能效标识为 1级和 2级的绿色节电产品、中国水效标识为 1级的绿色节水产品、新型智能家电产品，"
    "通过政策杠杆进一步激发市场活力。引导家电销售企业联合生产、回收企业和电商平台建立对接协作机制，"
    "鼓励销售企业开设线上线下家电以旧换新专区，开展覆盖城乡的家电以旧换新活动。"
)
TASK_FORCE = (
    "市政府组建市级工作专班，专班组长由常务副市长担任，办公室设在市发展改革委，负责统筹协调和解决工作中遇到的重大问题。"
    "工作专班下设 15 个工作小组，各工作小组由市级牵头部门主要负责同志担任组长。"
)
HOUSEHOLD = "重点支持居民在购买旧房装修、局部升级改造、加装采暖设备、衣柜橱柜等消费活动中，享受一定金额补贴。"


def _hits(*texts: str, city: str = "苏州") -> tuple[Hit, ...]:
    return tuple(
        Hit(Chunk(f"c{n}#0", "d", f"c{n}", f"{n}．条款", text, text, city=city), 1.0 / n, n)
        for n, text in enumerate(texts, 1)
    )


def _reply(question: str, *texts: str, city: str = "苏州") -> str:
    return compose(Retrieval(question, _hits(*texts, city=city), True), question).reply


def _plain(reply: str) -> str:
    return re.sub(r"\[\d+\]", "", reply)


def test_a_figure_answer_keeps_its_figure_and_unit():
    # The old cut ended at "到 2027年…", before the figure; the quote now runs to the unit.
    reply = _reply("How many kilometres of old gas pipelines will Suzhou renovate?", GAS)
    assert "约 1400公里" in reply and not _plain(reply).rstrip("…").endswith("年")


def test_the_sentence_with_the_asked_figure_beats_a_neighbouring_one():
    reply = _reply("What is the target share of new-energy buses in Suzhou?", BUS)
    assert _plain(reply) == "…到 2027年新能源城市公交车辆占比达到 85%。"


def test_at_most_how_much_quotes_the_largest_amount():
    reply = _reply("参与标准制修订的主要单位最多补助多少钱？", STANDARDS, city="晋城")
    assert "不超过 20 万元" in reply


def test_rare_topic_words_outweigh_words_the_whole_clause_repeats():
    # "家电以旧换新" is in several sentences; "能效" only in the one that answers.
    reply = _reply("苏州家电以旧换新重点支持哪些能效等级的产品？", APPLIANCES)
    assert "中国能效标识为 1级和 2级" in reply


def test_a_role_question_is_answered_by_the_person_named():
    reply = _reply("晋城工作专班组长由谁担任？", TASK_FORCE, city="晋城")
    assert "专班组长由常务副市长担任" in reply and "牵头部门" not in reply


def test_a_two_part_question_gets_both_parts():
    assert question_parts("晋城二手车交易量增长目标是多少？牵头单位是谁？") == [
        "晋城二手车交易量增长目标是多少",
        "晋城二手车交易量增长目标，牵头单位是谁",
    ]
    reply = _reply("苏州燃气老旧管网要改造多少公里，场站设施改多少处？", GAS)
    assert "1400公里" in reply and "604处" in reply


def test_x_and_y_each_is_asked_as_two_questions():
    assert question_parts("苏州新改建供水管网和排水管网各多少公里？") == [
        "苏州新改建供水管网各多少公里？",
        "苏州新改建排水管网各多少公里？",
    ]


def test_no_figure_in_the_clause_is_said_plainly():
    reply = _reply(
        "晋城新能源公交车更新的目标是多少？", "加快推进城市公交新能源车型替代，支持老旧新能源公交车更新换代。"
    )
    assert reply.startswith("所引条款没有给出具体数值")


def test_a_restaurant_is_told_a_household_subsidy_is_not_for_it():
    reply = _reply("咱是开饭店的，想换厨房设备，有啥补贴不？", HOUSEHOLD, city="晋城")
    assert "面向居民个人，没有写到饭店这类经营者" in reply
    assert HOUSEHOLD.rstrip("。") in reply  # the clause is still shown, as related


def test_a_household_asking_gets_the_household_subsidy_without_a_warning():
    reply = _reply("晋城家里装修有补贴吗？", HOUSEHOLD, city="晋城")
    assert "经营者" not in reply and "享受一定金额补贴" in reply


@pytest.mark.parametrize(
    ("question", "business"),
    [
        ("咱是开饭店的，有啥补贴不？", "饭店"),
        ("我们开了一家超市", "超市"),
        ("We run a restaurant", "restaurant"),
    ],
)
def test_business_of(question, business):
    assert business_of(question) == business


def test_for_households_only():
    assert for_households_only(HOUSEHOLD)
    assert not for_households_only("鼓励重点企业开展以旧换新促销活动，支持居民换新。")


def test_topic_terms_leave_out_question_words_and_years():
    assert topic_terms("到2027年苏州新能源公交占比要达到多少？") >= {"苏州", "新能源"}
    assert not topic_terms("到2027年苏州新能源公交占比要达到多少？") & {"多少", "2027", "到"}


def test_states_and_figures():
    assert states("到 2027年新能源城市公交车辆占比达到 85%。", ask_of("新能源公交占比是多少？"))
    assert not has_figure("到 2027年，推进实施。")  # a year is no figure
    assert not has_figure("1．推动设备更新")  # nor a list marker
    assert has_figure("每年组织实施1000个以上技术改造项目")


def test_best_quote_is_verbatim():
    question = "苏州场站设施改造多少处？"
    quote = best_quote(list(enumerate(_hits(GAS, BUS), 1)), ask_of(question), question)
    assert quote is not None and quote.text.strip("…") in GAS and quote.states


def test_a_department_question_on_a_clause_without_departments_quotes_the_clause():
    reply = _reply(
        "这项工作由哪个部门负责？", "加快推进城市公交新能源车型替代，支持老旧新能源公交车更新换代。"
    )
    assert reply.startswith("所引条款没有写明负责部门") and reply.endswith("[1]")


def test_a_clause_naming_an_office_is_not_said_to_name_none():
    # "材料交给谁": the clause names the office to send to, though in no department note
    reply = _reply("申请贴息的材料交给谁？", "企业申请贴息时，向注册地所在区财政部门提交申请材料。")
    assert not reply.startswith("所引条款没有写明负责部门")
    # "有关部门" names none
    reply = _reply("这项工作由哪个部门负责？", "加快推进公交车更新，会同有关部门做好保障。")
    assert reply.startswith("所引条款没有写明负责部门")


def test_units_asked_about_are_no_department_question():
    reply = _reply(
        "自2020年2月起，各类参保单位有哪些优惠政策？",
        "自2020年2月起，可免征各类参保单位三项社会保险单位缴费部分。",
    )
    assert not reply.startswith("所引条款没有写明负责部门")


def test_a_span_or_an_event_answers_a_when_question():
    assert states("免征期限不超过5个月。", ask_of("免征期限为多久？"))
    assert states("期限延长至宣布疫情解除后两个月内。", ask_of("延期办理的期限到什么时候？"))
    assert states("基本养老待遇从退休次月起补发。", ask_of("养老待遇从何时补发？"))
    assert not states("按规定缓缴社会保险费。", ask_of("缓缴到什么时候？"))
    # "在规定的延长期限内…享受哪些待遇" asks for no time
    assert ask_of("在规定的延长期限内办理的享受哪些待遇？").figure is None


def test_a_band_is_quoted_with_the_bands_that_follow_it():
    text = (
        "鼓励人力资源服务机构参与公共就业服务。补助标准为：推荐成功上岗人数为50人（含）以上的，补助2.4万元；"
        "100人（含）以上的，补助4.5万元；200人（含）以上的，补助9万元。所需资金由市级就业专项资金负担。"
    )
    reply = _reply("推荐上岗的补助标准是什么？", text)
    assert "补助2.4万元；100人（含）以上的，补助4.5万元；200人（含）以上的，补助9万元" in reply
    assert "所需资金" not in reply


def test_a_measure_is_quoted_with_what_follows_but_not_its_department_note():
    text = (
        "对居住区充电基础设施建设给予一定的财政补贴。引导运营企业适当下调充电服务费。"
        "（市发改委、市住建局按职责分工负责）"
    )
    reply = _reply("苏州对居民充电设施有哪些支持措施？", text)
    assert "适当下调充电服务费" in reply and "按职责分工负责" not in reply


def test_the_sentence_dense_search_matched_breaks_a_tie_of_topic_words():
    first = "各地要高度重视疫情防控工作，切实做好企业服务。"
    second = "对受疫情影响的企业，免收2月至4月的房租。"
    (plain,) = _hits(first + "\n" + second)  # two paragraphs: each quote is its own sentence
    focused = Hit(plain.chunk, plain.score, plain.rank, focus=second)
    question = "疫情期间企业有什么支持？"
    assert best_quote([(1, focused)], ask_of(question), question).text.startswith("对受疫情影响的企业")


# A notice published as one long line: its items follow each other without line breaks.
FUNDS_NOTICE = (
    "一、明确经费保障目标。各级财政部门要全力做好疫情防控经费保障工作。"
    "二、加快调度拨付资金地方各级财政部门要加强库款形势分析研判，必要时可采取预拨、垫付等措施，优先保障疫情防控资金拨付。"
    "按照“急事急办、特事特办”的原则，开通资金支付绿色通道，及时足额支付预算安排的疫情防控资金。"
    "省级财政部门要密切关注各市县库款情况，督导库款保障水平偏低的市县科学调度资金。"
    "三、加强资金监督管理。各级财政部门要加强资金监管，确保专款专用。"
)


def test_a_question_about_an_items_heading_is_answered_by_the_whole_item():
    reply = _plain(_reply("如何要求各级财政部门加快调度拨付资金？", FUNDS_NOTICE, city=""))
    assert reply.startswith("二、加快调度拨付资金地方各级财政部门要加强库款形势分析研判")
    assert reply.endswith("督导库款保障水平偏低的市县科学调度资金。")
    assert "三、" not in reply


def test_a_question_about_one_detail_of_an_item_gets_its_sentence_not_the_item():
    # "资金支付绿色通道" is one measure of item 二; its heading words (加快, 调度, 拨付, 资金…) are mostly
    # not in the question, so the sentence is quoted, not the whole item.
    reply = _plain(_reply("如何开通资金支付绿色通道？", FUNDS_NOTICE, city=""))
    assert "开通资金支付绿色通道" in reply
    assert not reply.startswith("二、")


def test_a_list_introduced_by_a_colon_is_quoted_to_its_full_stop():
    text = (
        "铁路一线民警积极协同客运、卫生防疫人员做好进出站旅客体温检测工作，在接警处置过程中做到三必问："
        "问清户籍和目前生活所在地；问清近期出行轨迹；问清有无不适症状。对有发热等疑似患病的旅客，民警要及时移交。"
    )
    reply = _plain(_reply("站点人员对进出站旅客做到三必问是哪三问？", text, city=""))
    assert reply.endswith("问清户籍和目前生活所在地；问清近期出行轨迹；问清有无不适症状。")
