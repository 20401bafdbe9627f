"""Follow-up questions in context: '那晋城呢？' swaps the place, '哪个部门负责？' carries the topic over."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.documents.places import english_name, mentioned_places, place_aliases
from assistant.words import stop_words

_QUESTION_END = re.compile(r"[\s？?。．.!！，,、;；:：]+$")
_QUESTION_TAILS = (
    re.compile(
        r"(分别|各自)?(是|为|有|达到|要达到)?(多少|几|什么|哪些|哪个|怎样|怎么样|如何|多大|多高|多久)(呢|啊)?$"
    ),
    re.compile(r"(吗|呢|么)$"),
)
# "…有什么目标", "…有哪些措施": the question word before a closing noun goes, the noun stays.
_ASK_BEFORE_NOUN = re.compile(r"(有|是)?(什么|哪些|啥)(?=[\u4e00-\u9fff]{1,6}$)")
_QUESTION_HEADS = (
    re.compile(r"^(请问|我想知道|想问一下)\s*"),
    re.compile(r"^(what|which|how|who|where|when)\b(\s+(is|are|was|were|does|do|much|many)\b)?\s*", re.I),
)
# The subject of a follow-up "X 呢？" / "What about X?" is X: a place (swap it in) or a topic (keep the place).
_ELLIPTIC = (
    re.compile(
        r"^(那么|那末|那|还有|另外)?\s*(?P<x>\S{1,20}?)\s*(的情况|情况|的)?"
        r"\s*(呢|怎么样|如何|又如何|又是多少|又怎样)\s*[？?。!！]*$"
    ),
    re.compile(r"^(and\s+|so\s+)?(what|how)\s+about\s+(in\s+|for\s+)?(?P<x>[^?？]+?)\s*[?？.!]*$", re.I),
    re.compile(r"^and\s+(in\s+|for\s+)?(?P<x>[^?？]+?)\s*[?？]+$", re.I),
)
# "晋城有类似目标吗？", "Does Jincheng have a similar target?": the topic carried over to the place X.
_SIMILAR = (
    re.compile(
        r"^(那么|那|请问)?\s*(?P<x>\S{1,20}?)\s*(是否|有没有|有无|也有|有|也)\s*(类似|同样|相同|一样|相应|相似)"
        r"的?\S{0,8}?(吗|么|呢)?\s*[？?。!！]*$"
    ),
    re.compile(
        r"^(does|do|has|have|is|are)\s+(?P<x>.+?)\s+(have|has|got|set)?\s*(a|any)?\s*(similar|the same|such|comparable)\b.*$",
        re.I,
    ),
)
# Words that ask about an aspect of the topic already under discussion rather than name a new one.
_FILLERS_ZH = stop_words("follow_up_zh")  # data/stopwords.json
_STOPWORDS_EN = frozenset(stop_words("follow_up_en"))
_REFERENCE = re.compile(
    r"(这|该|此|上述|上面)(项|条|个|些)?(措施|政策|目标|任务|条款|规定|工作|内容)|"
    r"\b(this|that|these|those|it|its)\b",
    re.I,
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True)
class Turn:
    """One question as understood in its conversation: what the retriever is asked, and what carries on."""

    question: str
    query: str
    topic: str
    places: tuple[str, ...]
    carried: str = ""  # "" for a standalone question, "topic" or "places" for what came from the last turn
    aspect: bool = False  # asks about an aspect (department, deadline, amount) of the clause under discussion


def understand_all(questions: Sequence[str], known_places: Sequence[str]) -> list[Turn]:
    """Each question of a conversation in order, understood in the context of those before it."""
    turns: list[Turn] = []
    for question in questions:
        turns.append(understand(question, turns[-1] if turns else None, known_places))
    return turns


def understand(question: str, previous: Turn | None, known_places: Sequence[str]) -> Turn:
    """The effective query for `question` after the turn `previous` (None at the start of a conversation)."""
    text = question.strip()
    places = mentioned_places(text, known_places)
    if previous is None:
        return _standalone(text, places)
    subject = _elliptic_subject(text)
    if subject is not None:
        return _elliptic(text, subject, previous, known_places)
    similar = _similar_place(text, known_places)
    if similar:
        topic = swap_places(previous.topic, previous.places, similar)
        return Turn(text, topic, topic, similar, "topic")
    if _is_bare(text, places) or _REFERENCE.search(text):
        if places and places != previous.places:
            topic = swap_places(previous.topic, previous.places, places)
            return Turn(text, f"{topic}，{_strip_places(text, places)}", topic, places, "topic")
        return Turn(text, f"{previous.topic}，{text}", previous.topic, previous.places, "topic", True)
    return _standalone(text, places)


def _similar_place(text: str, known_places: Sequence[str]) -> tuple[str, ...]:
    """The places of "X有类似目标吗？" when X is only places; () for any other question."""
    for pattern in _SIMILAR:
        match = pattern.match(text)
        if match:
            subject = match.group("x")
            places = mentioned_places(subject, known_places)
            if places and not _strip_places(subject, places).strip(" 的,，"):
                return places
    return ()


def needs_context(question: str, known_places: Sequence[str] = ()) -> bool:
    """Whether `question` only makes sense after another ("那晋城呢？", "What about Jincheng?"): read on its
    own, as at the start of a new chat, it names a place and nothing to ask about it."""
    text = question.strip()
    subject = _elliptic_subject(text)
    if subject is None:
        return bool(_similar_place(text, known_places))
    places = mentioned_places(subject, known_places)
    return bool(places) and not _strip_places(subject, places).strip(" 的")


def _standalone(text: str, places: tuple[str, ...]) -> Turn:
    return Turn(text, text, topic_of(text), places)


def _elliptic(text: str, subject: str, previous: Turn, known_places: Sequence[str]) -> Turn:
    """'那晋城呢？' keeps the topic with a new place; '那补贴呢？' keeps the place with a new topic."""
    places = mentioned_places(subject, known_places)
    rest = _strip_places(subject, places).strip(" 的")
    if places and not rest:
        return Turn(
            text,
            swap_places(previous.query, previous.places, places),
            swap_places(previous.topic, previous.places, places),
            places,
            "topic",
        )
    if places:
        return Turn(text, "".join(places) + rest, "".join(places) + rest, places, "")
    topic = "".join(previous.places) + subject
    return Turn(text, topic, topic, previous.places, "places")


def _elliptic_subject(text: str) -> str | None:
    for pattern in _ELLIPTIC:
        match = pattern.match(text)
        if match:
            return match.group("x").strip()
    return None


def _is_bare(text: str, places: tuple[str, ...]) -> bool:
    """Whether, without places and question words, hardly anything of a topic is left."""
    rest = _strip_places(text, places)
    for word in sorted(_FILLERS_ZH, key=len, reverse=True):
        rest = rest.replace(word, "")
    cjk = len(_CJK.findall(rest))
    words = [w for w in _ASCII_WORD.findall(rest.lower()) if w not in _STOPWORDS_EN]
    return cjk <= 2 and len(words) <= 1 and (cjk == 0 or not words)


def topic_of(question: str) -> str:
    """The question without its question words: '苏州新能源公交占比目标是多少？' → '苏州新能源公交占比目标'."""
    topic = question.strip()
    for pattern in _QUESTION_HEADS:
        topic = pattern.sub("", topic)
    for _ in range(3):
        before = topic
        topic = _QUESTION_END.sub("", topic)
        for pattern in _QUESTION_TAILS:
            topic = pattern.sub("", topic)
        if topic == before:
            break
    topic = _ASK_BEFORE_NOUN.sub("", topic)
    return topic or question.strip()


def swap_places(text: str, old: Sequence[str], new: Sequence[str]) -> str:
    """`text` with the first old place replaced by the new one(s) and other old places removed."""
    chinese, english = "和".join(new), " and ".join(english_name(place) for place in new)
    if not old:
        return chinese + text
    replaced = False
    for place in old:
        for alias in place_aliases(place):
            pattern = _alias_pattern(alias)
            if replaced:  # a further old place goes, with the 'and' that joined it
                pattern = re.compile(
                    rf"(和|与|及|以及|、|\s*,\s*|\s+and\s+)?{pattern.pattern}", pattern.flags
                )
            if pattern.search(text):
                replacement = "" if replaced else (chinese if _CJK.search(alias) else english)
                text, replaced = pattern.sub(replacement, text, count=1), True
                break
    return text if replaced else chinese + text


@lru_cache(maxsize=4096)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    if _CJK.search(alias):
        return re.compile(re.escape(alias))
    return re.compile(rf"(?<![A-Za-z]){re.escape(alias)}(?![A-Za-z])", re.I)


def _strip_places(text: str, places: Sequence[str]) -> str:
    for place in places:
        for alias in place_aliases(place):
            text = _alias_pattern(alias).sub("", text)
    return text
