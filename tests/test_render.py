"""HTML of answers, citations and the Documents view."""

from __future__ import annotations

import html
import re

import pytest

from assistant.chat.answer import compose
from assistant.records import Answer, Chunk, Clause, Document, Hit
from assistant.web import documents_view as dv
from assistant.web import render
from tests.web_fakes import FakeRetriever

XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'


@pytest.fixture(scope="module")
def retriever() -> FakeRetriever:
    return FakeRetriever.build()


def _answer(retriever: FakeRetriever, question: str) -> Answer:
    return compose(retriever.search(question), question)


def _visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<br>", "\n", re.sub(r"<(?!br>)[^>]+>", "", fragment)))


def test_a_question_is_shown_as_text_never_as_markup():
    out = render.question_html(XSS + "\n**粗体** [链接](http://x)")
    assert "<script" not in out and "<img" not in out and "onerror=" not in out.replace("&#", "")
    assert _visible_text(out) == XSS + "\n**粗体** [链接](http://x)"


def test_answer_html_is_one_line_without_blank_lines(retriever):
    # Gradio renders chat messages as Markdown: a blank line or indentation would break the HTML block.
    out = render.answer_html(_answer(retriever, "苏州新能源公交占比目标是多少？"))
    assert "\n" not in out


def test_a_citation_card_shows_where_the_clause_comes_from(retriever):
    answer = _answer(retriever, "晋城设备投资规模增长目标是多少？")
    out = render.answer_html(answer)
    first = out[out.index('class="pa-card"') : out.index("</a></div>") + 10]
    assert '<span class="pa-badge">1</span>' in first
    assert '<span class="pa-place">晋城</span>' in first
    assert "晋城市推动大规模设备更新和消费品以旧换新实施方案" in first
    assert "晋市政发〔2024〕12号" in first
    assert "一、工作目标" in first
    assert (
        '<mark class="pa-quoted">到2027年，工业、农业、建筑、交通等领域设备投资规模较2023年增长25%以上。</mark>'
        in first
    )
    assert f'href="{html.escape(dv.clause_href("jc", "jc-0"))}"' in first


def test_departments_are_shown_on_the_card(retriever):
    out = render.answer_html(_answer(retriever, "苏州新能源公交车更新由哪个部门牵头？"), lang="zh")
    assert '<span class="pa-tag">牵头</span>市交通运输局' in out
    assert '<span class="pa-tag pa-tag-muted">配合</span>市生态环境局、市公安局' in out


def test_reply_citation_marks_become_references(retriever):
    out = render.answer_html(_answer(retriever, "苏州新能源公交占比目标是多少？"))
    assert '到2027年，新能源城市公交车辆占比达到85%。<sup class="pa-ref">[1]</sup>' in out


def test_not_found_lists_related_clauses_without_presenting_them_as_the_answer(retriever):
    answer = _answer(retriever, "深圳的家电补贴标准是多少？")
    out = render.answer_html(answer)
    assert "pa-not-found" in out and "可能相关的条款（并非答案）" in out
    assert "引用条款" not in out and "pa-badge" not in out and "pa-ref" not in out
    assert out.count('class="pa-card pa-card-related"') == min(len(answer.hits), render.RELATED_SHOWN)


def test_english_labels_for_an_english_question(retriever):
    answer = _answer(retriever, "深圳的家电补贴标准是多少？")
    out = render.answer_html(answer, lang="en", understood_as="深圳 subsidies")
    assert "Possibly related clauses (not an answer)" in out and "Understood in context as" in out


def test_notices_are_shown_escaped():
    answer = Answer("q", False, "没有找到。", (), ("问题过长 <b>", "第二条"))
    out = render.answer_html(answer)
    assert out.count('class="pa-notice"') == 2 and "<b>" not in out


def test_the_matching_sentence_is_marked_when_the_reply_does_not_quote_the_passage(retriever):
    """The mark on a card the reply does not quote is the sentence the reply selector would quote from it."""
    answer = _answer(retriever, "苏州新能源公交占比目标是多少？")
    passage = "加快推进城市公交新能源车型替代。鼓励出租汽车加快新能源车型替代。"
    hit = Hit(Chunk("c9#0", "d", "c9", "十一、推动运输工具设备更新", passage, passage, city="苏州"), 0.5, 9)
    start, end, quoted = render.highlight(hit, answer)
    assert (passage[start:end], quoted) == ("加快推进城市公交新能源车型替代。", False)


