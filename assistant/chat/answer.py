"""Short replies composed only from retrieved text: the sentence that answers, quoted verbatim, cited [n]."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.chat.answer_kinds import held_kinds
from assistant.chat.beneficiary import business_of, covers, for_households_only
from assistant.chat.cap_answer import cap_line
from assistant.chat.case_answer import case_line
from assistant.chat.contact import contact_line
from assistant.chat.conversation import needs_context, topic_of
from assistant.chat.heading_list import heading_list_line
from assistant.chat.reply_sentence import (
    ROLE,
    SENTENCE,
    Ask,
    Quote,
    actor_quote,
    ask_of,
)
from assistant.chat.selector import best_quote
from assistant.chat.support_ask import asks_given, product_unnamed, states_given
from assistant.chat.when_answer import window_line
from assistant.documents.places import find_places, mentioned_places
from assistant.records import Answer, Hit, Retrieval
from assistant.words import stop_words


@dataclass(frozen=True)
class Intent:
    """A kind of question, told by its cue words; `prefer` marks the sentences that answer it."""

    name: str
    cues: re.Pattern[str]
    prefer: re.Pattern[str] | None
    bonus: float


# Checked in order: the first intent whose cues match is the question's kind.
INTENTS = (
    Intent(
        "role",
        re.compile(
            r"由谁|谁(来)?(担任|当|任)|担任|组长|总指挥|召集人|"
            r"\bwho (heads|chairs|is the head)|\b(head|chair|leader) of\b",
            re.I,
        ),
        ROLE,
        0.0,
    ),
    Intent(
        "department",
        re.compile(
            r"(哪个|哪些|哪家|什么|啥)(部门|单位|机构)|谁|(部门|单位|机构)(是|为)?(哪|谁|什么|啥)|归谁|"
            r"(部门|单位|机构)有(哪些|什么)\W*$|"
            r"(牵头|配合|责任|负责|主管)(和配合)?(部门|单位)\W*$|"
            r"department|responsib|in charge|\bleads?\b|\bwho\b|agenc",
            re.I,
        ),
        None,
        0.0,
    ),
    Intent(
        "figure",
        re.compile(
            r"多少|(?<![十百千万一二三四五六七八九])(?<!哪)(?<!多\w)几[个项家台辆年所座]|比例|占比|比重|百分|目标|增长|达到|规模|数量|金额(?![^，,。？?]{0,3}(?:怎么|如何|怎样))|标准是|"
            r"how (much|many)|percent|share|target|\brate\b|number|amount|growth|figure|goal",
            re.I,
        ),
        re.compile(r"\d|[%％]|[一二三四五六七八九十两]+(倍|成|番)"),
        4.0,
    ),
    Intent(
        "measure",
        re.compile(
            r"条件|资格|符合|申请|申报|补贴|补助|奖励|支持|优惠|享受|可以|能否|能不能|怎么|如何|措施|政策|"
            r"eligib|qualif|apply|subsid|support|incentive|benefit|grant|measure|\bcan\b|\bhow\b",
            re.I,
        ),
        re.compile(r"给予|补贴|补助|奖励|支持|鼓励|享受|按规定|最高|不超过|减免|抵免|贴息|符合条件"),
        2.0,
    ),
)
GENERAL = Intent("general", re.compile(r"(?!)"), None, 0.0)

# "[1]": a citation mark in a reply, the number of the cited clause.
CITATION = re.compile(r"\[(\d+)\]")
_MAX_REPLY_SENTENCE = 120  # characters of a passage shown when no sentence of it can answer
_CANDIDATE_HITS = 3
# What a reply says when the best clause does not state the amount or the date asked for.
_MISSING = {"money": "no_money", "date": "no_date"}
# "区财政部门", "卫生健康部门": an office named by its field
_OFFICE = re.compile(r"([\u4e00-\u9fff]{2,4})部门")
# A comparison that names no place: "两市…有什么不同", "两个城市各有什么说法"
_COMPARISON = re.compile(
    r"两市|两个城市|两座城市|两地|两城|各地|有什么不同|有何不同|区别|差异|对比|比较|\bboth\b|\bcompar|\bdiffer",
    re.I,
)
# "X和Y各/分别…": two things asked at once
_EACH = re.compile(r"(?P<x>[\u4e00-\u9fff]{2,8})(和|与|及|、)(?P<y>[\u4e00-\u9fff]{2,8}?)(各|分别)")
# A question's parts: "…增长目标是多少？牵头单位是谁？", "…由谁担任，办公室设在哪？"
_PART_SPLIT = re.compile(r"[，,？?；;]|\s+and\s+(?=where|which|who|what|when|how)", re.I)
_ASKS_SOMETHING = re.compile(
    r"多少|(?<![十百千万一二三四五六七八九])几[个项家台辆年所座处成]|谁|哪|什么|啥|何|吗|怎么|如何|是否|能否|\b(how|what|who|which|where|when)\b",
    re.I,
)

TEXTS = {
    "zh": {
        "not_found": "政策文件中没有找到这个问题的答案。",
        "needs_context": "这个问题要接着上一个问题问；新对话里请把问题说完整，例如“晋城新能源公交车更新的目标是多少？”",
        "related": "下面列出的条款可能相关，但并不回答这个问题。",
        "no_figure": "所引条款没有给出具体数值，最相关的内容是：",
        "no_role": "所引条款没有写明由谁担任，相关内容是：",
        "no_money": "所引条款没有写明具体金额，最相关的内容是：",
        "households_only": "所引条款面向居民个人，没有写到{business}这类经营者；相关内容是：",
        "no_date": "所引条款没有写明时间，最相关的内容是：",
        "no_support": "所引条款没有写明补贴或其他支持，最相关的内容是：",
        "no_support_for": "所引条款没有写到对{product}的补贴或支持，最相关的内容是：",
        "lead": "牵头部门",
        "support": "配合部门",
        "no_department": "所引条款没有写明负责部门，相关内容是：",
        "place_missing": "检索到的条款中没有相关内容。",
        "sep": "：",
        "list": "、",
        "join": "；",
        "list_more": "（原文该标题下另有条目，未在检索结果中）",
    },
    "en": {
        "not_found": "The policy documents do not answer this question.",
        "needs_context": "This follows on from an earlier question; in a new chat please ask it in full, "
        "e.g. 'What is Jincheng's target for new-energy buses?'",
        "related": "The clauses below may be related, but they do not answer it.",
        "no_figure": "The cited clause gives no figure; the closest passage is: ",
        "no_role": "The cited clause names no person or role for this; the passage is: ",
        "no_money": "The cited clause states no amount; the closest passage is: ",
        "households_only": "The cited clause is for households, not for a business such as a {business}; "
        "the passage is: ",
        "no_date": "The cited clause states no date; the closest passage is: ",
        "no_support": "The cited clause states no subsidy or other support; the closest passage is: ",
        "no_support_for": "The cited clause states no support for {product}; the closest passage is: ",
        "lead": "Lead",
        "support": "Supporting",
        "no_department": "The cited clause names no responsible department; the passage is: ",
        "place_missing": "no matching clause was retrieved.",
        "sep": ": ",
        "list": "、",
        "join": "; ",
        "list_more": " (the heading lists more items than the results show; see the document)",
    },
}


def compose(retrieval: Retrieval, question: str, lang: str | None = None) -> Answer:
    """The answer to `question` from `retrieval`: a reply quoting retrieved sentences, or a plain 'not found'."""
    lang = lang or language_of(question)
    texts = TEXTS[lang]
    hits = retrieval.hits
    if needs_context(question, _places_of(hits)):
        return Answer(question, False, texts["needs_context"], hits, retrieval.notices)
    if not retrieval.answerable or not hits:
        reply = texts["not_found"] + (" " + texts["related"] if hits else "")
        return Answer(question, False, reply, hits, retrieval.notices)
    case = case_line(question, hits)  # the question states its case: the rule for it, computed (case_answer)
    if case:
        return Answer(question, True, case, hits, retrieval.notices)
    intent = intent_of(question)
    places = mentioned_places(question, _places_of(hits))
    cited = list(
        dict.fromkeys(
            hit.chunk.city or hit.chunk.province for hit in hits if hit.chunk.city or hit.chunk.province
        )
    )
    if not places and len(cited) >= 2:
        # No place named, several cited: a department question or a comparison ("两市…有什么不同") is
        # answered for each place; any other
        # answer is labelled with its place, so one city's figure never passes for all of them.
        if intent.name == "department" or _COMPARISON.search(question):
            places = cited
        else:
            line = _line(list(enumerate(hits, 1)), question, intent, texts)
            numbers = [n for n in cited_numbers(line) if 0 < n <= len(hits)]
            chunk = hits[numbers[0] - 1].chunk if numbers else hits[0].chunk
            place = chunk.city or chunk.province or cited[0]
            return Answer(question, True, f"{place}{texts['sep']}{line}", hits, retrieval.notices)
    if len(places) >= 2:
        lines = _distinct([_place_line(hits, place, question, intent, texts) for place in places], texts)
    else:
        numbered = _not_elsewhere(hits, places[0]) if places else []
        lines = [_line(numbered or list(enumerate(hits, 1)), question, intent, texts)]
    return Answer(question, True, "\n".join(lines), hits, retrieval.notices)


def language_of(text: str) -> str:
    """'en' for a question written mostly in Latin letters, else 'zh'."""
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "en" if latin > 2 * cjk else "zh"


def intent_of(question: str) -> Intent:
    """The kind of question, from the first matching row of INTENTS."""
    return next((intent for intent in INTENTS if intent.cues.search(question)), GENERAL)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, split at 。；！？ and line breaks, without surrounding space."""
    spans = []
    for match in SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def quoted_fragments(reply: str) -> list[str]:
    """The verbatim passages a reply quotes: each line without its label, citation marks and ellipses."""
    labels = [
        t[key]
        for t in TEXTS.values()
        for key in ("no_figure", "no_role", "no_money", "no_date", "no_department")
    ]
    fragments = []
    for line in reply.splitlines():
        line = CITATION.sub("", line)
        for label in labels:
            line = line.replace(label, "")
        line = re.sub(r"^[^，,。；;：:]{1,40}[：:]\s*", "", line)  # a place or heading label before a quote
        fragments += [piece.strip() for piece in line.split("…") if len(piece.strip()) >= 4]
    return fragments


