"""One chat exchange without the interface: check the question, read it in context, retrieve, compose.

An asker who describes themselves and asks what support applies gets the list of measures (`measure_list`);
a list question about targets gets the targets table's rows (`target_list`); a business asking what applies
to its sector gets the sector listing (`sector_answer`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from assistant.chat.answer import compose, language_of
from assistant.chat.conversation import Turn, understand, understand_all
from assistant.chat.follow_up import clause_under_discussion, keep_clause
from assistant.chat.measure_list import measure_answer
from assistant.chat.sector_answer import sector_answer
from assistant.chat.target_list import target_answer
from assistant.config import DEFAULT_CITATIONS, citation_count
from assistant.documents.places import english_name, same_place
from assistant.records import Answer, Hit, Retrieval
from assistant.search.hits import hit_json
from assistant.search.query import prepare_question
from assistant.web.labels import EMPTY_MESSAGE, FILTER_CONFLICT, FILTER_PARTLY


@dataclass(frozen=True)
class Exchange:
    """A question as understood, the answer to it, and the language to label the answer in."""

    turn: Turn
    answer: Answer
    lang: str

    @property
    def understood_as(self) -> str:
        """The effective query when the conversation changed it, else ''."""
        return self.turn.query if self.turn.carried else ""


def ask(
    retriever,
    question: str,
    previous: Sequence[Turn] = (),
    cities: Sequence[str] = (),
    doc_ids: Sequence[str] = (),
    k: int = DEFAULT_CITATIONS,
    as_of: str | None = None,
    in_force: bool = False,
) -> Exchange | None:
    """Answer `question` after the turns `previous`; None for an empty question. `as_of` and `in_force`:
    the day statuses are judged on (default today) and whether only documents in force then are searched."""
    text, notices = prepare_question(question)
    if not text:
        return None
    turn = understand(text, previous[-1] if previous else None, retriever.cities)
    k = citation_count(k)
    lang = language_of(text)
    excluded = [place for place in turn.places if cities and not any(same_place(place, c) for c in cities)]
    if excluded and len(excluded) == len(turn.places):  # the filter leaves nothing the question asks about
        message = _filter_message(FILTER_CONFLICT, lang, cities, excluded)
        return Exchange(turn, Answer(turn.query, False, message, (), tuple(notices)), lang)
    when = {"as_of": as_of, "in_force": in_force}
    retrieval = retriever.search(turn.query, k=k, cities=tuple(cities), doc_ids=tuple(doc_ids), **when)
    if turn.aspect and previous:  # "哪个部门负责？" stays on the clause the last answer cited
        retrieval = keep_clause(
            retrieval, clause_under_discussion(retriever, previous[-1], k, cities, doc_ids)
        )
    answer = (
        measure_answer(retriever, turn.query, cities, doc_ids, lang, **when)
        or (None if doc_ids else target_answer(retriever, turn.query, cities, lang))
        or sector_answer(retriever, turn.query, cities, doc_ids, lang)
        or compose(retrieval, turn.query, lang=lang)
    )
    if excluded:
        notices = (*notices, _filter_message(FILTER_PARTLY, lang, cities, excluded))
    extra = tuple(n for n in notices if n not in answer.notices)
    return Exchange(turn, replace(answer, notices=extra + answer.notices), lang)


def _filter_message(
    template: dict[str, str], lang: str, chosen: Sequence[str], excluded: Sequence[str]
) -> str:
    """A filter-conflict message naming places in the reply's language ("苏州" or "Suzhou")."""

    def names(places: Sequence[str]) -> str:
        return ", ".join(map(english_name, places)) if lang == "en" else "、".join(places)

    return template[lang].format(chosen=names(chosen), excluded=names(excluded))


def chat_result(
    retriever,
    question: str,
    history: Sequence[str] = (),
    cities: Sequence[str] = (),
    doc_ids: Sequence[str] = (),
    k: int = DEFAULT_CITATIONS,
    as_of: str | None = None,
    in_force: bool = False,
) -> dict[str, Any]:
    """The chat as plain data: `history` holds the earlier questions of the conversation, oldest first."""
    previous = understand_all([q for q in history if q and q.strip()], retriever.cities)
    exchange = ask(retriever, question, previous, cities, doc_ids, k, as_of, in_force)
    if exchange is None:
        return {
            "question": question,
            "understood_as": "",
            "answerable": False,
            "reply": EMPTY_MESSAGE,
            "citations": [],
            "related": [],
            "notices": [EMPTY_MESSAGE],
        }
    answer = exchange.answer
    cited = hits_json(answer.hits)
    return {
        "question": exchange.turn.question,
        "understood_as": exchange.turn.query,
        "answerable": answer.answerable,
        "reply": answer.reply,
        "citations": cited if answer.answerable else [],
        "related": [] if answer.answerable else cited,
        "notices": list(answer.notices),
    }


def search_result(retrieval: Retrieval) -> dict[str, Any]:
    """A retrieval as plain data, in the shape of the evaluators' batch output."""
    return {
        "question": retrieval.question,
        "answerable": retrieval.answerable,
        "notices": list(retrieval.notices),
        "results": hits_json(retrieval.hits),
    }


def hits_json(hits: Sequence[Hit]) -> list[dict[str, Any]]:
    """Each hit as the fields a citation shows, its whole text (the batch output's serializer)."""
    return [hit_json(hit, text_limit=None) for hit in hits]
