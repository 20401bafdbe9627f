"""A retrieved hit as plain JSON data: the one serializer of the batch output, `ask --json` and the web API."""

from __future__ import annotations

from typing import Any

from assistant.config import CITATION_LIMIT
from assistant.records import Hit


def hit_json(hit: Hit, text_limit: int | None = CITATION_LIMIT) -> dict[str, Any]:
    """The fields a citation shows, in the order of the batch output (EVAL_FORMAT). The command line cuts
    `text` at CITATION_LIMIT characters, as the contract says; the web API passes `text_limit=None`."""
    chunk = hit.chunk
    return {
        "rank": hit.rank,
        "doc_id": chunk.doc_id,
        "title": chunk.title,
        "city": chunk.city or chunk.province,
        "section": chunk.section,
        "text": chunk.text[:text_limit],
        "score": round(hit.score, 6),
        "issued": hit.issued or None,
        "status": hit.status,
        "window": hit.window or None,
        "clause_id": chunk.clause_id,
        "doc_number": chunk.doc_number,
        "lead": list(chunk.lead),
        "support": list(chunk.support),
    }