def cited_numbers(reply: str) -> list[int]:
    """The citation numbers [n] a reply uses, in order."""
    return [int(n) for n in CITATION.findall(reply)]


Numbered = list[tuple[int, Hit]]  # hits with their citation numbers


def _from_place(hits: Sequence[Hit], place: str) -> Numbered:
    return [(n, hit) for n, hit in enumerate(hits, 1) if place in (hit.chunk.city, hit.chunk.province)]


def _not_elsewhere(hits: Sequence[Hit], place: str) -> Numbered:
    """The hits that may answer for `place`: its own documents, those of the province it lies in, and
    documents of no known place (national rules, notices whose issuer names no place), in retrieval order;
    only another place's documents are left out, as the ranking already raised the named place's."""
    provinces = {p.province for p in find_places(place) if not p.is_province}
    return [
        (n, hit)
        for n, hit in enumerate(hits, 1)
        if place in (hit.chunk.city, hit.chunk.province)
        or not (hit.chunk.city or hit.chunk.province)
        or (not hit.chunk.city and hit.chunk.province in provinces)
    ]


def _line(numbered: Numbered, question: str, intent: Intent, texts: dict[str, str]) -> str:
    """The reply lines for one place: one per part of a two-part question, each cited."""
    parts = question_parts(question)
    if len(parts) > 1:  # the dense focus was matched against the whole question, not against each part
        numbered = [(number, replace(hit, focus="")) for number, hit in numbered]
    lines: list[str] = []
    for part in parts:
        line = _part_line(numbered, part, intent_of(part) if len(parts) > 1 else intent, texts)
        if any(CITATION.sub("", line) in CITATION.sub("", other) for other in lines):
            continue
        lines = [other for other in lines if CITATION.sub("", other) not in CITATION.sub("", line)]
        lines.append(line)
    return "\n".join(lines)


