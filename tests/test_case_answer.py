"""The case calculator: the band, the share, the count and the window for the case a question states."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from assistant.chat.case_answer import case_line, case_of
from assistant.records import Hit
from tests.fakes import text_hit

# Wording as 2025 car- and appliance-subsidy 细则 write it (a fixture: it tests the rules, tunes none)
CAR = (
    "二、补贴标准 对购买售价8万元（含）至15万元（不含）的新能源汽车，每辆补贴3000元；"
    "售价15万元（含）至20万元（不含）的，每辆补贴5000元；20万元（含）以上的，每辆补贴8000元。"
)
WINDOW = "三、活动时间 活动时间：2026年3月1日至2026年6月30日。"
AIRCON = "对购买一级能效空调的，按售价15%给予补贴，每台最高不超过2000元；每人限购2台。"
PER_UNIT = "对购买空调的消费者，每台补贴500元，每人限购2台。"


def hit(text: str, doc: str = "car") -> Hit:
    return text_hit(text, doc, "二")


def test_the_case_a_question_states() -> None:
    case = case_of("发票18万元，7月买的车能补多少")
    assert (case.price, case.price_words, case.month) == (180000.0, "18万元", (None, 7, None))
    assert case_of("买2台空调").counts == ((2, "台"),) and case_of("一级能效冰箱").grade == 1
    assert not case_of("补贴标准是什么")
    # a figure that bounds a band names the rule's band, not the asker's case
    assert not case_of("对参保职工30人（含）以下的企业，裁员率放宽到多少？")
    assert case_of("20万元以上的车补多少").price is None


def test_the_band_that_holds_the_price_and_its_sentence() -> None:
    reply = case_line("发票18万元的车能补多少", [hit(CAR)])
    assert reply.splitlines() == [
        "18万元在15万元（含）至20万元（不含）档：每辆补贴5000元[1]",
        "售价15万元（含）至20万元（不含）的，每辆补贴5000元[1]",
    ]
    # 20万元 is 不含 in the middle band and 含 in the top one
    assert case_line("车价20万元", [hit(CAR)]).startswith("20万元在20万元（含）以上档：每辆补贴8000元[1]")


def test_a_price_outside_every_band_is_said_to_be_so() -> None:
    reply = case_line("我买了一辆6万元的电动车有补贴吗", [hit(CAR)])
    assert reply.startswith("6万元不在所列档次内（8万元（含）至15万元（不含）；")


def test_the_window_that_holds_the_month_or_not() -> None:
    hits = [hit(CAR), hit(WINDOW)]
    assert case_line("发票18万元，3月买车", hits).endswith("3月在2026-03-01至2026-06-30的期限内[2]")
    assert case_line("发票18万元，7月买车", hits, date(2026, 8, 1)).endswith(
        "7月不在2026-03-01至2026-06-30的期限内[2]"
    )


def test_a_share_is_capped_and_a_count_is_limited() -> None:
    assert case_line("空调售价5000元能补多少", [hit(AIRCON)]).startswith("5000元×15%：750元[1]")
    assert case_line("空调发票2万元补多少", [hit(AIRCON)]).startswith(
        "2万元×15%，最高不超过2000元：2000元[1]"
    )
    assert case_line("买3台空调能补多少", [hit(PER_UNIT)]).startswith(
        "3台，限购2台：按2台计：每台补贴500元，共1000元[1]"
    )


def test_no_case_or_no_measure_for_it_leaves_the_usual_reply() -> None:
    assert case_line("补贴标准是什么", [hit(CAR)]) == ""
    assert case_line("买3台空调能补多少", [hit(CAR)]) == ""


def placed(text: str, doc: str, city: str) -> Hit:
    h = hit(text, doc)
    return replace(h, chunk=replace(h.chunk, city=city))


def test_the_next_document_of_the_same_place_reads_the_case() -> None:
    # the first document states a share but no band; the second, of the same city, bands the loan
    plan = "对重点保障企业专项再贷款，中央财政按再贷款利率的50%给予贴息。"
    loans = "对重点保障企业，贷款额度最高不超过600万元；贷款额度在300万元以内的，财政给予全额贴息。"
    hits = [placed(plan, "plan", "南昌"), placed(loans, "loans", "南昌")]
    assert case_line("重点保障企业贷了200万元，财政贴多少？", hits).startswith(
        "200万元在300万元以内档：财政给予全额贴息[2]"
    )
    # another city's band is never read for the case
    hits = [placed(plan, "plan", "南昌"), placed(loans, "loans", "九江")]
    assert case_line("重点保障企业贷了200万元，财政贴多少？", hits) == ""


# Bands of a change, worded as employment-support notices write them (fixtures: they test the rule)
GROWTH = (
    "截至4月底企业职工平均人数与上年相比持平或增长20%（不含）以内的，一次性给予3个月社会保险费30%的补贴；"
    "增长20%及以上的，一次性给予3个月社会保险费50%的补贴。"
)
DECLINE = "营业收入同比下降30%以上的企业，给予5万元补助；下降50%以上的，给予10万元补助。"
LAYOFF = "裁员率不超过5%的参保企业，返还其上年度实际缴纳失业保险费的50%。"


def test_a_share_is_read_only_against_bands_of_its_own_change() -> None:
    assert (case_of("营收下降了40%").change, case_of("职工人数增长了25%").change) == ("down", "up")
    # no change is 0% and only in a band that names it; 差不多 before a figure is an estimate
    assert case_of("职工人数和去年差不多").counts == ((0, "%"),)
    assert not case_of("营收差不多20万")
    assert case_line("前4个月职工人数和去年差不多，补贴多少", [hit(GROWTH)]).startswith(
        "持平在持平或增长20%（不含）以内档：一次性给予3个月社会保险费30%的补贴[1]"
    )
    assert case_line("营收下降了40%，能补多少", [hit(DECLINE)]).startswith(
        "下降40%在下降30%以上档：给予5万元补助[1]"
    )
    # a share that grew is no case of a band of decline, nor of a rate that changes no way, and the reverse
    assert case_line("营收增长了40%，能补多少", [hit(DECLINE)]) == ""
    assert case_line("职工人数增长了25%，返还多少", [hit(LAYOFF)]) == ""
    assert case_line("裁员率3%，补贴多少", [hit(GROWTH)]) == ""
    assert case_line("裁员率3%，返还多少", [hit(LAYOFF)]).startswith("3%在不超过5%档")
