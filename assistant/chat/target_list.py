"""List questions about targets ("苏州到2027年工业领域有哪些目标？", "列出…指标") answered from the targets table.

The targets extracted with the index (knowledge/targets, targets.jsonl) are filtered by the place, deadline
year and area the question names (knowledge/target_table.filter_targets), and each is one line: the
indicator and the value as the plan writes it, cited [n] to the passage that states it. At most MAX_LINES
lines and "N more in the Targets tab"; a place per group when the question names none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.chat.answer import language_of
from assistant.documents.places import english_name, mentioned_places
from assistant.knowledge.sectors import areas_named, sectors_for_query
from assistant.knowledge.target_table import filter_targets, written_value
from assistant.records import Answer, Chunk, Hit, Target
from assistant.search.expansion import expansion_terms

MAX_LINES = 12
# "有哪些目标", "列出…指标", "目标有哪些", "都有什么指标": a list of targets, not one figure.
_LIST_ZH = re.compile(
    r"(有哪些|哪些|都有什么|都有啥|列出|列一下|列举|所有|全部|各项)\S{0,10}?(目标|指标)"
    r"|(目标|指标)(都)?(有哪些|是哪些|都有什么|清单|列表)"
)
_LIST_EN = re.compile(
    r"\b(list|which|what)\b[^?]*\b(targets|goals|indicators)\b|\ball (the )?(targets|goals|indicators)\b",
    re.I,
)
_YEAR = re.compile(r"(20\d\d)\s*年")

TEXTS = {
    "zh": {"place": "{place}：", "year": "（{year}年）", "more": "另有{n}项目标，见“目标”页。"},
    "en": {"place": "{place}:", "year": " (by {year})", "more": "{n} more in the Targets tab."},
}


def target_list_question(question: str) -> bool:
    """Whether the question asks for a list of targets ("有哪些目标", "列出…指标")."""
    pattern = _LIST_EN if language_of(question) == "en" else _LIST_ZH
    return bool(pattern.search(question))


def target_answer(
    retriever, question: str, cities: Sequence[str] = (), lang: str | None = None
) -> Answer | None:
    """The targets a list question asks for, one cited line each; None when it is no such question, the
    index holds no targets, or none matches what it names."""
    if not target_list_question(question) or getattr(retriever, "index", None) is None:
        return None
    from assistant.indexing.index_store import load_targets

    return target_listing(load_targets(retriever.index), retriever.chunks, question, cities, lang)


def target_listing(
    targets: Sequence[Target],
    chunks: Sequence[Chunk],
    question: str,
    cities: Sequence[str] = (),
    lang: str | None = None,
) -> Answer | None:
    """The matching targets as a cited list (see the module docstring), or None when none matches."""
    lang = lang or language_of(question)
    places = mentioned_places(question, list(dict.fromkeys(t.city for t in targets if t.city))) or list(
        cities
    )
    year = _YEAR.search(question)
    words = " ".join([question, *expansion_terms(question)]) if lang == "en" else question
    areas = areas_named(words) or sectors_for_query(words)
    found = [
        target
        for target in filter_targets(
            targets, year=year.group(1) if year else None, sector=areas[0] if areas else None
        )
        if not places or any(place == target.city for place in places)
    ]
    cited = [(target, _chunk_of(target, chunks)) for target in found]
    cited = [(target, chunk) for target, chunk in cited if chunk is not None]
    if len(cited) < 2:  # one target is a lookup's answer, not a list
        return None
    return _listing(question, cited, lang, labelled=len(places) != 1)


def _chunk_of(target: Target, chunks: Sequence[Chunk]) -> Chunk | None:
    """The passage of the target's clause that states its value (a long clause is cut into windows)."""
    own = [chunk for chunk in chunks if chunk.clause_id == target.clause_id and chunk.doc_id == target.doc_id]
    squeezed = "".join(target.value.split())
    return next((c for c in own if squeezed in "".join(c.text.split())), own[0] if own else None)


def _listing(question: str, cited: list[tuple[Target, Chunk]], lang: str, labelled: bool) -> Answer:
    """The lines, grouped by place (labelled unless the question named one place); with several places,
    each gets an equal share of MAX_LINES."""
    texts = TEXTS[lang]
    places = list(dict.fromkeys(target.city for target, _ in cited))
    share = MAX_LINES // len(places)
    shown = [pair for place in places for pair in [p for p in cited if p[0].city == place][:share]]
    lines: list[str] = []
    hits: list[Hit] = []
    numbers: dict[str, int] = {}
    for place in places:
        if labelled:
            label = place if lang == "zh" else f"{english_name(place) or place} ({place})"
            lines.append(texts["place"].format(place=label))
        for target, chunk in (pair for pair in shown if pair[0].city == place):
            if chunk.chunk_id not in numbers:
                hits.append(Hit(chunk, 1.0, len(hits) + 1))
                numbers[chunk.chunk_id] = len(hits)
            year = texts["year"].format(year=target.deadline_year) if target.deadline_year else ""
            lines.append(f"{target.indicator}：{written_value(target)}{year}[{numbers[chunk.chunk_id]}]")
    if len(cited) > len(shown):
        lines.append(texts["more"].format(n=len(cited) - len(shown)))
    return Answer(question, True, "\n".join(lines), tuple(hits))
