"""The web layer without a browser, as a newcomer meets it: filter conflicts, feedback, export."""

from __future__ import annotations

import re

import pytest

from assistant.web.session import ask, chat_result
from tests.web_fakes import FakeRetriever


@pytest.fixture(scope="module")
def retriever() -> FakeRetriever:
    return FakeRetriever.build()


def test_a_filter_that_excludes_the_place_asked_about_says_so(retriever):
    answer = ask(retriever, "苏州新能源公交车占比目标是多少？", cities=["晋城"]).answer
    assert not answer.answerable and answer.hits == ()
    assert "筛选条件只包括晋城" in answer.reply and "不包括问题所问的苏州" in answer.reply


def test_the_filter_conflict_is_explained_in_english_and_through_the_api(retriever):
    answer = ask(retriever, "What is the new-energy bus target in Suzhou?", cities=["晋城"]).answer
    assert "excludes Suzhou" in answer.reply and "(Jincheng)" in answer.reply
    result = chat_result(retriever, "苏州新能源公交车占比目标是多少？", cities=["晋城"])
    assert "不包括问题所问的苏州" in result["reply"] and result["citations"] == []


def test_a_follow_up_to_an_excluded_place_meets_the_filter_too(retriever):
    first = ask(retriever, "晋城新能源公交车更新", cities=["晋城"])
    second = ask(retriever, "那苏州呢？", [first.turn], cities=["晋城"])
    assert "不包括问题所问的苏州" in second.answer.reply


def test_a_filter_that_excludes_one_of_two_places_answers_the_other_with_a_notice(retriever):
    answer = ask(retriever, "苏州和晋城的设备投资增长目标分别是多少？", cities=["晋城"]).answer
    assert answer.answerable and {hit.chunk.city for hit in answer.hits} == {"晋城"}
    assert "筛选条件不包括苏州，以下只回答晋城的内容。" in answer.notices


def test_a_filter_that_includes_the_place_changes_nothing(retriever):
    answer = ask(retriever, "苏州新能源公交车占比目标是多少？", cities=["苏州"]).answer
    assert answer.answerable and not any("筛选" in notice for notice in answer.notices)


def test_a_cited_table_row_shows_its_column_names():
    from assistant.records import Answer, Chunk, Document, Hit
    from assistant.web.documents_view import row_cells, table_headers
    from assistant.web.render import answer_html

    text = "附件\n序号 | 工作任务 | 细化措施 | 部门分工\n8 | 开展汽车以旧换新行动 | 鼓励消费者自主淘汰老旧汽车。 | 市商务局牵头"
    document = Document("jc", "晋城市实施方案", text, city="晋城")
    headers = table_headers([document])
    assert headers == {"jc": [["序号", "工作任务", "细化措施", "部门分工"]]}
    row = text.splitlines()[2]
    assert row_cells(row, headers["jc"])[1] == ("工作任务", "开展汽车以旧换新行动")
    assert row_cells("8 | 只有两格", headers["jc"]) is None

    chunk = Chunk(
        "jc#8#0", "jc", "jc#8", "附件 › 8 开展汽车以旧换新行动", row, row, title="晋城市实施方案", city="晋城"
    )
    answer = Answer("晋城汽车以旧换新？", True, "鼓励消费者自主淘汰老旧汽车。[1]", (Hit(chunk, 1.0, 1),))
    page = answer_html(answer, headers=headers)
    names = re.findall(r'<span class="pa-row-name">(.*?)</span>', page)
    assert names == ["序号", "工作任务", "细化措施", "部门分工"] and "开展汽车以旧换新行动" in page
    assert " | " not in page.split('class="pa-passage"')[1]
    assert '<mark class="pa-quoted">鼓励消费者自主淘汰老旧汽车。</mark>' in page


@pytest.mark.parametrize(
    ("heading", "shown"),
    [
        (
            "附件大规模设备更新和消费品以旧换新细化措施分工表",
            "附件：大规模设备更新和消费品以旧换新细化措施分工表",
        ),
        ("附件2重点项目清单", "附件2：重点项目清单"),
        ("附件：重点项目清单", "附件：重点项目清单"),
        ("附件", "附件"),
        ("附件1", "附件1"),
        ("二、大力推进设备更新行动", "二、大力推进设备更新行动"),
    ],
)
def test_an_annex_title_run_on_to_its_label_is_shown_with_a_separator(heading, shown):
    from assistant.web.documents_view import display_heading, display_section

    assert display_heading(heading) == shown
    assert display_section(f"{heading} › 8 开展汽车以旧换新行动") == f"{shown} › 8 开展汽车以旧换新行动"


def test_a_reply_quoting_a_table_row_names_its_cells():
    from assistant.records import Answer, Chunk, Hit
    from assistant.web.render import answer_html

    row = "8 | 开展汽车以旧换新行动 | 鼓励消费者自主淘汰老旧汽车。 | 市商务局牵头"
    chunk = Chunk(
        "jc#8#0", "jc", "jc#8", "附件 › 8 开展汽车以旧换新行动", row, row, title="晋城市实施方案", city="晋城"
    )
    reply = "8 | 开展汽车以旧换新行动 | 鼓励消费者自主淘汰老旧汽车。[1]"
    answer = Answer("晋城汽车以旧换新？", True, reply, (Hit(chunk, 1.0, 1),))
    headers = {"jc": [["序号", "工作任务", "细化措施", "部门分工"]]}
    page = answer_html(answer, headers=headers)
    line = page.split('class="pa-reply-line">')[1].split("</div>")[0]
    assert line.startswith("工作任务：开展汽车以旧换新行动；细化措施：鼓励消费者自主淘汰老旧汽车。")
    assert "&#124;" not in line and "8" not in line.split("<sup")[0]
