"""The quotes a reply can choose from: each answering sentence of the first hits, with what would be
quoted if it were chosen (its item, list, following sentences or the comma parts holding the answer)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.chat.reply_sentence import Ask, quote_at, sentence_spans, term_weights
from assistant.records import Hit

CANDIDATE_HITS = 5  # the reply quotes one of the first passages


@dataclass(frozen=True)
class Candidate:
    """Sentence text[start:end] of the hit at `position` (cited as `number`), and its quote."""

    position: int
    number: int
    hit: Hit
    start: int
    end: int
    index: int  # the sentence's place among the passage's answering sentences
    count: int  # how many answering sentences the passage has
    quote: str
    states: bool

    @property
    def sentence(self) -> str:
        return self.hit.chunk.text[self.start : self.end]


def candidates(
    numbered: Sequence[tuple[int, Hit]], ask: Ask, prefer: re.Pattern[str] | None = None
) -> tuple[list[Candidate], dict[str, float]]:
    """Every candidate quote of the first CANDIDATE_HITS hits, and the topic words' weights over them."""
    spans = [
        (position, number, hit, sentence_spans(hit.chunk.text, hit.chunk.title))
        for position, (number, hit) in enumerate(numbered[:CANDIDATE_HITS])
    ]
    texts = [hit.chunk.text[a:b] for _, _, hit, found in spans for a, b in found]
    weights = term_weights(ask, texts)
    found = []
    for position, number, hit, sentence_list in spans:
        for index, (start, end) in enumerate(sentence_list):
            quote, stated = quote_at(hit.chunk.text, start, end, ask, weights, prefer)
            found.append(
                Candidate(position, number, hit, start, end, index, len(sentence_list), quote, stated)
            )
    return found, weights
