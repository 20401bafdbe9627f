"""Clauses → chunks. A chunk is a whole clause, or a sentence-aligned part of a long one.

The citation text (`Chunk.text`) is what a person reads: at most CHUNK_LIMIT characters, well within
the 800-character citation limit and the model's 512-token window. The text that is embedded and
keyword-indexed (`Chunk.embed_text`) also carries the document's place, title and heading path, so that
"苏州…电梯" finds the Suzhou elevator clause.
"""

from __future__ import annotations

import re

from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.config import CITATION_LIMIT
from assistant.records import Chunk, Clause, Document

CHUNK_LIMIT = 600
assert CHUNK_LIMIT <= CITATION_LIMIT

_SPLITTER = RecursiveCharacterTextSplitter(
    chunk_size=CHUNK_LIMIT,
    chunk_overlap=0,
    separators=["\n", "。", "；", "！", "？", "，", ""],
    keep_separator="end",
    strip_whitespace=True,
)
_SENTENCE_END = re.compile(r"(?<=[。；！？!?;\n])")
VIEW_LIMIT = 60  # characters of a sentence view; measured on the dev set against 120 and 200


def sentence_groups(text: str) -> list[str]:
    """A text's sentences (cut at 。；！？ and line ends; one longer than CHUNK_LIMIT at its commas),
    consecutive short ones merged up to VIEW_LIMIT characters. Joined, the groups give the text back."""
    sentences = []
    for sentence in _SENTENCE_END.split(text):
        if len(sentence) > CHUNK_LIMIT:
            sentences.extend(_SPLITTER.split_text(sentence))
        elif sentence.strip():
            sentences.append(sentence)
    groups, current = [], ""
    for sentence in sentences:
        if current and len(current) + len(sentence) > VIEW_LIMIT:
            groups.append(current)
            current = sentence
        else:
            current += sentence
    return [*groups, current] if current else groups


def windows(sizes: list[int], limit: int = CHUNK_LIMIT) -> list[tuple[int, int]]:
    """Overlapping runs [start, end) of consecutive groups, each at most `limit` characters (or one
    group), every next run starting about half way into the previous one: a passage a question asks
    about lies whole inside some run, however the text is cut."""
    runs, start = [], 0
    while start < len(sizes):
        end, length = start, 0
        while end < len(sizes) and (end == start or length + sizes[end] <= limit):
            length += sizes[end]
            end += 1
        if runs and runs[-1][1] >= end:  # nothing new: the next group does not fit beside this one
            start = end
            continue
        runs.append((start, end))
        if end >= len(sizes):
            break
        step, covered = start, 0
        while step < end - 1 and covered < length / 2:
            covered += sizes[step]
            step += 1
        start = max(step, start + 1)
    return runs


def split_clause_text(text: str) -> list[str]:
    """A clause's text as one part, or, past CHUNK_LIMIT characters, as overlapping sentence windows."""
    if len(text) <= CHUNK_LIMIT:
        return [text]
    groups = sentence_groups(text)
    return ["".join(groups[a:b]).strip() for a, b in windows([len(g) for g in groups])]


def sentence_views(chunk: Chunk) -> list[str]:
    """Short texts that also stand for a chunk in dense search: its sentence groups.

    A question usually matches one sentence of a long clause; embedding the sentences on their own
    keeps that match from being diluted by the rest of the clause. Each view carries the place and
    the clause's own heading, so overlapping windows of one clause share their views' texts (and
    vectors). Single-sentence chunks need no views.
    """
    heading = chunk.section.split(" › ")[-1].split(" · ")[0]
    head = " ".join(part for part in (chunk.city or chunk.province, heading) if part)
    return [f"{head}\n{group}" for group in _view_groups(chunk.text)]


def view_spans(chunk: Chunk) -> list[tuple[int, int]]:
    """Where each of `sentence_views(chunk)`'s sentence groups lies in `chunk.text`, as [start, end) in
    the same order: the parts of the passage's token states a late-chunked view is pooled from."""
    keep = [i for i, char in enumerate(chunk.text) if char != "\n"]
    flat, spans, cursor = chunk.text.replace("\n", ""), [], 0
    for group in _view_groups(chunk.text):
        start = flat.find(group, cursor)
        if start < 0:
            raise ValueError(f"sentence group not found in its passage: {group[:20]}")
        end = start + len(group)
        spans.append((keep[start], keep[end - 1] + 1))
        cursor = end
    return spans


def _view_groups(text: str) -> list[str]:
    """The stripped sentence groups of a passage (line breaks removed), none for a single sentence."""
    text = text.replace("\n", "")
    if len([s for s in _SENTENCE_END.split(text) if s.strip()]) < 2:
        return []
    return [group.strip() for group in sentence_groups(text) if group.strip()]


def embed_text(document: Document, section: str, text: str) -> str:
    """The indexed text: place and title, heading path, then the passage."""
    header = " ".join(part for part in (document.place, document.title) if part)
    return f"{header}\n{section}\n{text}"


# A chunk's place in its document: the clause's order, then the part of a long clause ("…#c001", "…#c001.3").
_CHUNK_PLACE = re.compile(r"#c(\d+)(?:\.(\d+))?$")


def chunk_place(chunk_id: str) -> tuple[int, int] | None:
    """(the clause's order in its document, the part's number: 0 for a clause of one part) of a chunk id as
    `chunk_clauses` makes it ("d#c003" → (3, 0), "d#c003.2" → (3, 2)); None for another id."""
    place = _CHUNK_PLACE.search(chunk_id)
    return (int(place.group(1)), int(place.group(2) or 0)) if place else None


def chunk_clauses(document: Document, clauses: list[Clause]) -> list[Chunk]:
    chunks = []
    unstructured = len(clauses) == 1
    for clause in clauses:
        parts = split_clause_text(clause.text)
        for number, part in enumerate(parts):
            chunk_id = clause.clause_id if len(parts) == 1 else f"{clause.clause_id}.{number + 1}"
            section = _part_section(clause.section, number, len(parts), unstructured)
            chunks.append(
                Chunk(
                    chunk_id=chunk_id,
                    doc_id=document.doc_id,
                    clause_id=clause.clause_id,
                    section=section,
                    text=part,
                    embed_text=embed_text(document, section, part),
                    title=document.title,
                    city=document.city,
                    province=document.province,
                    doc_number=document.doc_number,
                    lead=clause.lead,
                    support=clause.support,
                )
            )
    return chunks


def _part_section(section: str, number: int, parts: int, unstructured: bool) -> str:
    """Where a part sits: the clause path, with the passage's position ("第3段") when the clause is cut;
    a document without headings is cited by position alone."""
    if parts == 1:
        return section
    position = f"第{number + 1}段"
    return position if unstructured else f"{section} · {position}"
