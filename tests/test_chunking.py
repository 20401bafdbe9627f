from __future__ import annotations

from assistant.chunking import CHUNK_LIMIT, chunk_clauses, split_clause_text
from assistant.config import CITATION_LIMIT
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


def test_long_clause_splits_at_sentence_ends_within_the_citation_limit():
    sentence = "支持企业更新老旧设备并享受财政贴息政策，提升生产效率和安全水平。"
    text = sentence * 40
    parts = split_clause_text(text)
    assert len(parts) > 1
    assert all(len(p) <= CHUNK_LIMIT <= CITATION_LIMIT for p in parts)
    assert all(p.endswith("。") for p in parts)
    assert "".join(parts) == text
