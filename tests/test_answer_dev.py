"""The chat's replies over the whole dev set, with the real model and index: no number that no cited
passage holds, no citations presented as an answer when the documents do not answer, and figure
questions answered with their figure."""

from __future__ import annotations

import re

import pytest

from assistant.chat.answer import cited_numbers
from assistant.config import PROJECT_ROOT
from assistant.knowledge.targets import compact, find_figures
from assistant.web.session import ask, chat_result
from evaluation.questions import Question, read_questions

pytestmark = pytest.mark.model

DEV_SET = PROJECT_ROOT / "evaluation" / "data" / "dev.jsonl"
QUESTIONS = read_questions(DEV_SET)
_DIGITS = re.compile(r"\d+")
_CITATION = re.compile(r"\[\d+\]")


@pytest.fixture(scope="module")
def retriever():
    from assistant.search.retriever import open_retriever

    return open_retriever()


@pytest.fixture(scope="module")
def replies(retriever) -> dict[str, object]:
    """Each dev question's Answer, composed exactly as the chat composes it (first turn, default k)."""
    return {q.id: ask(retriever, q.question).answer for q in QUESTIONS}


def _cited_passages(answer) -> list[str]:
    return [answer.hits[n - 1].chunk.text for n in cited_numbers(answer.reply) if 0 < n <= len(answer.hits)]


def _evidence_figures(question: Question) -> list[str]:
    """The figures (number with unit, ratio or multiple) the question asks for: those of the part of its
    first evidence string, between commas, that shares most with the question (evidence strings may
    include a neighbouring figure, "增长45%，废旧家电回收量较2023年增长30%", to be unique)."""
    evidence = compact(question.evidence[0][0]) if question.evidence else ""
    parts = [part for part in re.split(r"[，,；;]", evidence) if find_figures(part)]
    if not parts:
        return []
    asked = _bigrams(question.question)
    best = max(parts, key=lambda part: len(asked & _bigrams(part)))  # the first of equals
    return [figure.value for figure in find_figures(best)]


def _bigrams(text: str) -> set[str]:
    return {a + b for a, b in zip(text, text[1:], strict=False)}


def test_every_number_in_a_reply_is_in_a_passage_it_cites(replies):
    problems = []
    for question in QUESTIONS:
        answer = replies[question.id]
        numbers_cited = {
            n for passage in _cited_passages(answer) for n in _DIGITS.findall(f"{passage} {compact(passage)}")
        }
        for number in _DIGITS.findall(_CITATION.sub("", answer.reply)):
            if number not in numbers_cited:  # a whole run of digits, not a part of a longer one
                problems.append(f"{question.id}: {number!r} of {answer.reply!r} is in no cited passage")
    assert not problems, "\n".join(problems)


def test_every_citation_mark_points_at_a_cited_clause(replies):
    for question in QUESTIONS:
        answer = replies[question.id]
        assert all(0 < n <= len(answer.hits) for n in cited_numbers(answer.reply)), question.id
        if answer.answerable:
            assert cited_numbers(answer.reply), f"{question.id}: an answer cites at least one clause"


def test_a_reply_that_does_not_answer_presents_no_citation(retriever, replies):
    not_answered = [q for q in QUESTIONS if not replies[q.id].answerable]
    assert not_answered, "the dev set has questions the documents do not answer"
    for question in not_answered:
        answer = replies[question.id]
        assert cited_numbers(answer.reply) == [], question.id
        assert not _DIGITS.search(answer.reply), question.id
    for question in not_answered[:5]:  # the API shows such hits only as related clauses
        result = chat_result(retriever, question.question)
        assert result["citations"] == [] and not result["answerable"], question.id


FIGURE_QUESTIONS = [q for q in QUESTIONS if q.category == "target" and _evidence_figures(q)]


def test_the_dev_set_has_figure_questions_to_check():
    assert len(FIGURE_QUESTIONS) >= 20


@pytest.mark.parametrize("question", FIGURE_QUESTIONS, ids=[q.id for q in FIGURE_QUESTIONS])
def test_a_figure_question_is_answered_with_its_figure(replies, question):
    answer = replies[question.id]
    reply = compact(_CITATION.sub("", answer.reply))
    assert answer.answerable, f"{question.question!r} was not answered"
    missing = [figure for figure in _evidence_figures(question) if figure not in reply]
    assert not missing, f"{question.question!r}: {missing} not in reply {answer.reply!r}"


_DEPARTMENT_LINE = re.compile(r"牵头部门|配合部门|Lead: |Supporting: ")  # names listed, not a quote
_CUT_BOUNDARY = re.compile(r"[，,。；;：:！!？?、）)】」”\]|]")


def test_no_reply_ends_inside_a_figure(replies):
    """Every quoted fragment ends where its passage has a punctuation mark (or ends): a quote is never cut
    between a figure and its unit or qualifier ("约 1400" without "公里", "20" without "万元以上")."""
    from assistant.chat.answer import quoted_fragments

    problems = []
    for question in QUESTIONS:
        answer = replies[question.id]
        passages = [re.sub(r"\s+", "", p) for p in _cited_passages(answer)]
        quoting = [line for line in answer.reply.splitlines() if not _DEPARTMENT_LINE.search(line)]
        for fragment in quoted_fragments("\n".join(quoting)):
            squeezed = re.sub(r"\s+", "", fragment)
            if _CUT_BOUNDARY.match(squeezed[-1]):
                continue  # ends at a punctuation mark of its own
            for passage in passages:
                at = passage.find(squeezed)
                if at < 0:
                    continue
                following = passage[at + len(squeezed) : at + len(squeezed) + 1]
                if following and not _CUT_BOUNDARY.match(following):
                    problems.append(f"{question.id}: {fragment!r} is cut before {following!r}")
                break
    assert not problems, "\n".join(problems)
