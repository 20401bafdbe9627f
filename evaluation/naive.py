"""The naive baselines: fixed-size LangChain chunks of each document searched one way only.

They show what clause-aware chunking, document evidence and fusion add over the textbook recipe:
RecursiveCharacterTextSplitter(chunk_size=300, chunk_overlap=50), then either the same encoder with a
flat FAISS index (`naive`) or jieba BM25 (`naive-bm25`); no judgement.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from assistant.records import Chunk, Document, Hit, Retrieval

if TYPE_CHECKING:
    from assistant.model.embedding import Encoder

CHUNK_SIZE = 300
CHUNK_OVERLAP = 50


def split_documents(
    documents: Sequence[Document], size: int = CHUNK_SIZE, overlap: int = CHUNK_OVERLAP
) -> list[Chunk]:
    """Each document's cleaned text cut by the recursive character splitter into chunks."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=size, chunk_overlap=overlap)
    chunks = []
    for document in documents:
        for number, piece in enumerate(splitter.split_text(document.text)):
            chunks.append(
                Chunk(
                    chunk_id=f"{document.doc_id}#naive{number}",
                    doc_id=document.doc_id,
                    clause_id="",
                    section="",
                    text=piece,
                    embed_text=piece,
                    title=document.title,
                    city=document.city,
                    province=document.province,
                    doc_number=document.doc_number,
                )
            )
    return chunks


class NaiveIndex:
    """Flat inner-product FAISS index over naive chunks; `search_batch` mirrors the Retriever's."""

    def __init__(self, chunks: Sequence[Chunk], encoder: Encoder) -> None:
        import faiss

        self.chunks = list(chunks)
        if not self.chunks:
            raise ValueError("the corpus has no text to split into naive chunks")
        self.encoder = encoder
        vectors = encoder.encode_passages([c.embed_text for c in self.chunks])
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(np.ascontiguousarray(vectors, dtype=np.float32))

    @classmethod
    def build(cls, documents: Sequence[Document], encoder: Encoder) -> NaiveIndex:
        return cls(split_documents(documents), encoder)

    def search_batch(self, questions: Sequence[str], k: int) -> list[Retrieval]:
        """Top-k chunks per question by cosine similarity; always judged answerable (no judgement)."""
        if not questions:
            return []
        vectors = self.encoder.encode_queries(list(questions))
        scores, ids = self.index.search(
            np.ascontiguousarray(vectors, dtype=np.float32), min(k, len(self.chunks))
        )
        retrievals = []
        for question, row_scores, row_ids in zip(questions, scores, ids, strict=True):
            hits = tuple(
                Hit(chunk=self.chunks[i], score=float(s), rank=rank)
                for rank, (s, i) in enumerate(zip(row_scores, row_ids, strict=True), start=1)
                if i >= 0
            )
            retrievals.append(Retrieval(question=question, hits=hits, answerable=True))
        return retrievals


class NaiveKeywordIndex:
    """jieba BM25 (the project's tokeniser, bm25s) over naive chunks; `search_batch` mirrors the Retriever's."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        from assistant.indexing.keyword import KeywordIndex

        self.chunks = list(chunks)
        if not self.chunks:
            raise ValueError("the corpus has no text to split into naive chunks")
        self.index = KeywordIndex.build([c.text for c in self.chunks])

    @classmethod
    def build(cls, documents: Sequence[Document]) -> NaiveKeywordIndex:
        return cls(split_documents(documents))

    def search_batch(self, questions: Sequence[str], k: int) -> list[Retrieval]:
        """Top-k chunks per question by BM25 score; always judged answerable (no judgement)."""
        retrievals = []
        for question in questions:
            scores = self.index.scores(question)
            top = np.argsort(-scores, kind="stable")[: min(k, len(self.chunks))]
            hits = tuple(
                Hit(chunk=self.chunks[i], score=float(scores[i]), rank=rank)
                for rank, i in enumerate(top, start=1)
                if scores[i] > 0
            )
            retrievals.append(Retrieval(question=question, hits=hits, answerable=True))
        return retrievals
