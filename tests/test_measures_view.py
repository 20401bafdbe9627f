"""The Measures tab's table and filters, without a browser: rows, filters, status and the CSV file."""

from __future__ import annotations

from datetime import date

from assistant.knowledge.measure_table import ENDED, IN_FORCE, filter_measures, status
from assistant.knowledge.measures import extract_document_measures
from assistant.records import Clause, Document
from assistant.web.measures_view import csv_file, select, table_html

NOTICE = Document(doc_id="bing", title="丙市消费补贴实施细则", text="", city="丙市", province="江苏")
CLAUSES = [
    Clause("bing", "c1", ("一、汽车补贴",),
           "对在本市购买新能源汽车的个人消费者，每辆补贴3000元，每人限购1辆。活动时间：2026年3月1日至2026年6月30日。", 0),
    Clause("bing", "c2", ("二、企业贴息",),
           "对受影响的小微企业新增贷款，按贷款利率的50%给予贴息，每户最高不超过50万元。", 1),
]  # fmt: skip


def measures():
    return extract_document_measures(CLAUSES, NOTICE)


def test_each_measure_is_a_row_with_its_amount_cap_and_clause_link() -> None:
    found = measures()
    html = table_html(found, len(found))
    assert "共 2 项措施" in html and "每辆补贴3000元" in html and "最高不超过50万元" in html
    assert 'href="?doc=bing&amp;clause=c1#' in html and "限购1辆" in html


def test_filters_by_who_instrument_and_in_force() -> None:
    found = measures()
    assert [m.clause_id for m in select(found, (), "个人", "", False)] == ["c1"]
    assert [m.clause_id for m in select(found, (), "", "贴息", False)] == ["c2"]
    car = found[0]
    assert (car.start, car.end) == ("2026-03-01", "2026-06-30")
    assert status(car, date(2026, 5, 1)) == IN_FORCE and status(car, date(2026, 7, 1)) == ENDED
    assert filter_measures(found, in_force=True, day=date(2026, 7, 1)) == [found[1]]
    assert select(found, ("乙市",), "", "", False) == []


def test_the_csv_has_a_byte_order_mark(tmp_path) -> None:
    data = csv_file(measures(), tmp_path).read_bytes()
    assert data.startswith("\ufeff".encode()) and "每辆补贴3000元" in data.decode("utf-8-sig")
