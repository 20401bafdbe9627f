"""What kind of figure a question asks for, and whether a passage states one of that kind.

A question that asks "how much money" is not answered by a clause that merely mentions subsidies: the
clause must state an amount in 元. The same holds for shares (%), counts (个/家/台…) and any figure
("多少"). Used by the answerability judgement; patterns are general Chinese/English question forms.
"""

from __future__ import annotations

import re

from assistant.indexing.keyword import tokenize
from assistant.words import alternation, stop_words, units

_YEAR = r"(?:19|20)\d\d\s*年"
_CN = "一二两三四五六七八九十百千万"  # Chinese numerals
FIGURES = {
    "money": re.compile(r"\d[\d.,]*\s*(?:万|亿|千)?\s*元"),
    "share": re.compile(
        r"\d[\d.]*\s*[%％]|百分之|[一二两三四五六七八九十]倍|翻一番|\d+(?:\.\d+)?\s*[:：]\s*\d"
    ),
    # "432吨", and in Chinese numerals "十二条", "三个" (not "第三条", an article; not "一个", mostly prose)
    "count": re.compile(
        rf"(?:\d[\d.,]*\s*(?:万|亿|千)?|(?<![第{_CN}])(?:[两二三四五六七八九十百千万][{_CN}]{{0,4}}|一[十百千万][{_CN}]{{0,3}}))"
        rf"\s*(?:{alternation(units('count'))})"
    ),
    "date": re.compile(r"\d{4}\s*年|\d{1,2}\s*月|年底|年前|月底|日前"),
    "any": re.compile(rf"(?!{_YEAR})\d[\d.,]*(?!\s*年)|[一二两三四五六七八九十]倍|翻一番"),
}
# "when" as the question word ("When can…", "until when", "when does…"), not a clause ("when submitting…")
WHEN_ASKED = (
    r"(?:^\W*|\b(?:until|since|from|by|and|or)\s+)when\b"
    r"|\bwhen\s+(?:is|are|was|were|does|do|did|can|could|will|would|should|must|may|might|has|have|had)\b"
)
_ASKS = (
    # "按研发投入补多少": asked by what it is reckoned on, the answer may be a share of it as well as an amount
    # (unless the question also asks a sum in 元: "按售价补贴多少比例？最高多少钱？")
    ("any", re.compile(r"^(?!.*(?:多少钱|多少元|几元|多少万元)).*按[^，,。？?]{1,12}?[补奖贴给]多少", re.S)),
    (
        "money",
        re.compile(
            r"多少钱|多少元|几元|多少万元|金额(?![^，,。？?]{0,3}(?:怎么|如何|怎样))|补多少|补贴标准|how much money|\byuan\b|how much (?:\w+ ){0,4}(?:pay|subsid|fund|grant|receive)"
            r"|\bwhat(?:'s| is| are| was| were) the (?:[\w-]+ ){0,5}(?:subsid|grant|reward|allowance)",
            re.I,
        ),
    ),
    # a share asked for, not a ratio merely talked about ("首付比例怎么定" asks for no figure)
    (
        "share",
        re.compile(
            r"(?:占比|比例|比重|比)[^，。？?]{0,6}(?:多少|几|多大|多高)|百分之几|百分比是|what (?:percentage|proportion|share|ratio)",
            re.I,
        ),
    ),
    # "几个" after "多建" means "a few more", and "哪几个" means "which", not "how many"
    (
        "count",
        re.compile(
            rf"多少(?:{alternation(units('多少'))})|(?<!多\w)(?<!哪)几(?:{alternation(units('几'))})|how many",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            rf"什么时候|何时|截止|期限(?![^，,。？?]{{0,2}}内)|哪一年|哪年|\bdeadline\b|{WHEN_ASKED}|what year|by what date",
            re.I,
        ),
    ),
    ("any", re.compile(r"多少|几成|how much|\btargets?\b|\bgoals?\b", re.I)),
)
# Words every figure question shares with every target sentence; they say nothing about the topic.
_GENERIC = frozenset(stop_words("figure_generic"))


def asked_type(question: str) -> str | None:
    """ "money", "share", "count", "date", "any", or None when the question does not ask for a figure."""
    return next((kind for kind, pattern in _ASKS if pattern.search(question)), None)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；！？!?;\n])", text) if s.strip()]


def topic_words(question: str, places: tuple[str, ...] = ()) -> set[str]:
    """The Chinese question's content words: tokens that are not places, figures or generic target words.

    Empty for a question in another script: its words cannot be looked for in Chinese text.
    """
    if not re.search(r"[\u4e00-\u9fff]", question):
        return set()
    return {
        t
        for t in tokenize(question)
        if len(t) >= 2
        and t not in _GENERIC
        and not any(t in p or p in t for p in places)
        and not re.fullmatch(r"[\d.%年a-z]+", t)
    }


