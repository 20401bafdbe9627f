"""Reading JSON Lines: one object per non-blank line, errors that name the line."""

from __future__ import annotations

import json

from assistant.errors import AssistantError


class JsonlError(AssistantError, ValueError):
    """A line that is not a JSON object; the message names where and which line."""


def parse_jsonl(text: str, where: str = "line ") -> list[tuple[int, dict]]:
    """(line number, object) for each non-blank line of `text`; `where` prefixes error messages."""
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            raise JsonlError(f"{where}{number}: not valid JSON ({err.msg})") from None
        if not isinstance(data, dict):
            raise JsonlError(f"{where}{number}: expected a JSON object")
        records.append((number, data))
    return records
