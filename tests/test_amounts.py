"""Amounts, shares, caps and bands as written in real rules (values derived by hand in the comments)."""

from __future__ import annotations

from assistant.knowledge.amounts import bands_of, find_amounts, in_band, kind_of, main_and_cap

CAR = (
    "对购买售价8万元（含）至12万元的新能源汽车，每辆补贴3000元；售价12万元（含）至20万元（不含）的，"
    "每辆补贴5000元；20万元（含）以上的，每辆补贴8000元"
)


def test_price_bands_keep_their_bounds_and_amounts() -> None:
    bands = bands_of(CAR)
    # 8万 = 80000 (含), 12万 = 120000 (no mark: 至 reads both ends as included); 不含 20万 excludes 200000
    assert [(b.low, b.low_included, b.high, b.high_included, b.value) for b in bands] == [
        (80000.0, True, 120000.0, True, 3000.0),
        (120000.0, True, 200000.0, False, 5000.0),
        (200000.0, True, None, False, 8000.0),
    ]
    assert kind_of(find_amounts(CAR), bands) == "tiered"
    assert in_band(bands[2], 200000.0) and not in_band(bands[1], 200000.0)


def test_count_bands_and_share_amounts() -> None:
    text = "推荐成功上岗人数为50人（含）以上的，补助2.4万元；100人（含）以上的，补助4.5万元"
    assert [(b.low, b.unit, b.value) for b in bands_of(text)] == [
        (50.0, "人", 24000.0),
        (100.0, "人", 45000.0),
    ]
    shares = bands_of("平均人数增长20%以下的，给予30%的补贴；平均人数增长20%及以上的，给予50%的补贴")
    assert [(b.high, b.high_included, b.low, b.value, b.share) for b in shares] == [
        (20.0, True, None, 30.0, True),  # 以下 includes the number (民法典 第1259条)
        (None, False, 20.0, 50.0, True),
    ]


def test_per_unit_cap_and_fund() -> None:
    amounts = find_amounts("按每人500元标准补助企业，每家企业补助总额最高不超过30万元")
    main, cap = main_and_cap(amounts)
    assert (main.value, main.per, cap.value) == (500.0, "人", 300000.0)
    assert kind_of(amounts, ()) == "per_unit"
    assert kind_of(find_amounts("给予最高9万元的一次性就业创业服务补助"), ()) == "up_to"
    assert find_amounts("自治区财政设立1亿元专项资金，奖励贡献突出的企业") == []  # a total fund
    assert [a.value for a in find_amounts("可减半征收")] == [50.0]
