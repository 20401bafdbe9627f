"""Profile questions ("我们是苏州一家制造企业，想更新生产设备，有什么补贴或贷款支持？") answered with a list.

A question that describes the asker (who, where, what they buy, scrap or upgrade) and asks what support
applies gets one line per applicable measure, from more retrieved passages than the cards a lookup shows:
the comma part of the clause that states the support, verbatim, then the lead office, cited [n]; most
specific first (most of the asker's own words), at most MAX_LINES lines and "N more" pointing to the
Measures tab. A measure with a condition the question does not settle says what it needs ("须符合条件").
The Answer's hits are the cited passages only, numbered in line order, so "[n]" is the n-th card.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.chat.answer import intent_of, language_of, sentence_spans
from assistant.chat.beneficiary import business_of, for_households_only
from assistant.chat.sector_answer import ENGLISH_SELF, SELF_DESCRIPTION, sector_question
from assistant.config import DEFAULT_CITATIONS
from assistant.documents.places import find_places, mentioned_places, place_aliases
from assistant.knowledge.sectors import GENERAL, SAFEGUARDS, sector_of, sectors_for_query
from assistant.records import Answer, Hit, Retrieval
from assistant.search.expansion import expansion_terms
from assistant.words import condition_needs, stop_words, support_kinds

PROFILE_DEPTH = 20  # passages retrieved for a profile question (a lookup retrieves the cards it shows)
MAX_LINES = 8
MIN_OVERLAP = 2  # the asker's specific bigrams a support part of another area's clause must share
DOCUMENT_RANK = DEFAULT_CITATIONS  # measures come from the documents a lookup would show: depth finds
# more of their clauses, not more documents
TOP_RANKED = 3  # a support part of one of the first passages retrieved needs one specific word only
OWN_AREA = 2.0  # added to the score of a clause of the asker's own area: the most specific first
SUPPORTS = 2.0  # added to a part that states support over one that only names the task
TARGET = 3.0  # taken from a part that only sets a target ("到2027年…"): a goal is not what the asker gets
RELATIVE = 0.5  # a measure scoring below this share of the best one is left out
COMMON = 0.5  # a bigram in more than this share of the retrieved passages is not specific
MIN_PASSAGES = 5  # fewer retrieved passages say nothing of which words are common
_PART_LIMIT = 70  # characters of a quoted measure before it is cut at a comma

# An institution describing itself: "我们是苏州的一所职业院校", "我院是县级人民医院".
_INSTITUTION_SELF = re.compile(
    r"(我们|我校|我院|本校|本院|我们单位)(是|在)\S{0,12}?(院校|学校|中学|小学|大学|学院|幼儿园|医院|卫生院|诊所|景区|电厂|"
    r"小区|物业|村|园区)"
)
# A household or a person describing themselves: "我家在晋城", "家里想换", "我是苏州市民", "我住晋城".
_HOUSEHOLD_SELF = re.compile(
    r"我家|家里|家中|自家|我住|我在\S{1,6}?(想|要|打算|准备)|我是\S{0,8}?(市民|居民|户|农民|个体户|车主)|"
    r"我们小区|我们村|咱家"
)
# What the question asks for: the support that applies, not one figure.
_ASKS_SUPPORT = re.compile(
    r"(有什么|有哪些|有啥|哪些|什么|啥|能拿到|能享受|可以享受|可享受|能获得|能申请|可以申请|有没有)\S{0,6}?"
    r"(补贴|补助|支持|政策|优惠|贷款|扶持|奖励|措施|好处)|(补贴|补助|支持|优惠|政策|贷款)吗"
)
_ENGLISH_HOUSEHOLD = re.compile(r"\bI\s+(live|am a resident|own a (home|flat|house|car))\b", re.I)
_ENGLISH_ASKS = re.compile(
    r"\b(support|subsid(y|ies)|incentives?|help|polic(y|ies)|loans?|grants?|benefits?|what can (we|i) get)\b",
    re.I,
)
# What the asker is doing: buying, replacing, scrapping, upgrading (a bare "我们是做农机的" names nothing).
_ACTION = re.compile(
    r"想|要|打算|准备|计划|换|更新|淘汰|报废|改造|加装|装修|升级|购买|购置|买|"
    r"\b(buy|replace|scrap|upgrad|renew|trade in|want|plan)",
    re.I,
)
# A sentence that states support: money, tax, credit, land or a named encouragement.
SUPPORT = re.compile(
    r"补贴|补助|奖补|奖励|贴息|贷款|信贷|再贷款|抵免|减免|免征|税|补偿|扶持|倾斜|担保|资金|划拨|路权|"
    r"消费券|礼包|优惠|支持|鼓励|给予|享受|专项|简化"
)
_CONTINUES = re.compile(r"^(但|并且|且|而且|或者)")
_TARGET = re.compile(r"^(到|力争到?|力争)\s*20\d\d\s*年|累计|占比达到|比重达到")
_CONDITION = re.compile("|".join(map(re.escape, condition_needs("zh"))))  # data/measure_words.json
_KINDS = tuple((re.compile(asked, re.I), re.compile(states)) for asked, states in support_kinds())
_CUE_WORDS = stop_words("business_fillers")

TEXTS = {
    "zh": {
        "place": "{place}：",
        "label": "{label}：",
        "needs": "（须{need}）",
        "more": "另有{n}条措施，见“措施”页。",
        "no_place": "未注明地区的文件",
    },
    "en": {
        "place": "{place}:",
        "label": "{label}: ",
        "needs": " (if {need})",
        "more": "{n} more in the Measures tab.",
        "no_place": "Documents of no particular place",
    },
}


@dataclass(frozen=True)
class Measure:
    """One applicable measure: the hit that states it, the quoted part, and how closely it fits the asker."""

    hit: Hit
    quote: str
    score: float
    place: str
    asked: bool = (
        False  # a safeguard clause stating a kind of support the asker named: kept whatever its score
    )


def profile_question(question: str) -> bool:
    """Whether the question describes the asker and asks what support applies (not one figure or office)."""
    if intent_of(question).name in ("figure", "department", "role") or len(mentioned_places(question)) > 1:
        return False  # one figure, one office, or a comparison of places: a lookup
    if language_of(question) == "en":
        described = ENGLISH_SELF.search(question) or _ENGLISH_HOUSEHOLD.search(question)
        return bool(described and _ENGLISH_ASKS.search(question))
    described = (
        SELF_DESCRIPTION.search(question)
        or _INSTITUTION_SELF.search(question)
        or _HOUSEHOLD_SELF.search(question)
    )
    return bool(described and _ASKS_SUPPORT.search(question))


def measure_answer(
    retriever,
    question: str,
    cities: Sequence[str] = (),
    doc_ids: Sequence[str] = (),
    lang: str | None = None,
    **when,
) -> Answer | None:
    """The list of measures for a profile question, retrieved PROFILE_DEPTH deep; None when the question
    is no profile question or no retrieved clause states a measure that fits it."""
    if not profile_question(question) or (sector_question(question) and not _ACTION.search(question)):
        return None  # "我们是做农机的，有什么政策？" names no action: the sector listing answers it
    retrieval = retriever.search(
        question, k=PROFILE_DEPTH, cities=tuple(cities), doc_ids=tuple(doc_ids), **when
    )
    return measure_list(retrieval, question, lang or language_of(question))


def measure_list(retrieval: Retrieval, question: str, lang: str) -> Answer | None:
    """Every measure among the retrieved passages that fits the asker, one cited line each, or None; None
    too when a business asks and the best passage is for households only: the lookup reply says so."""
    if not retrieval.answerable or not retrieval.hits:
        return None
    if _asks_as_business(question) and _for_households(retrieval.hits[0]):
        return None
    measures = applicable(retrieval.hits, question)
    if not measures:
        return None
    return _listing(retrieval, question, measures, lang)


def applicable(hits: Sequence[Hit], question: str) -> list[Measure]:
    """The measures of `hits` that fit the question, most specific first, one per clause and wording.

    A clause of the asker's own area (`sectors_for_query`: 农机 → 农业), or whose heading names what the
    asker does, is kept with its part that fits best; a clause of another area only with a support part
    that shares MIN_OVERLAP of the asker's specific words, or a safeguard clause stating a kind of support
    the asker asks for by name (贷款, 税)."""
    topic = _bigrams(_topic(question))
    specific = _specific(topic, hits)
    areas = set(sectors_for_query(_expanded(question)))
    kinds = [states for asked, states in _KINDS if asked.search(question)]
    places = mentioned_places(question, [p for h in hits for p in (h.chunk.city, h.chunk.province) if p])
    business = bool(
        business_of(question) or SELF_DESCRIPTION.search(question) or ENGLISH_SELF.search(question)
    )
    business = business and not _HOUSEHOLD_SELF.search(question)
    shown = {hit.chunk.doc_id for hit in hits if hit.rank <= DOCUMENT_RANK}
    found: list[Measure] = []
    for hit in hits:
        place = _place_of(hit, places)
        if place is None or hit.chunk.doc_id not in shown:
            continue
        area = sector_of(tuple(hit.chunk.section.split(" › ")), hit.chunk.text)
        heading = len(specific & _bigrams(hit.chunk.section.split(" › ")[-1]))
        if area in areas or heading >= MIN_OVERLAP:
            best = _best_part(hit, topic, business, lambda part, overlap, supports: True)
            bonus = OWN_AREA
            named = False
        else:
            asked = kinds if area in (SAFEGUARDS, GENERAL) else []
            least = 1 if hit.rank <= TOP_RANKED else MIN_OVERLAP  # the best-ranked passages need less
            named = bool(asked) and any(states.search(hit.chunk.text) for states in asked)
            best = _best_part(
                hit,
                specific,
                business,
                lambda part, overlap, supports, asked=asked, least=least: (
                    supports and (overlap >= least or any(states.search(part) for states in asked))
                ),
            )
            bonus = 0.0
        if best is not None:
            found.append(Measure(hit, best[1], best[0] + bonus + 0.5 * heading, place, named))
    if not found:
        return []
    found.sort(key=lambda m: (-m.score, m.hit.rank))
    kept: list[Measure] = []
    for measure in (m for m in found if m.asked or m.score >= RELATIVE * found[0].score):
        if any(_same(measure, other) for other in kept):
            continue
        kept.append(measure)
    return kept


def _for_households(hit: Hit) -> bool:
    """Whether every sentence of the passage that states support is addressed to households only."""
    text = hit.chunk.text
    stated = [
        text[a:b]
        for a, b in sentence_spans(text)
        if SUPPORT.search(text[a:b]) and not _is_heading(text[a:b], hit)
    ]
    return bool(stated) and all(for_households_only(sentence) for sentence in stated)


def _asks_as_business(question: str) -> bool:
    """Whether the asker describes a business (or an institution) rather than a household."""
    described = business_of(question) or SELF_DESCRIPTION.search(question) or ENGLISH_SELF.search(question)
    return bool(described) and not _HOUSEHOLD_SELF.search(question)


def _best_part(hit: Hit, wanted: set[str], business: bool, qualifies) -> tuple[float, str] | None:
    """(score, quote) of the part of the passage that fits the asker best among those that `qualifies`
    (part, overlap, states support); a part stating support scores SUPPORTS more. None when none does."""
    best: tuple[float, str] | None = None
    text = hit.chunk.text
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if business and for_households_only(sentence) or _is_heading(sentence, hit):
            continue
        for part in map(_cell_text, _parts(sentence)):
            if not part:
                continue
            supports = bool(SUPPORT.search(part))
            overlap = len(wanted & _bigrams(part))
            if not qualifies(part, overlap, supports):
                continue
            target = not supports and _TARGET.search(part)
            score = overlap + (SUPPORTS if supports else 0.0) - (TARGET if target else 0.0)
            if best is None or score > best[0]:
                best = (score, part)
    return best


def _cell_text(part: str) -> str:
    """A part of an annex table row without the row's number and heading cells; '' for its office cell."""
    text = part.rsplit("|", 1)[-1].strip() if "|" in part else part
    return "" if "牵头" in text and ("配合" in text or len(text) < 40) else text


