"""A document's status on a day, from its own period and the documents around it (assistant.knowledge.standing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.documents.corpus import load_corpus
from assistant.knowledge.standing import parse_day, series_key, standings
from assistant.records import Document

TIME_CORPUS = Path(__file__).resolve().parents[1] / "evaluation" / "data" / "time_corpus"


@pytest.fixture(scope="module")
def documents():
    return load_corpus(TIME_CORPUS)


# Each status read off the fixture texts: rounds' 活动时间, 细则 "原《…》同时废止", 有效期至, 有效期3年, （2024—2027年）
EXPECTED = {
    "2025-06-01": {
        "wx_appliance_rules_2024": "in force",
        "wx_appliance_rules_2026": "not yet in force",
        "wx_car_round1_2026": "not yet in force",
        "wx_car_round3_2026": "not yet in force",
        "wx_digital_voucher_2025": "ended",
        "wx_trade_in_plan_2024_2027": "in force",
        "wx_used_car_measures_2025": "in force",
        "wx_charging_measures_2026": "not yet in force",
    },
    "2026-11-29": {
        "wx_appliance_rules_2024": "superseded",
        "wx_appliance_rules_2026": "in force",
        "wx_car_round1_2026": "ended",
        "wx_car_round2_2026": "ended",
        "wx_car_round3_2026": "in force",
        "wx_digital_voucher_2025": "ended",
        "wx_trade_in_plan_2024_2027": "in force",
        "wx_used_car_measures_2025": "ended",
        "wx_charging_measures_2026": "not yet in force",
    },
    "2028-03-01": {
        "wx_car_round3_2026": "ended",
        "wx_trade_in_plan_2024_2027": "ended",
        "wx_charging_measures_2026": "in force",
    },
}


@pytest.mark.parametrize("day", sorted(EXPECTED))
def test_statuses_of_the_fixture_documents(documents, day):
    found = {doc_id: s.status for doc_id, s in standings(documents, day).items()}
    assert {doc_id: found[doc_id] for doc_id in EXPECTED[day]} == EXPECTED[day]


def test_the_new_rule_names_the_one_it_replaced(documents):
    old = standings(documents, "2026-11-29")["wx_appliance_rules_2024"]
    assert old.replaced_by == "wx_appliance_rules_2026" and old.issued == "2024-08-16"


def test_an_earlier_version_without_an_end_is_superseded_by_a_later_one_in_force():
    first = Document("a", "甲市2025年以旧换新补贴办法", "本办法自2025年1月1日起施行。", city="甲市")
    second = Document("b", "甲市2026年以旧换新补贴办法", "本办法自2026年1月1日起施行。", city="甲市")
    assert series_key(first) == series_key(second)
    found = standings([first, second], "2026-03-01")
    assert (found["a"].status, found["a"].replaced_by, found["b"].status) == ("superseded", "b", "in force")
    assert standings([first, second], "2025-06-01")["a"].status == "in force"


def test_a_document_without_any_date_has_no_status():
    assert standings([Document("x", "某市通知", "请各单位认真执行。")], "2026-01-01")["x"].status is None


def test_as_of_days():
    assert parse_day("2026-02-15").isoformat() == "2026-02-15"
    with pytest.raises(ValueError):
        parse_day("next week")


def test_periods_are_stored_in_documents_jsonl(documents, tmp_path):
    import json

    from assistant.indexing.index_store import active_build, build_index
    from tests.fakes import FakeEncoder

    build_index(documents, tmp_path, FakeEncoder(), progress=False)
    rows = [json.loads(line) for line in (active_build(tmp_path) / "documents.jsonl").open(encoding="utf-8")]
    stored = {row["doc_id"]: row["extra"]["time"] for row in rows}
    assert stored["wx_used_car_measures_2025"]["start"] == "2025-03-01"
    assert stored["wx_used_car_measures_2025"]["end"] == "2026-02-28"
    assert stored["wx_appliance_rules_2026"]["supersedes"] == [
        "无锡市家电以旧换新补贴实施细则",
        "锡商发〔2024〕31号",
    ]
    assert stored["wx_car_round2_2026"]["round"] == 2
