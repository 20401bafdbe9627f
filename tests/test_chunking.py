from __future__ import annotations

from assistant.config import CITATION_LIMIT
from assistant.documents.chunking import (
    CHUNK_LIMIT,
    VIEW_LIMIT,
    chunk_clauses,
    chunk_place,
    sentence_groups,
    split_clause_text,
    windows,
)
from assistant.records import Clause, Document


def test_short_clause_is_one_chunk_with_context_in_embed_text():
    doc = Document("d1", "苏某市推动设备更新实施方案", "", city="苏某")
    clause = Clause(
        "d1",
        "d1#c001",
        ("二、任务", "7．推进老旧住宅电梯更新改造"),
        "推动使用15年以上老旧住宅电梯安全评估。",
        1,
        ("市住建局",),
    )
    (chunk,) = chunk_clauses(doc, [clause])
    assert chunk.text == clause.text
    assert chunk.embed_text.startswith(
        "苏某 苏某市推动设备更新实施方案\n二、任务 › 7．推进老旧住宅电梯更新改造\n"
    )
    assert chunk.lead == ("市住建局",) and chunk.chunk_id == "d1#c001"


def test_long_clause_splits_into_overlapping_sentence_windows_within_the_citation_limit():
    sentences = [f"第{n}项：支持企业更新老旧设备并享受财政贴息{n}万元，提升生产效率。" for n in range(40)]
    text = "".join(sentences)
    parts = split_clause_text(text)
    assert len(parts) > 1
    assert all(len(p) <= CHUNK_LIMIT <= CITATION_LIMIT for p in parts)
    assert all(p.endswith("。") for p in parts)  # cut at sentence ends only: a figure keeps its subject
    # every sentence lies whole in some window, and each window starts inside the one before it
    assert all(any(s in p for p in parts) for s in sentences)
    assert all(p[:30] in q for p, q in zip(parts[1:], parts[:-1], strict=True))
    assert parts[0].startswith(sentences[0]) and parts[-1].endswith(sentences[-1])


def test_windows_advance_half_a_window_and_never_repeat_an_ending():
    assert windows([100] * 10, limit=600) == [(0, 6), (3, 9), (6, 10)]
    # a group longer than the limit stands alone; nothing is emitted twice
    assert windows([10, 700, 10], limit=600) == [(0, 1), (1, 2), (2, 3)]
    assert windows([], limit=600) == []


def test_sentence_groups_give_the_text_back():
    text = (
        "到2027年，新能源城市公交车辆占比达到85%。推动老旧燃气管道更新改造约1400公里；" * 5 + "没有句号的尾巴"
    )
    groups = sentence_groups(text)
    assert "".join(groups) == text and all(len(g) <= VIEW_LIMIT or "。" not in g[:-1] for g in groups)


def test_a_document_without_headings_is_cited_by_position():
    body = "".join(f"第{n}条消息：各地加快复工复产，发放补贴{n}亿元。" for n in range(60))
    doc = Document("news", "各部门强化疫情防控助力企业复工复产", body)
    chunks = chunk_clauses(doc, [Clause("news", "news#c000", ("前言",), body, 0)])
    assert [c.section for c in chunks] == [f"第{n}段" for n in range(1, len(chunks) + 1)]
    structured = [
        Clause("d", "d#c000", ("一、任务",), "短条款。", 0),
        Clause("d", "d#c001", ("二、措施",), body, 1),
    ]
    sections = [c.section for c in chunk_clauses(doc, structured)]
    assert sections[0] == "一、任务" and sections[1] == "二、措施 · 第1段"


def test_a_chunk_id_tells_its_clause_and_part():
    sentences = [f"第{n}项：支持企业更新老旧设备并享受财政贴息{n}万元，提升生产效率。" for n in range(40)]
    doc = Document("d1", "苏某市推动设备更新实施方案", "", city="苏某")
    long_clause = Clause("d1", "d1#c003", ("二、任务",), "".join(sentences), 3, ())
    chunks = chunk_clauses(doc, [long_clause])
    assert [chunk_place(c.chunk_id) for c in chunks[:2]] == [(3, 1), (3, 2)]
    assert chunk_place("d1#c012") == (12, 0)
    assert chunk_place("附件1") is None