def test_anchor_ids_are_safe_and_distinct():
    ids = {dv.anchor_id(c) for c in ("doc#c001", "doc c001", "文件#一", "doc_23c001")}
    assert len(ids) == 4
    assert all(re.fullmatch(r"clause-[A-Za-z0-9_-]+", i) for i in ids)


def test_clause_href_carries_document_and_clause():
    assert (
        dv.clause_href("000_abc", "000_abc#c012")
        == "?doc=000_abc&clause=000_abc%23c012#clause-000_5f_abc_23_c012"
    )


def _document() -> tuple[Document, list[Clause]]:
    text = "某市实施方案\n一、总体要求\n到2027年，设备投资增长30%。\n二、重点任务\n1．推进公交更新。加快替代。\n（市交通局牵头负责）"
    clauses = [
        Clause("d", "d#c1", ("一、总体要求",), "一、总体要求\n到2027年，设备投资增长30%。", 1),
        Clause(
            "d",
            "d#c2",
            ("二、重点任务", "1．推进公交更新"),
            "1．推进公交更新。加快替代。\n（市交通局牵头负责）",
            2,
            ("市交通局",),
        ),
    ]
    return Document("d", "某市实施方案", text, city="某市", doc_number="某政发〔2024〕1号"), clauses


def test_document_text_keeps_all_text_with_clause_anchors():
    document, clauses = _document()
    out = dv.text_html(document, clauses, target="d#c2")
    for line in document.text.split("\n"):
        assert html.escape(line) in out
    assert f'<section class="pa-clause" id="{dv.anchor_id("d#c1")}">' in out
    assert f'<section class="pa-clause pa-target" id="{dv.anchor_id("d#c2")}">' in out
    assert '<p class="pa-para pa-heading">一、总体要求</p>' in out


def test_outline_links_each_heading_to_its_first_clause():
    document, clauses = _document()
    out = dv.outline_html(document, clauses)
    headings = re.findall(r'data-anchor="([^"]+)">([^<]+)</a>', out)
    assert headings == [
        (dv.anchor_id("d#c1"), "一、总体要求"),
        (dv.anchor_id("d#c2"), "二、重点任务"),
        (dv.anchor_id("d#c2"), "1．推进公交更新"),
    ]
    assert "pa-depth-1" in out


def test_document_choices_are_labelled_by_place_and_title():
    document, _ = _document()
    assert dv.document_choices([document]) == [("某市 · 某市实施方案", "d")]
    assert "某政发〔2024〕1号" in dv.header_html(document)


def test_a_clause_whose_text_is_not_contiguous_in_the_document_is_still_anchored():
    # Items of a section share one department note at its end; each clause's text carries a copy of it.
    note = "（牵头单位：市交通局）"
    text = f"（三）推动交通更新\n1.推进公交更新。加快替代。\n2.淘汰老旧货车。\n{note}"
    clauses = [
        Clause(
            "d", "d#1", ("（三）推动交通更新", "1.推进公交更新"), f"1.推进公交更新。加快替代。\n{note}", 1
        ),
        Clause("d", "d#2", ("（三）推动交通更新", "2.淘汰老旧货车"), f"2.淘汰老旧货车。\n{note}", 2),
    ]
    located = dv.locate_clauses(text, clauses)
    spans = [text[start:end] for _, start, end in located]
    assert spans == ["1.推进公交更新。加快替代。\n", f"2.淘汰老旧货车。\n{note}"]
    out = dv.text_html(Document("d", "t", text), clauses, target="d#2")
    assert out.count("<section") == 2 and f'id="{dv.anchor_id("d#2")}"' in out and note in out


def test_a_clause_not_found_in_the_text_keeps_an_empty_anchor():
    located = dv.locate_clauses("一、总则\n正文。", [Clause("d", "d#9", ("附件",), "附件表格内容", 9)])
    assert [(start, end) for _, start, end in located] == [(0, 0)]