# An item's number ("24．促进二手商品…", "（3）", "2、") is no figure the item states
ITEM_NUMBER = re.compile(r"^\s*[（(]?\d{1,3}[）)]?\s*[．.、](?!\d)|^\s*[（(]\d{1,3}[）)]")


def states_figure(kind: str, passage: str, topic: set[str]) -> bool:
    """Whether a sentence of `passage` holds a figure of `kind` and (for Chinese questions) a topic word."""
    pattern = FIGURES[kind]
    for sentence in _sentences(passage):
        if pattern.search(ITEM_NUMBER.sub("", sentence)) and (
            not topic or any(mentions(sentence, word) for word in topic)
        ):
            return True
    return False


def mentions(sentence: str, word: str) -> bool:
    """Whether `sentence` holds `word`, or a two-character word's full form: Chinese shortens a compound by
    keeping one character of each part (社保 for 社会保险, 医保 for 医疗保险, 稳岗 for 稳定岗位)."""
    if word in sentence:
        return True
    return (
        len(word) == 2
        and re.search(f"{re.escape(word[0])}[\u4e00-\u9fff]{{1,2}}{re.escape(word[1])}", sentence) is not None
    )


FIGURE_FIRST_DEPTH = 5  # how deep a passage stating the asked figure is pulled up from


def figure_first(question: str, order: list[int], texts) -> list[int]:
    """For a question asking an amount of money, the first of the top passages that states one ranks first:
    "补贴标准是多少" is answered by "每辆补贴7000元", not by a clause that only talks about the subsidy.
    Only money: an amount in 元 is specific, while shares and counts of other things fill every plan's goals."""
    if asked_type(question) != "money" or not order:
        return order
    for n, i in enumerate(order[:FIGURE_FIRST_DEPTH]):
        if states_figure("money", texts[i], set()):
            return [order[n], *order[:n], *order[n + 1 :]]
    return order


DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]")
DAY_DEPTH = 20  # how deep a passage of the first document stating a day is looked for
DAY_PLACE = 2  # where it is put: among the passages the answerability judgement reads


def day_first(question: str, order: list[int], texts, documents) -> list[int]:
    """For a question asking when, a passage of the first-ranked document that states a day (月 and 日) and a
    topic word is moved up to the third place when none of the first three states one: a notice's deadline
    (`于2025年12月26日11:00前发送至指定电子邮箱`) sits in a long clause that ranks below its short list items.
    Days only: a year (`到2027年`) fills every plan's goals."""
    if asked_type(question) != "date" or not order:
        return order
    topic = topic_words(question)
    return _held_first(order, texts, documents, lambda text: _states_day(text, topic))


# "材料寄到哪", "地址在哪": a postal address asked for, and a passage that gives one
ASKS_ADDRESS = re.compile(r"地址|寄到|寄往|送到哪|交到哪|送达哪|在哪里?办理|address|\bmail\b|\bpost\b", re.I)
ADDRESS = re.compile(r"(?:收件|邮寄|通讯|办公|联系|报送|受理)?地址[：:]|[路街道巷]\d+号")


def address_first(question: str, order: list[int], texts, documents) -> list[int]:
    """For a question asking where to send or bring something, the first passage of the first-ranked document
    that gives an address is moved up to the third place when none of the first three gives one: the
    sentence `…寄送至收件地址：宁波市镇海区骆驼街道民和路569号…` ranks below the list of materials it follows."""
    if not ASKS_ADDRESS.search(question) or not order:
        return order
    return _held_first(order, texts, documents, lambda text: bool(ADDRESS.search(text)))


def _held_first(order: list[int], texts, documents, holds) -> list[int]:
    """`order` with the first passage of the first-ranked document that `holds` (within DAY_DEPTH) moved to
    DAY_PLACE, unless one of the first DAY_PLACE + 1 holds already."""
    held = [n for n, i in enumerate(order[:DAY_DEPTH]) if holds(texts[i])]
    if not held or held[0] <= DAY_PLACE:
        return order
    document = documents[order[0]]
    found = next((n for n in held if documents[order[n]] == document), None)
    if found is None:
        return order
    moved = order[found]
    rest = order[:found] + order[found + 1 :]
    return [*rest[:DAY_PLACE], moved, *rest[DAY_PLACE:]]


# A sign-off's date ends its line: "宁波市鄞州区商务局2025年12月24日" is when the notice was issued
_DATELINE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


def _states_day(passage: str, topic: set[str]) -> bool:
    """Whether a sentence of `passage` states a day (not its sign-off date) and a topic word."""
    return any(states_day(s) and any(mentions(s, w) for w in topic) for s in _sentences(passage))


def states_day(sentence: str) -> bool:
    """Whether `sentence` states a day (月 and 日), not counting a sign-off's date at its end."""
    return bool(DAY.search(_DATELINE.sub("", sentence)))