def _specific(wanted: set[str], hits: Sequence[Hit]) -> set[str]:
    """The asker's bigrams that are not in most retrieved passages (更新, 设备 say nothing specific)."""
    texts = [_bigrams(hit.chunk.section + hit.chunk.text) for hit in hits]
    if len(texts) < MIN_PASSAGES:
        return wanted
    return {gram for gram in wanted if sum(gram in t for t in texts) <= COMMON * len(texts)}


def _is_heading(sentence: str, hit: Hit) -> bool:
    """A sentence that is only the clause's own heading ("2.支持新能源汽车消费。")."""
    own = hit.chunk.section.split(" › ")[-1]
    bare = sentence.rstrip("。.；;").strip()
    return bool(bare) and (bare in own or own.endswith(bare) or bare.endswith(own.split(" ", 1)[-1]))


def _expanded(question: str) -> str:
    return " ".join([question, *expansion_terms(question)])


def _parts(sentence: str) -> list[str]:
    """A sentence as quotable parts: whole when short, else its comma parts, each short part joined with
    the next so no part is a bare fragment."""
    sentence = sentence.rstrip("。；;，,")
    if len(sentence) <= _PART_LIMIT:
        return [sentence]
    pieces = [p for p in re.split(r"(?<=[，,；;])", sentence) if p]
    parts: list[str] = []
    current = ""
    for piece in pieces:
        if (
            _CONTINUES.match(piece) and parts and not current
        ):  # "…，但实际运行超过20年的…" belongs to its part
            parts[-1] += "，" + piece.rstrip("，,；;")
            continue
        current += piece
        if len(current) >= 16:
            parts.append(current.rstrip("，,；;"))
            current = ""
    if current:
        parts.append(current.rstrip("，,；;"))
    return [p if len(p) <= _PART_LIMIT else p[:_PART_LIMIT] + "…" for p in parts]


