"""A large synthetic corpus for benchmarks: real clauses' sentences recombined into new documents.

Every synthetic document is attributed to a prefecture-level city, reuses the source's sentences with
the source's place names replaced and its figures varied, and is laid out as an official document
(一、 sections, 1． items) so that the real parser turns each item into exactly one clause and one chunk.
Document i depends only on (seed, i), so the first N chunks are the same whatever the scale.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.documents.chunking import CHUNK_LIMIT, chunk_clauses
from assistant.documents.structure import parse_clauses
from assistant.documents.structure_patterns import ANNEX, heading_kind
from assistant.documents.tables import CELL_SEPARATOR
from assistant.records import Chunk, Document

GENERATOR_VERSION = 1  # bump when the generated text changes, so cached embeddings are not reused
DEFAULT_SEED = 2024
_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CN_NUMERALS = "一二三四五六七八九十"
_TITLE_FORMS = (
    "{place}市{topic}实施方案",
    "{place}市关于{topic}的若干措施",
    "{place}市{topic}工作方案",
    "{place}市{topic}三年行动计划",
)
_SENTENCE_CHARS = (12, 240)  # source sentences outside this range are not reused
_HEADING_CHARS = 30
_MAX_SENTENCES = 16  # distinct sentences an item may draw
_MIN_ITEM_CHARS = 40


@dataclass(frozen=True)
class Sentence:
    text: str
    place: str
    province: str


@dataclass(frozen=True)
class SourcePool:
    """What synthetic documents are made of: sentences, section and item headings, and places."""

    sentences: tuple[Sentence, ...]
    sections: tuple[str, ...]
    items: tuple[str, ...]
    places: tuple[tuple[str, str], ...]  # (city, province)
    lengths: tuple[int, ...]  # the source clauses' lengths, so items are as long as real ones


def source_pool(documents: list[Document]) -> SourcePool:
    """Sentences and headings of the real clauses of `documents`, plus every prefecture-level city."""
    from assistant.documents.places import load_places

    sentences: dict[str, Sentence] = {}
    sections: dict[str, None] = {}
    items: dict[str, None] = {}
    lengths: list[int] = []
    for doc in documents:
        for clause in parse_clauses(doc.doc_id, doc.text):
            if CELL_SEPARATOR in clause.text or ANNEX.match(clause.path[0]):
                continue  # annex tables are not prose
            lengths.append(min(len(clause.text), CHUNK_LIMIT))
            for text in _SENTENCE.findall(clause.text):
                text = text.strip()
                if _SENTENCE_CHARS[0] <= len(text) <= _SENTENCE_CHARS[1] and heading_kind(text) is None:
                    sentences.setdefault(text, Sentence(text, doc.place, doc.province))
            titles = [strip_marker(title) for title in clause.path]
            if len(titles) > 1 and _usable_heading(titles[0]) and _usable_heading(titles[-1]):
                sections.setdefault(titles[0], None)
                items.setdefault(titles[-1], None)
    places = tuple((p.city, p.province) for p in load_places() if p.city and not p.is_province)
    if not sentences or not items:
        raise ValueError("the source documents have no numbered clauses to recombine")
    return SourcePool(
        tuple(sentences.values()), tuple(sections) or tuple(items), tuple(items), places, tuple(lengths)
    )


def _usable_heading(title: str) -> bool:
    """Short enough to stay a bare heading, and still read as an item heading after "1．"."""
    return 0 < len(title) <= _HEADING_CHARS and heading_kind(f"1．{title}") is not None


def strip_marker(title: str) -> str:
    """A heading without its 一、/（一）/1． marker."""
    kind = heading_kind(title)
    return title[len(kind[2]) :].strip() if kind else title


def synthetic_documents(pool: SourcePool, n_chunks: int, seed: int = DEFAULT_SEED) -> list[Document]:
    """Documents with exactly `n_chunks` items in all (the last document is cut short to fit)."""
    documents, total = [], 0
    for number in range(n_chunks):  # at least one item per document, so this bounds the loop
        if total >= n_chunks:
            break
        doc = synthetic_document(pool, number, seed, limit=n_chunks - total)
        documents.append(doc)
        total += doc.extra["items"]
    return documents


def synthetic_document(pool: SourcePool, number: int, seed: int, limit: int | None = None) -> Document:
    """Document `number` of the stream: 2–5 sections of 3–10 items, at most `limit` items."""
    rng = random.Random(f"{seed}-{number}")
    city, province = rng.choice(pool.places)
    topic = strip_marker(rng.choice(pool.sections)).rstrip("。")
    title = rng.choice(_TITLE_FORMS).format(place=city, topic=topic)
    lines, items = [title], 0
    for section in range(rng.randint(2, 5)):
        if limit is not None and items >= limit:
            break  # a section heading with no items under it would become a clause of its own
        lines.append(f"{_CN_NUMERALS[section]}、{rng.choice(pool.sections)}")
        for item in range(min(rng.randint(3, 10), limit - items if limit is not None else 10)):
            lines.append(_item_text(pool, rng, item + 1, city, province))
            items += 1
    text = "\n".join(lines)
    return Document(
        doc_id=f"syn-{number:06d}",
        title=title,
        text=text,
        city=city,
        province=province,
        issue_date=str(rng.randint(2019, 2025)),
        issuer=f"{city}市人民政府",
        source=f"synthetic v{GENERATOR_VERSION} seed {seed}",
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        extra={"items": items},
    )


def _item_text(pool: SourcePool, rng: random.Random, number: int, city: str, province: str) -> str:
    """An item "N．heading。sentence sentence…" as long as a random source clause, ending in a full stop."""
    text = f"{number}．{rng.choice(pool.items).rstrip('。')}。"
    target = max(_MIN_ITEM_CHARS, rng.choice(pool.lengths))
    order = rng.sample(range(len(pool.sentences)), min(len(pool.sentences), _MAX_SENTENCES))
    for index in order:
        if len(text) >= target:
            break
        sentence = vary_numbers(_relocate(pool.sentences[index], city, province), rng)
        if len(text) + len(sentence) > CHUNK_LIMIT:
            break
        text += sentence
    return text[:-1] + "。" if text[-1] in "；！？" else text


def _relocate(sentence: Sentence, city: str, province: str) -> str:
    text = sentence.text
    if sentence.place:
        text = text.replace(sentence.place, city)
    if sentence.province and sentence.province != sentence.place:
        text = text.replace(sentence.province, province)
    return text


def vary_numbers(text: str, rng: random.Random) -> str:
    """Scale every figure except years by a random factor; percentages stay below 100."""

    def replace(match: re.Match[str]) -> str:
        value = match.group(0)
        if _YEAR.fullmatch(value):
            return value
        scaled = float(value) * rng.choice((0.5, 0.8, 1.2, 1.5, 2.0))
        if text[match.end() : match.end() + 1] in "%％":
            scaled = min(scaled, 99.0)
        return f"{scaled:.1f}" if "." in value else str(max(1, round(scaled)))

    return _NUMBER.sub(replace, text)


def document_chunks(documents: list[Document]) -> Iterator[Chunk]:
    """The chunks `build_index` makes of `documents`, in index order (parse, then chunk, per document)."""
    for doc in documents:
        yield from chunk_clauses(doc, parse_clauses(doc.doc_id, doc.text))


def load_pool(corpus: Path) -> SourcePool:
    from assistant.documents.corpus import load_corpus

    return source_pool(load_corpus(corpus))
