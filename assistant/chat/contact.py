"""Whom to call, where to write, who explains the rules: the reply to "咨询电话是多少", "材料发到哪个邮箱",
"哪个部门负责解释" quotes the passage that holds the number, address or department, cited.

Notices give numbers after a cue ("咨询电话：0574-89298736", "如有问题可拨打：" then the numbers, a table of
contacts one row a line), the explaining department in one fixed sentence ("本细则由市商务局负责解释").
Landline and mobile numbers are found by jionlp (assistant.documents.jio); local and service numbers
(86776223, 12345), which it leaves out, by the cue before them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.chat.abbreviations import quoted_names
from assistant.chat.reply_sentence import ask_of, coverage, term_weights
from assistant.documents.jio import phone_numbers
from assistant.records import Hit
from assistant.search.answer_type import ADDRESS, ASKS_ADDRESS

# "热线提供多少种外语服务": 多少 or 几 before a counter asks how many, not which number
_NOT_COUNTED = "(?![种个项条次人家名位类])"
ASKS_PHONE = re.compile(
    rf"(电话|热线|联系方式|号码)[^，,。？?]{{0,4}}(多少{_NOT_COUNTED}|是什么|是啥|几{_NOT_COUNTED}|哪个|[？?]|$)|"
    r"(哪个|什么|啥|哪些)(电话|热线|号码)|(打|拨打?)(哪个|什么|多少|几)|怎么联系|联系方式|联系人|联系谁|找谁|"
    r"phone|hotline|telephone|\bcall\b|\bcontact\b",
    re.I,
)
ASKS_EMAIL = re.compile(r"邮箱|电子邮件|e-?mail", re.I)
ASKS_EXPLAINER = re.compile(
    r"(谁|哪个部门|哪个单位|什么部门|哪家)[^，。？?]{0,6}解释|解释权|负责解释|interprets?\b|interpretation",
    re.I,
)
_CUE = re.compile(r"电话|热线|拨打|咨询|联系方式|联系人|举报|求助|受理|服务号")
_LOCAL_NUMBER = re.compile(
    r"(?<![\d\w.@-])(?:[(（]?0\d{2,3}[)）]?[-—－\s]?)?(?:\d{3,4}[-－]\d{4}|\d{5,8})(?![\d@.]?\d)(?!\s*年)"
)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
EXPLAINER = re.compile(r"[^。；\n]{0,40}由[^。；\n]{2,40}负责解释[^。；\n]{0,10}")
_PIECE = re.compile(r"[^。；;\n]+[。；;]?")
_PART = re.compile(r"[^，,。；;\n]+[，,]?")
CANDIDATE_HITS = 5
QUOTE_LIMIT = 90  # characters: a longer sentence is quoted from its cue part to its last number part
RANK_STEP = 0.1
CONTEXT_SHARE = 0.5  # how much the topic words of a piece's passage, beyond its own, count
# "咨询电话是多少", "打哪个预约电话": the kind of number asked for, by its label; a piece that labels its
# number so ("咨询电话：0523-86391105") beats one that only shares more topic words
_ASKED_LABEL = re.compile(r"[\u4e00-\u9fff]{2}(?:电话|热线)")
LABEL_BONUS = 0.5


def contact_line(numbered: Sequence[tuple[int, Hit]], question: str) -> str | None:
    """The reply line for a question asking for a phone number, an e-mail address, a postal address or the
    department that explains the rules; None for any other question or when no cited passage holds one."""
    if ASKS_EXPLAINER.search(question):
        return _best(numbered, question, _explainer_pieces)
    if ASKS_EMAIL.search(question):
        return _best(numbered, question, lambda text: _pieces_with(text, EMAIL))
    if ASKS_PHONE.search(question):
        label = _ASKED_LABEL.search(question)
        return _best(numbered, question, _phone_pieces, label.group(0) if label else "")
    if ASKS_ADDRESS.search(question):
        return _best(numbered, question, lambda text: _pieces_with(text, ADDRESS))
    return None


def numbers_in(text: str) -> list[str]:
    """Telephone numbers in `text`: jionlp's landline and mobile numbers, then local and service numbers
    written after a cue ("咨询电话：86776223", "拨打12345")."""
    found = list(phone_numbers(text))
    for cue in _CUE.finditer(text):
        window = text[cue.end() : cue.end() + 40]
        for match in _LOCAL_NUMBER.finditer(window):
            number = match.group(0).strip()
            if not any(number in known or known in number for known in found):
                found.append(number)
    return found


def _phone_pieces(text: str) -> list[str]:
    """The lines (a table row, a sentence) of `text` that hold a telephone number, each with the line
    before it when that one only introduces it ("如有问题可拨打：")."""
    pieces = []
    lines = [line.strip() for line in text.split("\n")]
    for n, line in enumerate(lines):
        for piece in _PIECE.findall(line):
            if numbers_in(piece):
                quoted = _around_numbers(piece.strip())
                intro = lines[n - 1] if n and lines[n - 1].endswith(("：", ":")) and quoted == line else ""
                pieces.append(f"{intro}{quoted}")
    return pieces


def _around_numbers(sentence: str) -> str:
    """A long sentence cut to the run of its comma parts from the cue before its first number to its last
    number; a short one whole."""
    if len(sentence) <= QUOTE_LIMIT:
        return sentence
    parts = _PART.findall(sentence)
    holding = [i for i, part in enumerate(parts) if numbers_in(part) or re.search(r"\d{5,}", part)]
    if not holding:
        return sentence[:QUOTE_LIMIT]
    first = holding[0]
    while first > 0 and not _CUE.search(parts[first]) and holding[0] - first < 2:
        first -= 1
    return "".join(parts[first : holding[-1] + 1]).rstrip("，,")


def _pieces_with(text: str, pattern: re.Pattern[str]) -> list[str]:
    return [
        _around_pattern(piece.strip(), pattern)
        for line in text.split("\n")
        for piece in _PIECE.findall(line)
        if pattern.search(piece)
    ]


def _around_pattern(sentence: str, pattern: re.Pattern[str]) -> str:
    if len(sentence) <= QUOTE_LIMIT:
        return sentence
    parts = _PART.findall(sentence)
    holding = [i for i, part in enumerate(parts) if pattern.search(part)] or [0]
    return "".join(parts[max(0, holding[0] - 1) : holding[-1] + 1]).rstrip("，,")


def _explainer_pieces(text: str) -> list[str]:
    return [match.group(0).strip() for match in EXPLAINER.finditer(text)]


def _best(numbered: Sequence[tuple[int, Hit]], question: str, pieces_of, label: str = "") -> str | None:
    """The piece that best covers the question's topic words among the first hits (earlier hits first on
    equal cover; a piece holding the asked `label` first), cited; None when no hit holds a piece."""
    candidates = [
        (position, number, piece)
        for position, (number, hit) in enumerate(numbered[:CANDIDATE_HITS])
        for piece in pieces_of(hit.chunk.text)
    ]
    if not candidates:
        return None
    passages = {number: hit.chunk.text for number, hit in numbered[:CANDIDATE_HITS]}
    # a platform or service the question names as the passages quote it ("“中国职业培训在线”平台"): only
    # the pieces naming it give its number, never a neighbouring platform's
    named = quoted_names(passages.values(), question)
    candidates = [c for c in candidates if any(n in c[2] for n in named)] or candidates
    ask = ask_of(question)
    weights = term_weights(ask, [piece for _, _, piece in candidates] + list(passages.values()))

    def score(candidate: tuple[int, int, str]) -> float:
        position, number, piece = candidate
        # a short line ("咨询电话：0523-86391105") takes the place and matter it is for from its passage:
        # the topic words the passage holds beyond the line count at CONTEXT_SHARE
        own = coverage(piece, weights)
        around = CONTEXT_SHARE * max(0.0, coverage(passages[number], weights) - own)
        labelled = LABEL_BONUS * bool(label and label in piece)
        return own + around + labelled - RANK_STEP * position

    position, number, piece = max(candidates, key=lambda c: (score(c), -c[0]))
    return f"{piece.rstrip('；;，,')}[{number}]"