def _place_of(hit: Hit, places: Sequence[str]) -> str | None:
    """The place a hit answers for: the named place it belongs to ('' for a document of no place), its own
    place when none is named, None when it belongs to another place than the one named."""
    own = hit.chunk.city or hit.chunk.province
    if not places:
        return own
    for place in places:
        provinces = {p.province for p in find_places(place) if not p.is_province}
        if place in (hit.chunk.city, hit.chunk.province) or (
            not hit.chunk.city and hit.chunk.province in provinces
        ):
            return place
    return "" if not own else None


def _same(measure: Measure, other: Measure) -> bool:
    """One clause, or the same words (an annex row repeating its clause), is one measure."""
    a, b = measure.hit.chunk, other.hit.chunk
    return (
        a.clause_id == b.clause_id or measure.quote.rstrip("…") in b.text or other.quote.rstrip("…") in a.text
    )


def _listing(retrieval: Retrieval, question: str, measures: list[Measure], lang: str) -> Answer:
    texts = TEXTS[lang]
    shown = measures[:MAX_LINES]
    places = list(dict.fromkeys(m.place for m in shown))
    lines: list[str] = []
    hits: list[Hit] = []
    for place in places:
        if len(places) > 1:
            lines.append(texts["place"].format(place=place or texts["no_place"]))
        for measure in (m for m in shown if m.place == place):
            hits.append(measure.hit)
            lines.append(_line(measure, question, lang) + f"[{len(hits)}]")
    if len(measures) > len(shown):
        lines.append(texts["more"].format(n=len(measures) - len(shown)))
    return Answer(question, True, "\n".join(lines), tuple(hits), retrieval.notices)


