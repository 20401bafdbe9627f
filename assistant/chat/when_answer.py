"""Until when: the reply to "补贴到什么时候", "报名截止到哪天" quotes the sentence that states the window asked
about (assistant.documents.windows), cited: the application window for 报名 / 申报, the purchase window for
买 / 购, the activity or validity window otherwise."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.chat.reply_sentence import ask_of, coverage, sentences_of, term_weights
from assistant.documents.periods import period_words
from assistant.documents.windows import Window, windows_in
from assistant.knowledge.versions import asks_when
from assistant.records import Hit

# The question's words that name the kind of window it asks about, checked in order.
ASKED_KIND = (
    ("application", re.compile(r"报名|申报|申请|提交|征集|报送|申领|材料|apply|applica|regist|submit", re.I)),
    ("purchase", re.compile(r"买|购|消费|purchas|\bbuy", re.I)),
    ("service", re.compile(r"服务", re.I)),
    ("activity", re.compile(r"活动|campaign", re.I)),
)
_DURATION = re.compile(r"多久|多长时间|(?<!哪)几天|几个工作日|how long", re.I)
# "是哪段时间", "报名是哪几天": a window asked for in words the when-words of data/periods.json do not list
_SPAN_ASK = re.compile(r"哪段时间|哪几天|起止时间|什么时间段|时间段|which (days|dates|period)", re.I)
# A window of the notice itself ("本通知适用截止时间为…", "本政策执行期…"): what "政策到什么时候" asks for
_OWN = re.compile(r"本(?:通知|公告|通告|政策|办法|细则|措施|意见|规定)")
# "企业可于2020年5月1日起通过…申请": a day from which something runs, with no end in the sentence
_START_DAY = re.compile(
    r"(?:于|自|从)\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号](?:\s*\d{1,2}\s*[时:：]\s*\d{0,2})?\s*起"
    r"(?![^。；;]*?(?:至|到)\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月)"
)
CANDIDATE_HITS = 3
KIND_BONUS = 0.5  # a window of the asked kind beats one that only shares more topic words
RANK_STEP = 0.15


def window_line(numbered: Sequence[tuple[int, Hit]], question: str) -> str | None:
    """The reply line for a question asking until when (or from when) something runs: the sentence of the
    best-fitting window among the first hits, cited; None for other questions or when no hit states one."""
    span = bool(_SPAN_ASK.search(question))
    if not (asks_when(question) or span) or _DURATION.search(question):
        return None
    start = asks_start(question)
    candidates = [
        (position, number, window.text, window.kind, bool(_OWN.search(window.text)))
        for position, (number, hit) in enumerate(numbered[:CANDIDATE_HITS])
        for window in _windows(hit, year_less=span or start)
        if window.start or window.end
    ]
    if start:  # "从哪天开始能申请": a day something runs from is an answer too
        candidates += [
            (position, number, sentence, asked_kind(sentence) or "activity", False)
            for position, (number, hit) in enumerate(numbered[:CANDIDATE_HITS])
            for sentence in sentences_of(hit.chunk.text, hit.chunk.title)
            if _START_DAY.search(sentence)
        ]
    if not candidates:
        return None
    asked = asked_kind(question)
    ask = ask_of(question)
    weights = term_weights(ask, [item[2] for item in candidates])

    def score(item: tuple[int, int, str, str, bool]) -> float:
        position, _, text, kind, own = item
        fits = kind == asked if asked is not None else own
        return coverage(text, weights) + KIND_BONUS * fits - RANK_STEP * position

    best = max(candidates, key=lambda item: (score(item), -item[0]))
    return f"{best[2].strip().rstrip('；;，,')}[{best[1]}]"


def asks_start(question: str) -> bool:
    """Whether a question asks from when something runs ("从哪天开始能申请", "什么时候起")."""
    lowered = question.lower()
    return any(word in lowered for word in period_words()["start_asked"])


def asked_kind(question: str) -> str | None:
    """The kind of window a question names ("报名截止" → application), None when it names none."""
    return next((kind for kind, words in ASKED_KIND if words.search(question)), None)


def _windows(hit: Hit, year_less: bool = False) -> tuple[Window, ...]:
    """The windows a hit states; with `year_less` (a question asking for a span or a start day), in a
    text with no year anywhere ("从2月9日起至2月29日" in a news item without a date) the windows are found
    with month and day only, as only their sentences are quoted. A question that only names "到期" or
    "截止" in passing ("到期还款困难的…有哪些措施") does not reach into such texts."""
    found = windows_in(hit.chunk.text, hit.issued if len(hit.issued) == 10 else "", _year(hit))
    return found if year_less else tuple(w for w in found if w.year_written)


def _year(hit: Hit) -> int | None:
    found = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", f"{hit.issued} {hit.chunk.title}")
    return int(found.group(0)) if found else None
