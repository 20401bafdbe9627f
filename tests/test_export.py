"""Keeping and sharing answers: the copy text, the Markdown export, and what the browser keeps."""

from __future__ import annotations

import pytest

from assistant.web.export import answer_text, conversation_markdown, exchange_record, markdown_file
from assistant.web.keeping import kept_value, restored
from assistant.web.render import answer_html
from assistant.web.session import ask
from tests.web_fakes import FakeRetriever


@pytest.fixture(scope="module")
def retriever() -> FakeRetriever:
    return FakeRetriever.build()


@pytest.fixture(scope="module")
def record(retriever) -> dict:
    exchange = ask(retriever, "晋城新能源公交车更新由哪个部门负责？")
    return exchange_record(exchange.turn.question, exchange.answer)


def test_the_copy_text_is_the_reply_then_each_citation_with_its_source(record):
    text = answer_text(record)
    lines = text.splitlines()
    assert lines[0] == record["reply"] and "引用条款 / Cited clauses:" in lines
    first = next(line for line in lines if line.startswith("[1] "))
    assert first.startswith(
        "[1] 晋城 · 晋城市推动大规模设备更新和消费品以旧换新实施方案 · 晋市政发〔2024〕12号 · "
    )
    assert first.endswith("1.推进交通运输装备绿色更新")


def test_the_copy_button_carries_the_text_inside_one_line_of_html(retriever, record):
    exchange = ask(retriever, "晋城新能源公交车更新由哪个部门负责？")
    page = answer_html(exchange.answer, copy_text=answer_text(record))
    assert "\n" not in page and 'class="pa-copy"' in page and "&#10;&#91;1&#93; 晋城" in page


def test_a_conversation_exports_as_markdown(retriever, record, tmp_path):
    second = ask(retriever, "苏州新能源公交占比目标是多少？")
    records = [record, exchange_record("苏州新能源公交占比目标是多少？", second.answer)]
    text = conversation_markdown(records)
    assert text.startswith("# 政策问答记录")
    assert (
        "## 1. 晋城新能源公交车更新由哪个部门负责？" in text
        and "## 2. 苏州新能源公交占比目标是多少？" in text
    )
    assert "- **[1] 苏州 · 苏州市推动大规模设备更新和消费品以旧换新实施方案 · " in text
    assert "新能源城市公交车辆占比达到85%" in text
    path = markdown_file(records, tmp_path)
    assert path.name == "conversation.md" and path.read_text(encoding="utf-8") == text
    assert markdown_file(records, tmp_path) == path


def test_markdown_syntax_in_a_question_is_escaped():
    record = {"question": "# 标题 *强调* <b>", "answerable": False, "reply": "没有找到。", "citations": []}
    assert "## 1. \\# 标题 \\*强调\\* \\<b\\>" in conversation_markdown([record])


def test_what_the_browser_kept_restores_messages_turns_and_records(record):
    messages = [{"role": "user", "content": "<div>q</div>"}, {"role": "assistant", "content": "<div>a</div>"}]
    kept = kept_value(messages, [record])
    back_messages, turns, records, export = restored(kept, ["苏州", "晋城"])
    assert back_messages == messages and records == [record] and export.endswith("conversation.md")
    assert turns[0].query == "晋城新能源公交车更新由哪个部门负责？"


@pytest.mark.parametrize("kept", [None, "garbage", {"messages": "x", "records": [1, {"no": "question"}]}])
def test_unreadable_kept_data_gives_an_empty_conversation(kept):
    messages, turns, records, export = restored(kept, ["苏州"])
    assert (messages, turns, records, export) == ([], [], [], None)
