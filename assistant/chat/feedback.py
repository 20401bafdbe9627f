"""Evaluators' 👍/👎 on answers, with an optional comment, in a local JSONL log (one vote a line).

A vote carries a key (conversation and message); voting again on the same message replaces the
earlier line, so the log holds each person's last word on each answer."""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.config import PROJECT_ROOT
from assistant.records import Answer

DEFAULT_FEEDBACK_FILE = PROJECT_ROOT / "feedback" / "feedback.jsonl"
_LOCK = threading.Lock()
log = logging.getLogger(__name__)
COMMENT_LIMIT = 2000  # characters of a comment kept


def feedback_record(
    answer: Answer,
    vote: str,
    question: str = "",
    when: datetime | None = None,
    key: str = "",
    comment: str = "",
) -> dict[str, Any]:
    """The log line for a vote ('up' or 'down') on `answer`; `question` is the question as asked, `key`
    names the message voted on (a later vote with the same key replaces this one)."""
    if vote not in ("up", "down"):
        raise ValueError(f"vote must be 'up' or 'down', not {vote!r}")
    return {
        "time": (when or datetime.now(UTC)).isoformat(timespec="seconds"),
        "key": key,
        "vote": vote,
        "comment": comment.strip()[:COMMENT_LIMIT],
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


def record_vote(path: Path | str, record: dict[str, Any]) -> Path:
    """Log a vote, replacing an earlier record with the same key (a changed vote is not logged twice)."""
    key = record.get("key")
    if not key:
        return append_feedback(path, record)
    with _LOCK:
        kept = [r for r in read_feedback(path) if r.get("key") != key]
        _write_all(Path(path), [*kept, record])
    return Path(path)


def add_comment(path: Path | str, key: str, comment: str) -> bool:
    """Attach a comment to the vote logged under `key`; False when there is no such vote."""
    with _LOCK:
        records = read_feedback(path)
        found = [r for r in records if key and r.get("key") == key]
        for record in found:
            record["comment"] = comment.strip()[:COMMENT_LIMIT]
        if found:
            _write_all(Path(path), records)
    if not found:
        log.warning("no vote logged under %s for a comment", key)
    return bool(found)


def _write_all(path: Path, records: list[dict[str, Any]]) -> None:
    """Rewrite the log whole, through a temporary file, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    os.replace(partial, path)


def read_feedback(path: Path | str) -> list[dict[str, Any]]:
    """All records of a feedback log, oldest first (an absent log has none)."""
    path = Path(path)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
