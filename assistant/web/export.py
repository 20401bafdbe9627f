"""Keeping and sharing answers: an answer as plain text (the copy button) and a conversation as Markdown.

An exchange is stored as plain data (`exchange_record`), so a conversation kept in the browser's storage
can be exported after a page reload without the server remembering it.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.records import Answer
from assistant.web.documents_view import display_section
from assistant.web.labels import CITED_HEADING, EXPORT_TITLE

EXPORT_DIRECTORY = Path(tempfile.gettempdir()) / "policy-assistant-exports"
EXPORT_NAME = "conversation.md"
SEPARATOR = " · "


def exchange_record(question: str, answer: Answer) -> dict[str, Any]:
    """One question and its answer as plain data: reply, whether it answers, and each citation's source."""
    return {
        "question": question,
        "answerable": answer.answerable,
        "reply": answer.reply,
        "notices": list(answer.notices),
        "citations": [
            {
                "n": n,
                "place": hit.chunk.city or hit.chunk.province,
                "document": hit.chunk.title,
                "doc_number": hit.chunk.doc_number,
                "section": display_section(hit.chunk.section),
                "text": hit.chunk.text,
            }
            for n, hit in enumerate(answer.hits, 1)
        ],
    }


def citation_line(citation: dict[str, Any]) -> str:
    """'[1] 苏州 · 苏州市…实施方案 · 晋市政发〔2024〕12号 · 二、… › 11．…' (empty parts left out)."""
    parts = [citation.get(key) or "" for key in ("place", "document", "doc_number", "section")]
    return f"[{citation['n']}] " + SEPARATOR.join(part for part in parts if part)


def answer_text(record: dict[str, Any]) -> str:
    """The reply and, when it answers, its citations as plain text: what the copy button copies."""
    lines = [record["reply"]]
    if record["answerable"] and record["citations"]:
        lines += ["", CITED_HEADING] + [citation_line(c) for c in record["citations"]]
    return "\n".join(lines)


def conversation_markdown(records: Sequence[dict[str, Any]], title: str = EXPORT_TITLE) -> str:
    """A whole conversation as Markdown: each question, its reply, and its citations with their passages."""
    out = [f"# {title}", ""]
    for number, record in enumerate(records, 1):
        out += [f"## {number}. {_inline(record['question'])}", ""]
        out += [f"> {_inline(notice)}" for notice in record.get("notices", [])]
        out += [_inline(line) for line in record["reply"].splitlines()] + [""]
        if record["answerable"]:
            for citation in record["citations"]:
                out += [f"- **{_inline(citation_line(citation))}**", ""]
                out += ["  " + _inline(line) for line in citation["text"].splitlines() if line.strip()] + [""]
    return "\n".join(out).rstrip() + "\n"


def markdown_file(records: Sequence[dict[str, Any]], directory: Path = EXPORT_DIRECTORY) -> Path:
    """The conversation as a Markdown file (UTF-8); the same conversation always gives the same file."""
    return content_file(conversation_markdown(records).encode("utf-8"), directory, EXPORT_NAME)


def content_file(data: bytes, directory: Path, name: str) -> Path:
    """`data` as the file `name` in a folder of `directory` named by its hash: the same bytes always give the
    same file, written once and whole (a partial file is renamed into place)."""
    folder = directory / hashlib.sha256(data).hexdigest()[:16]
    path = folder / name
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(partial, path)
    return path


def _inline(text: str) -> str:
    """Text with the Markdown characters that could change its meaning escaped ([1] stays readable)."""
    escaped = re.sub(r"([\\`*_{}<>#|])", r"\\\1", text)
    return escaped if not escaped.startswith(("-", "+", ">")) else "\\" + escaped
