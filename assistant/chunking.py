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


def split_clause_text(text: str) -> list[str]:
    """A clause's text in parts of at most CHUNK_LIMIT characters, cut at sentence ends where possible."""
    if len(text) <= CHUNK_LIMIT:
        return [text]
    return [part for part in _SPLITTER.split_text(text) if part.strip()]


VIEW_LIMIT = 60  # characters of a sentence view; measured on the dev set against 120 and 200


def sentence_views(chunk: Chunk) -> list[str]:
    """Short texts that also stand for a chunk in dense search: its sentences (split at 。；！？).

    A question usually matches one sentence of a long clause; embedding the sentences on their own
    keeps that match from being diluted by the rest of the clause. Each view carries the place and
    the clause's own heading. Single-sentence chunks need no views.
    """
    sentences = [s for s in re.split(r"(?<=[。；！？!?;])", chunk.text.replace("\n", "")) if s.strip()]
    if len(sentences) < 2:
        return []
    views, current = [], ""
    for sentence in sentences:
        if current and len(current) + len(sentence) > VIEW_LIMIT:
            views.append(current)
            current = sentence
        else:
            current += sentence
    views.append(current)
    head = " ".join(part for part in (chunk.city or chunk.province, chunk.section.split(" › ")[-1]) if part)
    return [f"{head}\n{view}" for view in views]


def embed_text(document: Document, section: str, text: str) -> str:
    """The indexed text: place and title, heading path, then the passage."""
    header = " ".join(part for part in (document.place, document.title) if part)
    return f"{header}\n{section}\n{text}"


def chunk_clauses(document: Document, clauses: list[Clause]) -> list[Chunk]:
    chunks = []
    for clause in clauses:
        parts = split_clause_text(clause.text)
        for number, part in enumerate(parts):
            chunk_id = clause.clause_id if len(parts) == 1 else f"{clause.clause_id}.{number + 1}"
            chunks.append(
                Chunk(
                    chunk_id=chunk_id,
                    doc_id=document.doc_id,
                    clause_id=clause.clause_id,
                    section=clause.section,
                    text=part,
                    embed_text=embed_text(document, clause.section, part),
                    title=document.title,
                    city=document.city,
                    province=document.province,
                    doc_number=document.doc_number,
                    lead=clause.lead,
                    support=clause.support,
                )
            )
    return chunks
