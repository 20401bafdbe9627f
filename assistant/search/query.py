"""Question clean-up: white space, control characters, over-long questions."""

from __future__ import annotations

import re

MAX_QUESTION_CHARS = 1000


def prepare_question(question: str) -> tuple[str, tuple[str, ...]]:
    """Normalise white space and cut an over-long question, with a notice saying so."""
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", question or "")
    text = re.sub(r"\s+", " ", text).strip()
    if text and not re.search(r"\w", text):
        return "", ("问题里没有文字，请用文字提问 / The question has no words; please ask in words",)
    if len(text) > MAX_QUESTION_CHARS:
        notice = f"问题过长，只使用了前 {MAX_QUESTION_CHARS} 个字符 / Question truncated to its first {MAX_QUESTION_CHARS} characters"
        return text[:MAX_QUESTION_CHARS], (notice,)
    return text, ()