def _line(measure: Measure, question: str, lang: str) -> str:
    """The lead office and what the measure's condition needs when the question does not settle it, as a
    label, then the quote: "市发展改革委（须符合条件）：支持符合条件的…" (the page marks the quote in its card)."""
    texts = TEXTS[lang]
    lead = measure.hit.chunk.lead
    label = lead[0] if lead else ""
    condition = _CONDITION.search(measure.quote)
    if condition and condition.group() not in question:
        label += texts["needs"].format(need=condition_needs(lang)[condition.group()]).strip()
    return (texts["label"].format(label=label) if label else "") + measure.quote


def _topic(question: str) -> str:
    """The asker's own words: the question and its expansions without places, fillers and ask words."""
    text = _expanded(question)
    for place in mentioned_places(question):
        for alias in sorted(place_aliases(place), key=len, reverse=True):
            text = text.replace(alias, " ")
    text = _ASKS_SUPPORT.sub(" ", text)
    for word in sorted(_CUE_WORDS, key=len, reverse=True):
        if len(word) >= 2:
            text = text.replace(word, " ")
    return text


def _bigrams(text: str) -> set[str]:
    """Character bigrams of the Chinese and digits of `text` within runs (no bigram across a gap)."""
    grams: set[str] = set()
    for run in re.findall(r"[\u4e00-\u9fff\d]+", text):
        grams |= {a + b for a, b in zip(run, run[1:], strict=False)}
    return grams
