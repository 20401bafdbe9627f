"""What the encoder reads for an index's vectors, and which part of it each vector pools (late chunking).

An index holds one vector per chunk, then one per sentence view of each chunk (`vector_layout`). Under a
late-chunking mode each `Segment` is encoded once and its vectors are pooled from its token states
(model/span_pooling): a chunk's vector from its heading lines and its passage, a view's from its
sentences. The modes differ in how much text one pass covers (VECTOR_MODES).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.documents.chunking import embed_text, sentence_views, view_spans
from assistant.model.span_pooling import Ranges
from assistant.records import Chunk, Clause, Document

VECTOR_MODES = {
    "separate": "each passage and each sentence view encoded on its own",
    "views": "each passage encoded once; its sentence views pooled from its token states",
    "windows": "each clause encoded once, its windows pooled from it; sentence views encoded on their own",
    "clauses": "each clause encoded once; its windows and their sentence views pooled from it",
    "composed": "sentence views encoded on their own; a passage's vector pooled from its views' token states",
    "seg256": "a document's consecutive clauses packed into passes of up to 256 tokens, every vector pooled",
    "seg512": "as seg256, up to 512 tokens",
}
SEGMENT_TOKENS = {"seg256": 256, "seg512": 512}
SLACK = (
    8  # tokens kept free in a pass: tokenizing parts apart may differ a little from tokenizing them joined
)


@dataclass(frozen=True)
class Segment:
    """A text encoded once, and the index rows its pools fill (pools[n] → rows[n])."""

    text: str
    pools: tuple[Ranges, ...]
    rows: tuple[int, ...]


def vector_layout(chunks: Sequence[Chunk]) -> tuple[np.ndarray, list[int]]:
    """The chunk each index row stands for (every chunk's own row first, then the views of each chunk
    in turn) and the first row of each chunk's views."""
    owner, first_view = list(range(len(chunks))), []
    for i, chunk in enumerate(chunks):
        first_view.append(len(owner))
        owner += [i] * len(sentence_views(chunk))
    return np.array(owner, dtype=np.int64), first_view


def plan_segments(
    mode: str, documents: Sequence[Document], clauses: Sequence[Clause], chunks: Sequence[Chunk], encoder
) -> list[Segment]:
    """The passes that give every row of `vector_layout(chunks)` its vector under a late-chunking mode."""
    if mode not in VECTOR_MODES or mode in ("separate", "composed"):
        raise ValueError(f"no segments for vector mode {mode!r}")
    _, first_view = vector_layout(chunks)
    if mode == "views":
        return [s for i, chunk in enumerate(chunks) if (s := _chunk_segment(chunk, i, first_view[i]))]
    clause_of = {clause.clause_id: clause for clause in clauses}
    parts: dict[str, dict[str, list[int]]] = {}  # document → clause → its chunks
    for i, chunk in enumerate(chunks):
        parts.setdefault(chunk.doc_id, {}).setdefault(chunk.clause_id, []).append(i)
    segments = []
    for document in documents:
        units = [
            _ClauseUnit(document, clause_of[clause_id], ids, chunks, first_view, views=mode != "windows")
            for clause_id, ids in parts.get(document.doc_id, {}).items()
        ]
        budget = SEGMENT_TOKENS.get(mode)
        segments += _pack(document, units, budget, encoder) if budget else _clause_segments(units, encoder)
    return segments


def _chunk_segment(chunk: Chunk, row: int, first_view: int, *, views: bool = True) -> Segment | None:
    """A chunk's own indexed text, its vector pooled over all of it and each view over its sentences;
    None when its sentences cannot be placed in it (its vectors are then encoded on their own)."""
    text, body = chunk.embed_text, len(chunk.embed_text) - len(chunk.text)
    try:
        pools = tuple(((body + a, body + b),) for a, b in view_spans(chunk)) if views else ()
    except ValueError:
        return None
    return Segment(text, (((0, len(text)),), *pools), (row, *range(first_view, first_view + len(pools))))


