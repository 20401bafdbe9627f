"""Question sets (EVAL_FORMAT.md): JSONL records with evidence groups, read from a path or a string."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from assistant.errors import AssistantError
from assistant.jsonl import JsonlError, parse_jsonl

FINDER = "finder"  # the category of "what applies to me" questions


class Question(NamedTuple):
    """One evaluation question; `evidence` is a tuple of groups of alternative strings."""

    id: str
    question: str
    evidence: tuple[tuple[str, ...], ...]
    category: str = ""
    lang: str = ""
    doc_id: str = ""
    reply_evidence: tuple[tuple[str, ...], ...] = ()  # what the chat's reply must hold, when not `evidence`
    related: tuple[tuple[str, ...], ...] = ()  # finder questions: relevant but not essential clauses

    @property
    def reply_groups(self) -> tuple[tuple[str, ...], ...]:
        """The groups a reply is checked against: `reply_evidence` when given, else `evidence`."""
        return self.reply_evidence or self.evidence

    @property
    def finder(self) -> bool:
        """A "what applies to me" question: scored on the passages its reply cites (EVAL_FORMAT.md)."""
        return self.category == FINDER

    @property
    def answerable(self) -> bool:
        """`evidence: []` means the corpus does not answer the question."""
        return bool(self.evidence)


class FormatError(AssistantError, ValueError):
    """A question set or batch file that does not follow EVAL_FORMAT.md (message names the line)."""


def read_jsonl(source: str | os.PathLike[str]) -> list[tuple[int, dict]]:
    """(line number, object) for each non-blank line of a JSONL path or JSONL string."""
    try:
        return parse_jsonl(_text_of(source))
    except JsonlError as err:
        raise FormatError(str(err)) from None


def read_questions(source: str | os.PathLike[str]) -> list[Question]:
    """Parse a question set; ids must be unique."""
    return unique([(number, question_of(number, data)) for number, data in read_jsonl(source)])


def unique(numbered: list[tuple[int, Question]], where: str = "line") -> list[Question]:
    """The questions, checked to have unique ids (an error names the line of the second one)."""
    seen: set[str] = set()
    for number, question in numbered:
        if question.id in seen:
            raise FormatError(f"{where} {number}: duplicate question id {question.id!r}")
        seen.add(question.id)
    return [question for _, question in numbered]


def _text_of(source: str | os.PathLike[str]) -> str:
    """A path's contents, or the string itself when it is JSONL text rather than a path."""
    if isinstance(source, str) and (source.lstrip().startswith("{") or "\n" in source):
        return source
    path = Path(source)
    if not path.is_file():
        raise FormatError(f"no such file: {path}")
    return path.read_text(encoding="utf-8-sig")


def question_of(number: int, data: dict, where: str = "line") -> Question:
    """One record of a question set (`where` and `number` name it in an error: "line 3", "row 3")."""
    for key in ("id", "question"):
        if not isinstance(data.get(key), str | int) or not str(data[key]).strip():
            raise FormatError(f"{where} {number}: missing {key!r}")
    return Question(
        id=str(data["id"]),
        question=str(data["question"]),
        evidence=_evidence(f"{where} {number}", data.get("evidence", [])),
        category=str(data.get("category") or ""),
        lang=str(data.get("lang") or ""),
        doc_id=str(data.get("doc_id") or ""),
        reply_evidence=_evidence(f"{where} {number}", data.get("reply_evidence", [])),
        related=_evidence(f"{where} {number}", data.get("related", [])),
    )


def _evidence(place: str, raw: object) -> tuple[tuple[str, ...], ...]:
    """Groups of alternatives; a bare string stands for a group of one (a lenient reading)."""
    if not isinstance(raw, list):
        raise FormatError(f"{place}: 'evidence' must be a list of groups")
    groups = []
    for group in raw:
        alternatives = [group] if isinstance(group, str) else group
        if not isinstance(alternatives, list) or not all(isinstance(a, str) for a in alternatives):
            raise FormatError(f"{place}: each evidence group must be a list of strings")
        kept = tuple(a for a in alternatives if "".join(a.split()))
        if not kept:
            raise FormatError(f"{place}: an evidence group has no non-blank string")
        groups.append(kept)
    return tuple(groups)