def _distinct(lines: list[str], texts: dict[str, str]) -> list[str]:
    """Place lines without repeats: "吉林省长春市" names two places of one document, not a comparison."""
    kept: list[str] = []
    for line in lines:
        body = line.split(texts["sep"], 1)[-1]
        if not any(other.split(texts["sep"], 1)[-1] == body for other in kept):
            kept.append(line)
    return kept


def question_parts(question: str) -> list[str]:
    """A two-part question ("增长目标是多少？牵头单位是谁？") as its parts, each asking one thing; later
    parts carry the first part's topic, since "牵头单位是谁" is about the same measure."""
    pieces = [p.strip() for p in _PART_SPLIT.split(question) if p and p.strip()]
    asking = [p for p in pieces if _ASKS_SOMETHING.search(p)]
    if len(asking) < 2:
        return _each_of(question)
    topic = topic_of(asking[0])
    return [asking[0]] + [f"{topic}，{part}" for part in asking[1:]]


def _each_of(question: str) -> list[str]:
    """ "供水管网和排水管网各多少公里" as one question per conjunct; other questions as they are."""
    match = _EACH.search(question)
    if not match or match.group("y").startswith("的"):
        return [question]
    y = match.group("y")
    x_start = max(match.start("x"), match.end("x") - len(y))
    return [
        question[: match.end("x")] + question[match.end("y") :],
        question[:x_start] + question[match.start("y") :],
    ]


