"""Compose the chat's reply to each question (first turn, default settings) and score it: reply-hit, or for
finder questions the measure recall and precision of the passages it cites."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from evaluation.questions import Question
from evaluation.replies import ReplyResult, finder_result, reply_hit

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
        if question.finder:
            results.append(finder_result(question, reply, cited_texts(exchange.answer) if exchange else []))
        else:
            hit = reply_hit(reply, question.reply_groups)
            results.append(
                ReplyResult(question.id, question.question, question.category, question.lang, hit, reply)
            )
        if progress:
            progress(done, len(answerable))
    return results


def cited_texts(answer) -> list[str]:
    """The texts of the passages a reply cites: "[n]" is the answer's n-th hit, as the page numbers its cards."""
    from assistant.chat.answer import cited_numbers

    numbers = dict.fromkeys(n for n in cited_numbers(answer.reply) if 0 < n <= len(answer.hits))
    return [answer.hits[n - 1].chunk.text for n in numbers]
