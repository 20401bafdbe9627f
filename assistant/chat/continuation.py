"""A quote ending in a colon that closes its passage ("现将有关事项通告如下：") takes what it introduces from
the next passage of its document, when that passage is among the hits, cited as its own.

A hard rule applied to the chosen quote, after the selector: "a sentence ending in a colon takes what follows
it", across a passage boundary the chunker put between an introduction and its first clause.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.chat.quote_span import after_colon
from assistant.chat.reply_sentence import LIST_QUOTE, Ask, Quote, states
from assistant.documents.chunking import chunk_place
from assistant.records import Hit


def continued(quote: Quote, hit: Hit, numbered: Sequence[tuple[int, Hit]], ask: Ask) -> Quote:
    """`quote` (from `hit`) with the opening of the next passage when it ends in a colon that closes its own:
    "…通告如下：[1] 一、任何单位、组织和个人…", the introduction cited by its own number inside the text and
    the quote numbered as the next passage; else `quote`."""
    if not (quote.text.endswith(("：", ":")) and hit.chunk.text.rstrip().endswith(quote.text)):
        return quote
    following = _following(hit, numbered)
    if following is None:
        return quote
    number, after = following
    text = f"{quote.text}\n{after.chunk.text.strip()}"
    opening = after_colon(text, 0, len(quote.text), len(quote.text) + LIST_QUOTE)[len(quote.text) :].strip()
    if not opening:
        return quote
    return Quote(number, f"{quote.text}[{quote.number}] {opening}", quote.states or states(opening, ask))


def _following(hit: Hit, numbered: Sequence[tuple[int, Hit]]) -> tuple[int, Hit] | None:
    """The numbered hit that continues `hit`'s passage in its document: the next part of its clause, or for
    a clause of one part the next clause (whole or its first part); None when no hit does."""
    place = chunk_place(hit.chunk.chunk_id)
    if place is None:
        return None
    clause, part = place
    nexts = {(clause, part + 1)} if part else {(clause + 1, 0), (clause + 1, 1)}
    for number, other in numbered:
        if other.chunk.doc_id == hit.chunk.doc_id and chunk_place(other.chunk.chunk_id) in nexts:
            return number, other
    return None
