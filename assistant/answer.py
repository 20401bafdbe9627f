"""Short replies composed only from retrieved text: the sentence that answers, quoted verbatim, cited [n]."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.conversation import mentioned_places, topic_of
from assistant.records import Answer, Hit, Retrieval


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
        "department",
        re.compile(
            r"部门|牵头|负责|哪个单位|责任单位|主管|谁|department|responsib|in charge|\bleads?\b|\bwho\b|agenc",
            re.I,
        ),
        None,
        0.0,
    ),
    Intent(
        "figure",
        re.compile(
            r"多少|几[个项家台辆年所座]|比例|占比|比重|百分|目标|增长|达到|规模|数量|金额|标准是|"
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

_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_CLAUSE_PART = re.compile(r"[^，,：:]+[，,：:]?")
_DEPARTMENT_NOTE = re.compile(r"^[（(].{0,80}(牵头|负责|配合单位|责任单位)")
_HEADING_ONLY = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[）)．.、]\S{0,30}$")
_CITATION = re.compile(r"\[(\d+)\]")
_MAX_REPLY_SENTENCE = 120  # characters; a longer sentence is cut to its best part
_MAX_FIGURE_SENTENCE = 60  # a figure question is answered by the part that holds the figure
_MIN_PART = 16  # a part shorter than this keeps its neighbours for context
_CANDIDATE_HITS = 3

TEXTS = {
    "zh": {
        "not_found": "政策文件中没有找到这个问题的答案。",
        "related": "下面列出的条款可能相关，但并不回答这个问题。",
        "no_figure": "所引条款没有给出具体数值，最相关的内容是：",
        "lead": "牵头部门",
        "support": "配合部门",
        "no_department": "所引条款没有写明负责部门，相关内容是：",
        "place_missing": "检索到的条款中没有相关内容。",
        "sep": "：",
        "list": "、",
        "join": "；",
    },
    "en": {
        "not_found": "The policy documents do not answer this question.",
        "related": "The clauses below may be related, but they do not answer it.",
        "no_figure": "The cited clause gives no figure; the closest passage is: ",
        "lead": "Lead",
        "support": "Supporting",
        "no_department": "The cited clause names no responsible department; the passage is: ",
        "place_missing": "no matching clause was retrieved.",
        "sep": ": ",
        "list": "、",
        "join": "; ",
    },
}


def compose(retrieval: Retrieval, question: str, lang: str | None = None) -> Answer:
    """The answer to `question` from `retrieval`: a reply quoting retrieved sentences, or a plain 'not found'."""
    lang = lang or language_of(question)
    texts = TEXTS[lang]
    hits = retrieval.hits
    if not retrieval.answerable or not hits:
        reply = texts["not_found"] + (" " + texts["related"] if hits else "")
        return Answer(question, False, reply, hits, retrieval.notices)
    intent = intent_of(question)
    places = mentioned_places(question, _places_of(hits))
    cited = list(
        dict.fromkeys(
            hit.chunk.city or hit.chunk.province for hit in hits if hit.chunk.city or hit.chunk.province
        )
    )
    if not places and len(cited) >= 2:
        # No place named, several cited: a department question is answered for each place; any other
        # answer is labelled with its place, so one city's figure never passes for all of them.
        if intent.name == "department":
            places = cited
        else:
            line = _line(list(enumerate(hits, 1)), question, intent, texts)
            return Answer(question, True, f"{cited[0]}{texts['sep']}{line}", hits, retrieval.notices)
    if len(places) >= 2:
        lines = [_place_line(hits, place, question, intent, texts) for place in places]
    else:
        numbered = _from_place(hits, places[0]) if places else []
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
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def best_sentence_span(text: str, question: str, intent: Intent | None = None) -> tuple[int, int] | None:
    """The span of the sentence of `text` that best answers `question`, or None when it has none."""
    intent = intent or intent_of(question)
    wanted = _bigrams(topic_of(question))
    scored = [(_sentence_score(text[s:e], wanted, intent), -s, (s, e)) for s, e in sentence_spans(text)]
    scored = [item for item in scored if item[0] > float("-inf")]
    return max(scored)[2] if scored else None


def quoted_fragments(reply: str) -> list[str]:
    """The verbatim passages a reply quotes: each line without its label, citation marks and ellipses."""
    labels = [t[key] for t in TEXTS.values() for key in ("no_figure", "no_department")]
    fragments = []
    for line in reply.splitlines():
        line = _CITATION.sub("", line)
        for label in labels:
            line = line.replace(label, "")
        line = re.sub(r"^[^，,。；;：:]{1,40}[：:]\s*", "", line)  # a place or heading label before a quote
        fragments += [piece.strip() for piece in line.split("…") if len(piece.strip()) >= 4]
    return fragments


def cited_numbers(reply: str) -> list[int]:
    """The citation numbers [n] a reply uses, in order."""
    return [int(n) for n in _CITATION.findall(reply)]


Numbered = list[tuple[int, Hit]]  # hits with their citation numbers


def _from_place(hits: Sequence[Hit], place: str) -> Numbered:
    return [(n, hit) for n, hit in enumerate(hits, 1) if place in (hit.chunk.city, hit.chunk.province)]


def _line(numbered: Numbered, question: str, intent: Intent, texts: dict[str, str]) -> str:
    """One reply line: the departments for a department question, else the best sentence."""
    if intent.name == "department":
        for number, hit in numbered[:_CANDIDATE_HITS]:
            chunk = hit.chunk
            if chunk.lead or chunk.support:
                named = (("lead", chunk.lead), ("support", chunk.support))
                parts = [
                    f"{texts[key]}{texts['sep']}{texts['list'].join(names)}" for key, names in named if names
                ]
                return texts["join"].join(parts) + f"[{number}]"
        number, quote = _best_quote(numbered, question, GENERAL)
        return f"{texts['no_department']}{quote}[{number}]"
    number, quote = _best_quote(numbered, question, intent)
    if intent.prefer is not None and intent.name == "figure" and not intent.prefer.search(quote):
        return f"{texts['no_figure']}{quote}[{number}]"
    return f"{quote}[{number}]"


def _place_line(hits: Sequence[Hit], place: str, question: str, intent: Intent, texts: dict[str, str]) -> str:
    """One line of a comparison: the answer among the hits from `place`, labelled with the place."""
    numbered = _from_place(hits, place)
    if not numbered:
        return f"{place}{texts['sep']}{texts['place_missing']}"
    others = [p for p in _places_of(hits) if p != place]
    own_question = re.sub("|".join(map(re.escape, others)) or "(?!)", "", question)
    return f"{place}{texts['sep']}{_line(numbered, own_question, intent, texts)}"


def _best_quote(numbered: Numbered, question: str, intent: Intent) -> tuple[int, str]:
    """(citation number, verbatim quote) of the best sentence in the top hits; rank weighs in."""
    wanted = _bigrams(topic_of(question))
    best: tuple[float, int, str] | None = None
    for position, (number, hit) in enumerate(numbered[:_CANDIDATE_HITS]):
        text = hit.chunk.text
        for start, end in sentence_spans(text):
            score = _sentence_score(text[start:end], wanted, intent) * (1.0 - 0.2 * position)
            if score > float("-inf") and (best is None or score > best[0]):
                best = (score, number, text[start:end])
    if best is None:
        number, hit = numbered[0]
        return number, hit.chunk.text[:_MAX_REPLY_SENTENCE]
    return best[1], _shorten(best[2], wanted, intent).rstrip("；;，,")


def _sentence_score(sentence: str, wanted: set[str], intent: Intent) -> float:
    if len(sentence) < 6 or _DEPARTMENT_NOTE.match(sentence) or _HEADING_ONLY.match(sentence):
        return float("-inf")
    overlap = len(wanted & _bigrams(sentence))
    bonus = intent.bonus if intent.prefer and intent.prefer.search(sentence) else 0.0
    return overlap + bonus + 0.01


def _shorten(sentence: str, wanted: set[str], intent: Intent) -> str:
    """A long sentence cut to its best-matching comma-separated part (with neighbours if that is very short)."""
    limit = _MAX_FIGURE_SENTENCE if intent.name == "figure" else _MAX_REPLY_SENTENCE
    if len(sentence) <= limit:
        return sentence
    parts = [m.group(0) for m in _CLAUSE_PART.finditer(sentence)]
    scores = [_sentence_score(p, wanted, intent) if len(p) >= 6 else -1.0 for p in parts]
    first = last = max(range(len(parts)), key=lambda i: (scores[i], -i))
    while sum(map(len, parts[first : last + 1])) < _MIN_PART and (first > 0 or last < len(parts) - 1):
        if first > 0:
            first -= 1
        else:
            last += 1
    text = "".join(parts[first : last + 1])
    if last < len(parts) - 1:
        text = text.rstrip("，,：:")
    return ("…" if first > 0 else "") + text + ("…" if last < len(parts) - 1 else "")


def _places_of(hits: Sequence[Hit]) -> list[str]:
    places = [p for hit in hits for p in (hit.chunk.city, hit.chunk.province) if p]
    return list(dict.fromkeys(places))


def _bigrams(text: str) -> set[str]:
    """Character bigrams of the Chinese and digits in `text`, and its lower-cased Latin words."""
    chars = re.findall(r"[\u4e00-\u9fff\d]", text)
    grams = {a + b for a, b in zip(chars, chars[1:], strict=False)}
    return grams | {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}