def _part_line(numbered: Numbered, question: str, intent: Intent, texts: dict[str, str]) -> str:
    """One reply line: a phone, address or explaining department (contact.py), a window (when_answer.py),
    the cap on a sum (cap_answer.py), the items of a heading asked for as a whole (heading_list.py);
    the departments for a department question; else the sentence that answers."""
    practical = (
        contact_line(numbered, question)
        or window_line(numbered, question)
        or cap_line(numbered, question)
        or (
            heading_list_line(numbered, question, texts["list_more"]) if intent.name != "department" else None
        )
    )
    if practical is not None:
        return practical
    if intent.name == "department":
        actor = actor_quote(numbered, ask_of(question))
        noted = [
            p for p, (_, hit) in enumerate(numbered[:_CANDIDATE_HITS]) if hit.chunk.lead or hit.chunk.support
        ]
        if actor is not None and (not noted or actor[0] <= noted[0]):
            return f"{actor[1].text}[{actor[1].number}]"
        for number, hit in numbered[:_CANDIDATE_HITS]:
            chunk = hit.chunk
            if chunk.lead or chunk.support:
                named = (("lead", chunk.lead), ("support", chunk.support))
                parts = [
                    f"{texts[key]}{texts['sep']}{texts['list'].join(names)}" for key, names in named if names
                ]
                return texts["join"].join(parts) + f"[{number}]"
        quote, _ = _quote(numbered, question, GENERAL)
        if _names_office(quote.text):
            return f"{quote.text}[{quote.number}]"
        return f"{texts['no_department']}{quote.text}[{quote.number}]"
    quote, ask = _quote(numbered, question, intent)
    business = business_of(question)
    cited = next(hit.chunk for number, hit in numbered if number == quote.number)
    if business and for_households_only(quote.text) and not covers(cited.text, business):
        return f"{texts['households_only'].format(business=business)}{quote.text}[{quote.number}]"
    if (given := asks_given(question)) and not states_given(quote.text):
        return f"{texts['no_support']}{quote.text}[{quote.number}]"
    product = given and product_unnamed(question, cited, english=texts is TEXTS["en"])
    if product:
        return f"{texts['no_support_for'].format(product=product)}{quote.text}[{quote.number}]"
    if not quote.states:
        missing = _MISSING.get(ask.figure or "") if intent.name != "figure" else "no_figure"
        missing = "no_role" if intent.name == "role" else missing
        if missing:
            return f"{texts[missing]}{quote.text}[{quote.number}]"
    return f"{quote.text}[{quote.number}]"


def _names_office(text: str) -> bool:
    """Whether `text` names an office ("国家卫生健康委组织…", "向注册地所在区财政部门提交"), not only
    "有关部门"."""
    generic = stop_words("department_generic")
    return "organisation" in held_kinds(text) or any(
        not any(m.group(1).endswith(word) for word in generic) for m in _OFFICE.finditer(text)
    )


def _quote(numbered: Numbered, question: str, intent: Intent) -> tuple[Quote, Ask]:
    """The best-answering quote among the top hits (see reply_sentence), the passage's start if none;
    and what the question asks for."""
    ask = ask_of(question, INTENTS[0].cues)
    if intent.name == "figure" and ask.figure is None:
        ask = replace(ask, figure="any")
    quote = best_quote(numbered, ask, question, intent.prefer if intent.name == "measure" else None)
    if quote is None:
        number, hit = numbered[0]
        return Quote(number, hit.chunk.text[:_MAX_REPLY_SENTENCE], False), ask
    return replace(quote, text=quote.text.rstrip("；;，,")), ask


def _place_line(hits: Sequence[Hit], place: str, question: str, intent: Intent, texts: dict[str, str]) -> str:
    """One line of a comparison: the answer among the hits from `place`, labelled with the place."""
    numbered = _from_place(hits, place)
    if not numbered:
        return f"{place}{texts['sep']}{texts['place_missing']}"
    others = [p for p in _places_of(hits) if p != place]
    own_question = re.sub("|".join(map(re.escape, others)) or "(?!)", "", question)
    return f"{place}{texts['sep']}{_line(numbered, own_question, intent, texts)}"


def _places_of(hits: Sequence[Hit]) -> list[str]:
    places = [p for hit in hits for p in (hit.chunk.city, hit.chunk.province) if p]
    return list(dict.fromkeys(places))
