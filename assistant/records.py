"""Core records every module speaks in: documents, clauses, chunks, hits, answers, targets, measures."""

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
    # the version of the same series the question is about ("第三轮" over "第二轮", the rules in force over
    # the replaced ones), when that is another document among the hits; "" otherwise
    asked_version: str = ""


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
class Band:
    """One band of a tiered amount: the case it holds for (bounds, 含 / 不含) and what it gives."""

    condition: str  # as written: "售价15万元（含）至20万元"
    low: float | None  # in 元 for money, else in the bound's own unit
    low_included: bool
    high: float | None
    high_included: bool
    unit: str  # of the bounds: 元, 人, %, 辆 …
    amount: str  # as written: "每辆补贴3000元"
    value: float | None  # parsed: 元, or a percentage when `share`
    share: bool = False


@dataclass(frozen=True)
class Measure:
    """A clause part that gives something: who gets what, how much, until when, how to apply.

    Fields hold their words as written; `spans` says where each came from: (field, "measure", start, end)
    within `text`, or (field, "document", start, end) within the document's compact text.
    """

    doc_id: str
    clause_id: str
    section: str
    place: str
    title: str
    text: str  # the measure's words, white space removed
    instrument: str  # 补贴, 补助, 奖励, 贴息, 贷款, 担保, 税费减免, 消费券, 礼包 …
    instrument_words: str  # as written
    who: str  # 个人 / 企业 / "" (as the words name them)
    who_words: str
    excluded: str  # "行政事业单位除外"
    what: str
    amount: str  # as written
    kind: str  # fixed, share, per_unit, up_to, tiered, "" (none stated)
    value: float | None  # 元, or a percentage for a share
    per: str  # the unit an amount is per: 辆, 台, 人 …
    cap: str  # as written: "每台最高不超过2000元"
    cap_value: float | None
    limit: str  # counts: 限购1辆, 每类1件
    bands: tuple[Band, ...]
    fund: str  # total fund, 先到先得, 用完即止
    window: str  # as written
    start: str  # ISO day, "" when not stated
    end: str
    use_within: str  # "领取后7日内使用"
    round: str
    how: str
    contact: str
    conditions: tuple[str, ...]
    spans: tuple[tuple[str, str, int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Measure:
        return cls(
            **{
                **data,
                "bands": tuple(Band(**band) for band in data.get("bands", ())),
                "conditions": tuple(data.get("conditions", ())),
                "spans": tuple(tuple(span) for span in data.get("spans", ())),
            }
        )


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
