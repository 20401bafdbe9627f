"""One serializer for a hit: the batch output (EVAL_FORMAT), `ask --json` and the web API write the same fields."""

from __future__ import annotations

from assistant.config import CITATION_LIMIT
from assistant.records import Chunk, Hit
from assistant.search.hits import hit_json
from assistant.web.session import hits_json

LONG = "新能源城市公交车辆占比达到85%。" * 60  # 1,020 characters: longer than a citation shows
HIT = Hit(
    Chunk("c1", "suz", "suz-11", "三（四）11．推动运输工具设备更新", LONG, LONG, "苏州市实施方案", "", "江苏",
          "苏府〔2024〕55号", ("市交通运输局",), ("市财政局",)),
    0.8312345678, 1, issued="2024-05-20", status="in force",
)  # fmt: skip


def test_the_batch_output_fields_in_their_documented_order() -> None:
    data = hit_json(HIT)
    assert list(data)[:7] == ["rank", "doc_id", "title", "city", "section", "text", "score"]
    assert data["city"] == "江苏"  # no city: the province stands for the place
    assert data["score"] == 0.831235 and data["issued"] == "2024-05-20" and data["status"] == "in force"
    assert (
        data["lead"] == ["市交通运输局"]
        and data["support"] == ["市财政局"]
        and data["doc_number"] == "苏府〔2024〕55号"
    )
    assert data["text"] == LONG[:CITATION_LIMIT]


def test_the_web_api_writes_the_same_fields_with_the_whole_text() -> None:
    (web,) = hits_json([HIT])
    assert web == {**hit_json(HIT), "text": LONG}
