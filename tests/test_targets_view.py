"""The Targets tab without a browser: filters, the table's rows and links, and the CSV file."""

from __future__ import annotations

import csv
import io
import re

import pytest

from assistant.knowledge.extras import targets as extract_all
from assistant.knowledge.target_table import lead_departments
from assistant.records import Target
from assistant.web.documents_view import clause_href
from assistant.web.targets_view import (
    csv_file,
    sector_choices,
    select,
    table_html,
    target_places,
    year_choices,
)
from tests.web_fakes import FakeRetriever


@pytest.fixture(scope="module")
def targets() -> list[Target]:
    fake = FakeRetriever.build()
    return extract_all(fake.documents, fake.clauses)


def _rows(page: str) -> list[str]:
    return re.findall(r"<tr>(.*?)</tr>", page.split("<tbody>", 1)[1])


def test_the_filters_offer_what_the_targets_hold(targets):
    assert target_places(targets) == ["苏州", "晋城"]
    assert year_choices(targets) == [("全部年份 · All years", ""), ("2027", "2027")]
    values = [value for _, value in sector_choices(targets)]
    # the investment goal that lists 工业、农业、建筑、交通 is an overall goal, not an agriculture one
    assert values[0] == "" and set(values[1:]) == {"交通", "汽车", "二手", "总体目标"}
    assert ("交通 · transport", "交通") in sector_choices(targets)


def test_select_by_city_sector_and_year(targets):
    assert {t.city for t in select(targets, ["晋城"], "", "")} == {"晋城"}
    assert [t.value for t in select(targets, ["晋城市"], "二手", "")] == ["45%"]
    assert [t.value for t in select(targets, [], "汽车", "")] == ["1万元", "7000元"]
    assert [t.value for t in select(targets, ["苏州"], "", "2027")] == ["30%", "85%"]
    assert len(select(targets, ["苏州", "晋城"], "", "")) == len(targets)
    assert select(targets, [], "", "2030") == []


def _cells(row: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]


def test_each_row_shows_the_target_as_written_and_links_to_its_clause(targets):
    (row,) = _rows(table_html(select(targets, ["晋城"], "二手", ""), len(targets)))
    cells = _cells(row)
    assert cells[:7] == ["晋城", "二手", "二手车交易量", "45%", "2027", "2023", ""]
    assert cells[7] == "一、工作目标"
    href = clause_href("jc", "jc-0").replace("&", "&amp;")
    assert f'<a class="pa-open pa-t-link" href="{href}"' in row


def test_the_table_has_bilingual_headers_a_summary_and_an_empty_state(targets):
    page = table_html(targets, len(targets))
    assert '城市<span class="pa-t-en">City</span>' in page and "目标值" in page
    assert f"共 {len(targets)} 项目标" in page and len(_rows(page)) == len(targets)
    empty = table_html([], len(targets), targets)
    assert "没有符合条件的目标" in empty and "No target matches" in empty
    assert "期限年份：2027" in empty and "交通" in empty  # what the filters could find instead


def test_the_lead_column_and_qualified_values(targets):
    fake = FakeRetriever.build()
    leads = lead_departments(fake.clauses)
    (row,) = _rows(table_html(select(targets, ["苏州"], "交通", ""), len(targets), leads=leads))
    cells = _cells(row)
    assert cells[3] == "85%" and cells[6] == "市交通运输局"
    (investment,) = _rows(table_html(select(targets, ["苏州"], "总体目标", ""), len(targets)))
    assert _cells(investment)[3] == "30%左右"
    assert "牵头单位" in table_html(targets, len(targets))


def test_text_from_the_documents_is_escaped():
    target = Target(
        "d", "d#1", "一、<b>目标</b>", "苏州", "<script>x</script>", "5%", "%", "", "", "", "<i>句</i>"
    )
    page = table_html([target], 1)
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page


def test_the_csv_has_a_bom_a_header_row_and_the_chinese_text(targets, tmp_path):
    rows = select(targets, ["晋城"], "", "")
    path = csv_file(rows, tmp_path)
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode())
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["indicator"] for r in records] == [t.indicator for t in rows]
    assert records[1]["value"] == "45%" and records[1]["sector"] == "二手" and records[1]["city"] == "晋城"


def test_the_same_rows_give_the_same_file_and_other_rows_another(targets, tmp_path):
    first = csv_file(targets, tmp_path)
    assert csv_file(list(targets), tmp_path) == first
    assert csv_file(targets[:1], tmp_path) != first
    assert first.name == "policy-targets.csv"
