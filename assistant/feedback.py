"""Evaluators' 👍/👎 on answers, appended to a local JSONL log (one vote a line)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.config import PROJECT_ROOT
from assistant.records import Answer

DEFAULT_FEEDBACK_FILE = PROJECT_ROOT / "feedback" / "feedback.jsonl"
_LOCK = threading.Lock()


def feedback_record(
    answer: Answer, vote: str, question: str = "", when: datetime | None = None
) -> dict[str, Any]:
    """The log line for a vote ('up' or 'down') on `answer`; `question` is the question as asked."""
    if vote not in ("up", "down"):
        raise ValueError(f"vote must be 'up' or 'down', not {vote!r}")
    return {
        "time": (when or datetime.now(UTC)).isoformat(timespec="seconds"),
        "vote": vote,
        "question": question or answer.question,
        "query": answer.question,
        "answerable": answer.answerable,
        "answer": answer.reply,
        "citations": [
            {
                "n": n,
                "doc_id": hit.chunk.doc_id,
                "clause_id": hit.chunk.clause_id,
                "city": hit.chunk.city or hit.chunk.province,
                "title": hit.chunk.title,
                "section": hit.chunk.section,
                "text": hit.chunk.text,
                "score": hit.score,
            }
            for n, hit in enumerate(answer.hits, 1)
        ],
    }


def append_feedback(path: Path | str, record: dict[str, Any]) -> Path:
    """Append one record as a JSON line (the directory is created when missing); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with _LOCK, path.open("a", encoding="utf-8") as handle:
        handle.write(line)
    return path


def read_feedback(path: Path | str) -> list[dict[str, Any]]:
    """All records of a feedback log, oldest first (an absent log has none)."""
    path = Path(path)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
