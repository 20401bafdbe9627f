"""Which sentence of the cited clauses answers a question, and how much of it to quote.

A sentence answers when it shares the question's rarer topic words (weighted by how few of the candidate
sentences hold them, so "家电以旧换新" repeated through a whole clause does not outweigh "能效") and
states what the question asks for: a figure of the asked kind, a role ("由常务副市长担任"), an amount.
A long sentence is shortened to the run of its comma-separated parts that holds the answer: cuts fall only
between parts, so a quote never ends before a figure, its unit or its qualifier (每年, 以上, 左右, 不超过).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.chat.conversation import topic_of
from assistant.chat.quote_span import (
    DEPARTMENT_NOTE,
    SENTENCE,
    SIGNATURE,
    after_colon,
    band_list_end,
    colon_list_span,
    heading_phrase,
    item_span,
    with_following,
)
from assistant.documents.periods import cn_number
from assistant.records import Hit
from assistant.search.answer_type import FIGURES, ITEM_NUMBER, asked_type
from assistant.search.expansion import expansion_terms

_PART = re.compile(r"[^，,：:]+[，,：:]?")
# "新华社宁波2月16日电（记者 顾小立）": the dateline of a news report, not part of any answer.
_DATELINE = re.compile(r"(新华社|中新社|中新网|人民网|央视网)[^，。；]{0,16}?电(（记者[^）]{0,24}）)?")
# "有哪些措施", "如何管理", "采取了怎样的措施": the answer is a measure, often several sentences.
LISTING = re.compile(
    r"哪些|哪几|如何|怎样|怎么|有何|何种|包括|什么\S{0,4}(措施|举措|政策|要求|规定|办法|安排|流程|做法|服务|支持|帮助|优惠)|"
    r"举措|措施|要求|流程|目的|意义|作用|原因|为什么|\bwhat (measures|steps|support|policies)|\bhow (do|does|did|will|should|can)\b",
    re.I,
)
# How official documents open: "为贯彻落实…", "现就有关事项通知如下：", "特制定本指南", "各省、自治区…：".
# Such a sentence restates the topic; the answer is what follows it.
PREAMBLE = re.compile(
    r"(通知|公告|通告|意见|说明|安排|规定|措施|事项)如下|如下[：:。]?$|^为(了)?(贯彻|落实|加强|做好|进一步|切实|有效|全力|规范)|"
    r"特制定|现制定|制定本|现将|现就|[：:]$|"
    r"(^|[：:\s])为(了)?(深入|认真)?(贯彻|落实|加强|做好|进一步|切实|有效|全力|规范)|"
    r"(^|\s)各(省|市|县|区|有关|相关|级)[^。；]{0,60}[：:]"
)
PREAMBLE_PENALTY = 0.3
# The addressees of a notice ("各省、自治区、直辖市人民政府，新疆生产建设兵团：", "粤府〔2020〕12号各地级以上市
# 人民政府，省政府各部门："): letter furniture like the sign-off, never an answer (its colon introduces the
# whole notice, so quoting what follows it would quote the preamble).
ADDRESSEE = re.compile(
    r"^(?!.*(要|应|需|须|做好|开展|加强|以下|如下|请|将|已|现))[^。；，,：:]{0,30}"
    r"各(省|市|县|区|镇|乡|街道|有关|相关|级|地|部门|单位|盟|旗|委|办|局|自治|直属|成员|银行|企业|医疗)"
    r"[^。；：:]{0,100}[：:]$"
)
# A line of a notice's attachment list ("附件3：2026年奉化区…活动承诺函.docx", "3. 企业承诺书.docx"), with the
# sign-off that may follow it: furniture like the sign-off, never an answer.
ATTACHMENT = re.compile(
    r"^(?:附件\s*[：:]\s*)?(?:附件\s*\d+\s*[：:]|\d+\s*[.．、])?\s*[^。；，,\n]{2,80}"
    r"\.(?:docx?|xlsx?|pdf|wps|ofd|zip|rar|et)\s*(?:[\u4e00-\u9fff]{2,40}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)?$",
    re.I,
)
# "延期到哪天", "几号上线": a date asked for in words the figure-kind table does not list.
_DATE_ASK = re.compile(r"哪天|哪一天|几月几[日号]|几号|哪个月|什么日子|\bwhat date\b|\bwhich day\b", re.I)
# "（三）", "5．推进农机更新": a heading alone, not a sentence that can answer. A short item with a comma or a
# figure states something: "（二）购买燃油乘用车，每辆补贴1500元。"
HEADING_ONLY = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[）)．.、][^\s，,；;]{0,30}$")
# A time given as a span or from an event, which answers "期限多久" and "从何时" as a date does: "免征期限不超过5个
# 月", "延长至宣布疫情解除后两个月内", "从…退休次月起补发"
_SPAN = re.compile(
    r"(?:\d+|[一二两三四五六七八九十]+)\s*个?(?:工作日|自然日|日内|天|小时|个月|周|年内)|次月|当月起|之日起|即日起"
)
# A figure: a number that is not a year, month or day and not a list marker ("1．", "2、").
_NUMBER = re.compile(r"(?<![\d.])\d+(?:[.,]\d+)*(?![\d.,]*\s*[年月日号．、])")
_MULTIPLE = re.compile(r"[一二两三四五六七八九十]+(倍|成|番)")
# "专班组长由常务副市长担任", "由分管副市长任组长": how official documents assign a role to a person.
ROLE = re.compile(r"担任|兼任|任(组长|副组长|主任|副主任|总指挥|召集人)|由[^，。；]{2,16}(任|牵头抓总)")
# "市发改委会同有关部门…", "市发展改革委要加强…统筹": a department as the subject of a sentence.
ACTOR = re.compile(
    r"(^|[，,])[^，,]{0,6}(市|区|县|省)[\u4e00-\u9fff]{1,12}(局|委|委员会|办|办公室|厅|中心|公司|集团|分行|支队)"
    r"(要|负责|牵头|会同|统筹|联合|组织)"
)
ACTOR_COVERAGE = 0.6
# "最多给多少", "最高补助": the largest amount of a clause is asked for.
MAXIMUM = re.compile(r"最多|最高|上限|封顶|at most|maximum|\bup to\b|\bmost\b", re.I)
_ASK_WORDS = re.compile(
    r"多少|哪些|哪个|哪家|哪里|哪儿|什么|啥|怎么样|怎么|怎样|如何|是否|能否|能不能|会不会|有没有|是不是|"
    r"可不可以|请问|分别|各自|[吗呢吧啊呀要各的了]"
)
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")
# "一级能效" is written "1级能效" in a rule: a counted grade, class or round in Chinese numerals, read as digits
_ARABIC_COUNT = re.compile(r"(?P<n>[一二三四五六七八九十]{1,3})(?P<unit>级|类|档|星|轮|批)")
_YEARS = re.compile(r"(到|至|截至|截止)?\s*(?:19|20)\d\d\s*年(底|前|末|内)?")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)?\s*元")

CANDIDATE_HITS = 3
RANK_STEP = 0.12  # a department named in a lower-ranked hit counts for a little less (actor_quote)
STATES_BONUS = 0.45  # a sentence stating what was asked beats one that only shares more topic words
PREFER_BONUS = 0.05  # a sentence in the intent's own wording (给予/补贴/不超过 for a measure)
MIN_SENTENCE = 6  # characters; shorter text is a fragment, not a sentence
WHOLE_SENTENCE = 150  # a sentence up to this long is quoted whole (a measure, a condition)
FIGURE_WINDOW = 70  # a figure answer is shortened to about this many characters around the figure
OTHER_WINDOW = 120
LIST_QUOTE = 200  # characters: a measure quoted with the sentences that follow it in its paragraph
HEADING_SHARE = 0.5  # most of an item heading's words in the question: it asks about the item as a whole
MIN_TITLE = 8  # a document title this long opening a sentence is left out of it


@dataclass(frozen=True)
class Ask:
    """What a question asks for: its topic terms, the figure kind, a role, the largest amount."""

    terms: frozenset[str]
    extra: frozenset[str]  # the plans' wording for the question's English or everyday words: weighs half
    figure: str | None
    role: bool
    maximum: bool
    listing: bool = False


@dataclass(frozen=True)
class Quote:
    """A verbatim quote from citation `number`; `states` is whether it states what was asked."""

    number: int
    text: str
    states: bool


def ask_of(question: str, role_cues: re.Pattern[str] | None = None) -> Ask:
    """The topic words of `question` (with the plans' wording for English and everyday words) and its asks."""
    own = topic_terms(question)
    written = {_ARABIC_COUNT.sub(lambda m: f"{cn_number(m['n'])}{m['unit']}", term) for term in own}
    return Ask(
        frozenset(own),
        frozenset((set(expansion_terms(question)) | written) - own),
        asked_type(question) or ("date" if _DATE_ASK.search(question) else None),
        bool(role_cues and role_cues.search(question)),
        bool(MAXIMUM.search(question)),
        bool(LISTING.search(question)),
    )


def topic_terms(question: str) -> set[str]:
    """The words (jieba, precise mode) of the question's topic, without question words and years: "哪些",
    "多少" and "到2027年" are in most target sentences' questions and say nothing about which answers."""
    topic = _ASK_WORDS.sub(" ", _YEARS.sub(" ", topic_of(question)))
    return {w for w in _jieba().lcut(topic.lower()) if len(w.strip()) >= 2 and not w.isdigit()}


@lru_cache(maxsize=1)
def _jieba():
    from assistant.indexing.keyword import _jieba

    return _jieba()


def states(text: str, ask: Ask) -> bool:
    """Whether `text` states what `ask` asks for: a role, a figure of its kind, or (for 'any') a number."""
    if ask.role:
        return bool(ROLE.search(text))
    if ask.figure is None:
        return False
    if ask.figure == "any":
        return bool(_NUMBER.search(text) or _MULTIPLE.search(text))
    if ask.figure == "date" and _SPAN.search(text):
        return True
    return bool(FIGURES[ask.figure].search(text))


def has_figure(text: str) -> bool:
    """Whether `text` states a number that is not a date or a list marker."""
    return bool(_NUMBER.search(text) or _MULTIPLE.search(text))


# A sentence ending so opens what answers it: a colon its list, a question (an FAQ's, a reporter's) its answer
_OPENS_ANSWER = ("：", ":", "？", "?")


def quote_at(
    text: str,
    start: int,
    end: int,
    ask: Ask,
    weights: dict[str, float],
    prefer: re.Pattern[str] | None = None,
) -> tuple[str, bool]:
    """What a reply quotes when the sentence text[start:end] is the one that answers, and whether the quote
    states what was asked. A question asking for measures or a way ("有哪些措施", "如何") gets the whole
    enumerated item when it asks about the item's heading ("如何加快调度拨付资金" of "三、加快调度拨付资金…"),
    a colon-opened list to its full stop, else the sentences that follow in the same paragraph, up to
    LIST_QUOTE characters; a sentence ending in a colon or a question mark takes what follows it; a figure
    or role that the next sentence states is taken with it; a long sentence is cut only between its comma
    parts."""
    sentence = text[start:end]
    item = item_span(text, start) if ask.listing and not (ask.figure or ask.role) else None
    if item is not None and heading_share(heading_phrase(text, item[0]), ask) >= HEADING_SHARE:
        return text[item[0] : item[1]].strip(), False
    listed = colon_list_span(text, start, end) if not (ask.figure or ask.role) else None
    if listed is not None:
        return text[listed[0] : listed[1]].strip(), False
    if sentence.endswith(_OPENS_ANSWER):  # "可拨打以下电话咨询：", "4、医院可以向社会公开募集医疗物资吗?"
        following = after_colon(text, start, end, LIST_QUOTE)
        return following, states(following, ask)
    if ask.listing and not (ask.figure or ask.role):
        return with_following(text, start, end, LIST_QUOTE), False
    if (ask.figure or ask.role) and not states(sentence, ask):
        following = _stating_follower(text, start, end, ask)
        if following is not None:
            return text[start : band_list_end(text, start, following, LIST_QUOTE)].strip(), True
    banded = band_list_end(text, start, end, LIST_QUOTE)
    if banded > end:
        quoted = text[start:banded].strip()
        return quoted, states(quoted, ask)
    quoted = shorten(sentence, ask, weights, prefer)
    return quoted, states(quoted, ask)


def heading_share(heading: str, ask: Ask) -> float:
    """How far an item's heading and the question name the same thing: the words (jieba) they share over
    the fewer words of the two (the overlap coefficient), as a heading may run on into its item's first
    sentence when a notice lost its line breaks. "二、减轻税费负担" is the subject of "减免了哪些税费负担"
    (2 of 3); "（二）加大财税政策支持力度" is not that of "要求哪些公共机构加大绿色产品采购力度" (2 of 5)."""
    words = {w for w in _jieba().lcut(heading) if len(w) >= 2 and _CJK_WORD.fullmatch(w)}
    asked = ask.terms | ask.extra
    if not words or not asked:
        return 0.0
    joined = "".join(sorted(asked))
    return sum(_match(word, joined) for word in words) / min(len(words), len(asked))


def _stating_follower(text: str, start: int, end: int, ask: Ask) -> int | None:
    """The end of the first of the next two sentences of the paragraph that states what was asked, when
    the quote up to it stays within LIST_QUOTE ("…连夜抢卸疫情防控物资。共计432吨。"); else None."""
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    for n, match in enumerate(SENTENCE.finditer(text, end, paragraph_end)):
        if n >= 2 or match.end() - start > LIST_QUOTE or "|" in match.group(0):
            return None
        if states(match.group(0), ask):
            return match.end()
    return None


def actor_quote(numbered: Sequence[tuple[int, Hit]], ask: Ask) -> tuple[int, Quote] | None:
    """(hit position, quote) of a sentence naming a department as the one acting on the asked topic
    ("市发改委会同有关部门建立工作协调推进机制"), when one covers most of the topic; else None."""
    found = []
    for position, (number, hit) in enumerate(numbered[:CANDIDATE_HITS]):
        sentences = sentences_of(hit.chunk.text)
        weights = term_weights(ask, sentences)
        for sentence in sentences:
            if ACTOR.search(sentence) and coverage(sentence, weights) >= ACTOR_COVERAGE:
                found.append((coverage(sentence, weights) - RANK_STEP * position, position, number, sentence))
    if not found:
        return None
    _, position, number, sentence = max(found)
    return position, Quote(number, sentence.rstrip("；;，,"), True)


def sentences_of(text: str, title: str = "") -> list[str]:
    """The sentences of a passage that can answer: no department notes, bare headings or fragments."""
    return [text[start:end] for start, end in sentence_spans(text, title)]


def sentence_spans(text: str, title: str = "") -> list[tuple[int, int]]:
    """(start, end) of each sentence that can answer; a leading document title or news dateline
    ("新华社宁波2月16日电（记者 顾小立）") is left out of the sentence it opens."""
    spans = []
    for match in SENTENCE.finditer(text):
        start, end = match.span()
        head = _DATELINE.search(text, start, end)
        if head:
            start = head.end()
        squeezed_title = "".join(title.split())
        if len(squeezed_title) >= MIN_TITLE and text.startswith(title, start):
            start += len(title)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        sentence = text[start:end]
        if (
            len(sentence) >= MIN_SENTENCE
            and not DEPARTMENT_NOTE.match(sentence)
            and not (HEADING_ONLY.match(sentence) and not has_figure(ITEM_NUMBER.sub("", sentence)))
            and not SIGNATURE.match(sentence)
            and not ADDRESSEE.match(sentence)
            and not ATTACHMENT.match(sentence)
        ):
            spans.append((start, end))
    return spans


def term_weights(ask: Ask, sentences: Sequence[str]) -> dict[str, float]:
    """An inverse-document-frequency weight per topic word over the candidate sentences (absent: none);
    words the lexicon supplied count half, the question's own words decide between equals."""
    squeezed = [squeeze(s) for s in sentences]
    weights = {}
    for term in ask.terms | ask.extra:
        df = sum(_match(term, s) > 0 for s in squeezed)
        if df:
            weights[term] = math.log(1.0 + len(sentences) / df) * (0.5 if term in ask.extra else 1.0)
    return weights


def coverage(text: str, weights: dict[str, float]) -> float:
    """The weighted share of the question's topic words that `text` holds (0..1); a longer word of
    which only a two-character piece is there ("交易" of "交易量") counts half."""
    total = sum(weights.values())
    squeezed = squeeze(text)
    return sum(w * _match(term, squeezed) for term, w in weights.items()) / total if total else 0.0


def _match(term: str, squeezed: str) -> float:
    if term in squeezed:
        return 1.0
    if (
        len(term) >= 3
        and _CJK_WORD.fullmatch(term)
        and any(term[i : i + 2] in squeezed for i in range(len(term) - 1))
    ):
        return 0.5
    return 0.0


def squeeze(text: str) -> str:
    return "".join(text.split()).lower()


def shorten(sentence: str, ask: Ask, weights: dict[str, float], prefer: re.Pattern[str] | None = None) -> str:
    """`sentence` whole when short; else the shortest run of its parts that best answers, with '…' marks."""
    limit = FIGURE_WINDOW if (ask.figure or ask.role) else OTHER_WINDOW
    if len(sentence) <= (limit if ask.figure or ask.role else WHOLE_SENTENCE):
        return sentence.rstrip("；;，,")
    parts = [m.group(0) for m in _PART.finditer(sentence)]
    windows = []
    for first in range(len(parts)):
        for last in range(first, len(parts)):
            text = "".join(parts[first : last + 1])
            if len(text) > limit and last > first:
                break
            score = _score(text, ask, weights, prefer) + _largest_bonus(text, sentence, ask)
            windows.append((round(score, 6), -len(text), -first, first, last))
    first, last = max(windows)[3:]
    text = "".join(parts[first : last + 1])
    if last < len(parts) - 1:
        text = text.rstrip("，,：:")
    return ("…" if first > 0 else "") + text + ("…" if last < len(parts) - 1 else "")


def _score(text: str, ask: Ask, weights: dict[str, float], prefer: re.Pattern[str] | None) -> float:
    score = coverage(text, weights)
    if states(text, ask):
        score += STATES_BONUS
    if prefer is not None and prefer.search(text):
        score += PREFER_BONUS
    if PREAMBLE.search(text):
        score -= PREAMBLE_PENALTY
    return score


def _largest_bonus(text: str, sentence: str, ask: Ask) -> float:
    """For 'at most how much', the part holding the sentence's largest amount is the answer."""
    if not ask.maximum:
        return 0.0
    amounts = [_yuan(m) for m in _AMOUNT.finditer(sentence)]
    if len(amounts) < 2:
        return 0.0
    return STATES_BONUS if max(amounts) in {_yuan(m) for m in _AMOUNT.finditer(text)} else 0.0


def _yuan(match: re.Match[str]) -> float:
    return float(match.group(1)) * {"万": 1e4, "亿": 1e8}.get(match.group(2) or "", 1.0)