class _ClauseUnit:
    """A clause's chunks (its whole text, or its overlapping windows) placed in the clause's text."""

    def __init__(
        self, document: Document, clause: Clause, ids: list[int], chunks, first_view, *, views: bool
    ) -> None:
        self.document, self.clause, self.ids = document, clause, ids
        self.chunks = [chunks[i] for i in ids]
        self.first_view = [first_view[i] for i in ids]
        self.block = f"{clause.section}\n{clause.text}"
        self.pool_views = views  # False: the views are encoded on their own, not pooled here
        self.starts = _part_starts(clause.text, [chunk.text for chunk in self.chunks])
        try:
            self.views = [view_spans(chunk) for chunk in self.chunks]
        except ValueError:
            self.starts = None

    def fallback(self) -> list[Segment]:
        """Each chunk in a pass of its own (a clause too long for one pass, or parts not found in it)."""
        segments = (
            _chunk_segment(c, i, v, views=self.pool_views)
            for c, i, v in zip(self.chunks, self.ids, self.first_view, strict=True)
        )
        return [segment for segment in segments if segment]

    def pools(self, offset: int, head: Ranges) -> tuple[list[Ranges], list[int]]:
        """Pools and rows of this clause's vectors with its block at `offset` of a segment whose
        heading lines are `head`: a chunk pools the headings, its section line and its passage."""
        body = offset + len(self.clause.section) + 1
        section = ((offset, body),)
        pools, rows = [], []
        assert self.starts is not None
        units = zip(self.chunks, self.ids, self.first_view, self.starts, self.views, strict=True)
        for chunk, row, first, start, views in units:
            at = body + start
            pools.append((*head, *section, (at, at + len(chunk.text))))
            rows.append(row)
            for n, (a, b) in enumerate(views if self.pool_views else ()):
                pools.append(((at + a, at + b),))
                rows.append(first + n)
        return pools, rows


def _part_starts(text: str, parts: list[str]) -> list[int] | None:
    """Where each part (in order, overlapping) starts in the clause's text; None when one is not there."""
    starts, cursor = [], 0
    for part in parts:
        start = text.find(part, cursor)
        if start < 0:
            return None
        starts.append(start)
        cursor = start + 1
    return starts


def _header(document: Document) -> str:
    return embed_text(document, "", "").split("\n", 1)[0]


def _clause_segments(units: list[_ClauseUnit], encoder) -> list[Segment]:
    """Each clause in one pass: the indexed text of the clause as a whole (a one-part clause's chunk
    text exactly), its windows and views pooled from it."""
    texts = [embed_text(unit.document, unit.clause.section, unit.clause.text) for unit in units]
    tokens = encoder.count_tokens(texts)
    segments = []
    for unit, text, count in zip(units, texts, tokens, strict=True):
        if unit.starts is None or count > encoder.max_tokens:
            segments += unit.fallback()
            continue
        header = len(_header(unit.document)) + 1
        pools, rows = unit.pools(header, ((0, header),))
        if len(unit.chunks) == 1:  # the whole text: the same vector as the chunk encoded on its own
            pools[0] = ((0, len(text)),)
        segments.append(Segment(text, tuple(pools), tuple(rows)))
    return segments


def _pack(document: Document, units: list[_ClauseUnit], budget: int, encoder) -> list[Segment]:
    """A document's clauses packed in order into passes of at most `budget` tokens, each pass starting
    with the document's heading line; a clause over the budget is a pass of its own, or is cut into
    its chunks' passes when it is over the model's limit."""
    header = _header(document)
    empty, head, *blocks = encoder.count_tokens(["", header, *(unit.block for unit in units)])
    start = head + SLACK
    segments, current, used = [], [], start
    for unit, block in zip(units, blocks, strict=True):
        block -= empty - 1  # its own tokens, without the frame (and one for the line break)
        if unit.starts is None or start + block > encoder.max_tokens:
            segments += unit.fallback()
            continue
        if current and used + block > budget:
            segments.append(_joined(header, current))
            current, used = [], start
        current.append(unit)
        used += block
    return segments + ([_joined(header, current)] if current else [])


def _joined(header: str, units: list[_ClauseUnit]) -> Segment:
    text, pools, rows = header, [], []
    for unit in units:
        text += "\n"
        unit_pools, unit_rows = unit.pools(len(text), ((0, len(header)),))
        text += unit.block
        pools += unit_pools
        rows += unit_rows
    return Segment(text, tuple(pools), tuple(rows))
