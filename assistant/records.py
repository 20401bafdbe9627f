"""Core records every module speaks in: documents, clauses, chunks, hits, answers, targets."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """One policy document: cleaned text plus the metadata a citation shows."""

    doc_id: str
    title: str
    text: str
    city: str = ""
    province: str = ""
    doc_number: str = ""
    issue_date: str = ""
    issuer: str = ""
    level: str = ""  # national / province / city / district, "" when unknown
    source: str = ""
    content_hash: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def place(self) -> str:
        """The city, or the province for a provincial document."""
        return self.city or self.province


@dataclass(frozen=True)
class Clause:
    """A unit of citation: one numbered item (or preamble, or annex table row) of a document.

    `path` runs from the top heading down to the clause's own heading, e.g.
    ("三、大力推进消费品以旧换新行动", "18．开展汽车以旧换新").
    """

    doc_id: str
    clause_id: str
    path: tuple[str, ...]
    text: str
    order: int
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()

    @property
    def section(self) -> str:
        return " › ".join(self.path)


@dataclass(frozen=True)
class Chunk:
    """What is indexed: a clause or a sentence-aligned part of one (`text` ≤ 800 characters)."""

    chunk_id: str
    doc_id: str
    clause_id: str
    section: str
    text: str
    embed_text: str
    title: str = ""
    city: str = ""
    province: str = ""
    doc_number: str = ""
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["lead"], data["support"] = list(self.lead), list(self.support)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Chunk:
        return cls(**{**data, "lead": tuple(data.get("lead", ())), "support": tuple(data.get("support", ()))})


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its fused score and 1-based rank."""

    chunk: Chunk
    score: float
    rank: int
    issued: str = ""  # the document's issue date (ISO, or a bare year), "" when unknown
    status: str | None = (
        None  # its standing on the day asked (assistant.knowledge.standing), None when unknown
    )
    focus: str = ""  # the sentence group of the passage that dense search matched best, "" if the whole
    views: tuple[float, ...] = ()  # dense similarity of the passage's own vector, then of each sentence view
    window: str = (
        ""  # the document's window as its card shows it ("活动时间 2026-01-15 至 2026-03-31"), or ""
    )


@dataclass(frozen=True)
class Answer:
    """What the assistant says for one question: a judgement, a short reply and the cited hits."""

    question: str
    answerable: bool
    reply: str
    hits: tuple[Hit, ...]
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Target:
    """A quantitative target as written in a clause (value and unit verbatim)."""

    doc_id: str
    clause_id: str
    section: str
    city: str
    indicator: str
    value: str
    unit: str
    qualifier: str
    deadline_year: str
    baseline_year: str
    sentence: str


@dataclass(frozen=True)
class Responsibility:
    """Lead and cooperating departments named for a clause."""

    doc_id: str
    clause_id: str
    section: str
    city: str
    lead: tuple[str, ...]
    support: tuple[str, ...]


@dataclass(frozen=True)
class Retrieval:
    """The retriever's output for one question: ranked hits and its judgement whether they answer it."""

    question: str
    hits: tuple[Hit, ...]
    answerable: bool
    notices: tuple[str, ...] = ()
