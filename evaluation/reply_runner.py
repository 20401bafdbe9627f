"""Compose the chat's reply to each question (first turn, default settings) and score it with reply-hit."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from evaluation.questions import Question
from evaluation.replies import ReplyResult, reply_hit

CHAT_K = 5  # citations the web app shows by default


def run_replies(
    retriever, questions: Sequence[Question], progress: Callable[[int, int], None] | None = None
) -> list[ReplyResult]:
    """The reply the chat gives each answerable question, as a new user would ask it, and its reply-hit;
    `progress(done, total)` after each question."""
    from assistant.web.session import ask

    answerable = [q for q in questions if q.answerable]
    results = []
    for done, question in enumerate(answerable, 1):
        exchange = ask(retriever, question.question, k=CHAT_K)
        reply = exchange.answer.reply if exchange else ""
        hit = reply_hit(reply, question.reply_groups)
        results.append(
            ReplyResult(question.id, question.question, question.category, question.lang, hit, reply)
        )
        if progress:
            progress(done, len(answerable))
    return results
