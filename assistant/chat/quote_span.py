"""How far a quote runs: the enumerated item a sentence belongs to, the list an introduction opens, the
bands that continue a band, the sentences that follow a measure and what a colon introduces.

Official documents set out their measures as enumerated items ("三、加快调度拨付资金…", "（十二）拓展预约办理。…",
"5．落实稳岗用工政策。…", "一是完善防控工作机制。…"). An item's heading names the measure in a few words and
its body says what the measure is, so a question about the measure is answered by the whole item: it runs
from its marker to the next marker of the same or an outer level. Where the text has lost its line breaks
(a notice published as one long line), the markers still open sentences, so items are found there.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from assistant.documents.structure_patterns import heading_kind
from assistant.knowledge.measures import continues_bands

# "（市人社局牵头，…配合）": a department note opening a sentence
DEPARTMENT_NOTE = re.compile(r"^[（(].{0,80}(牵头|负责|配合单位|责任单位)")
# The sign-off of a document: its issuer and date ("江西省…应急指挥部 2020年2月5日"), never an answer.
SIGNATURE = re.compile(r"^[\u4e00-\u9fff（）()、\s]{2,60}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[）)]?$")
# A line of letter furniture after a document's last clause ("特此通告。", "（信息公开形式：主动公开）", a web
# page's "扫一扫在手机打开当前页"): with the sign-off, where a quote that runs on over lines stops
_CLOSING_LINE = re.compile(r"\s*(?:特此(?:通告|通知|公告|函告|说明)|[（(]信息公开形式|扫一扫)")
# A sentence or a ；-part, with its end mark
SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")

# "一是…；二是…": an enumeration inside a paragraph, one level inside every heading marker.
_IS_ITEM = re.compile(r"[一二三四五六七八九十]{1,3}是")
_IS_RANK = 7
# Where an item marker may stand: at the start of the text or of a sentence (after 。；！？ or a colon,
# or after the closing bracket of a department note "（责任单位：…）").
_OPENS_SENTENCE = "。；;！!？?：:）)\n"
# "（责任单位：市人社局、市财政局）", "（省金融监管局牵头，…配合）": the departments of an item, after its body.
_NOTE = re.compile(
    r"[（(][^（）()]{0,80}(牵头|负责|配合|责任单位)[^（）()]{0,80}[）)]\s*$|[（(](牵头|责任|配合)单位"
)


class Marker(NamedTuple):
    """An enumeration marker at `start` of a text, of a `kind` whose `rank` is its level (lower: outer)."""

    start: int
    kind: str
    rank: int


def opens_item(sentence: str) -> bool:
    """Whether `sentence` starts with an enumeration marker ("三、", "（二）", "5．", "二是")."""
    return heading_kind(sentence[:40]) is not None or bool(_IS_ITEM.match(sentence))


def markers(text: str) -> list[Marker]:
    """The enumeration markers that open sentences of `text`, in order."""
    found = []
    for start in range(len(text)):
        if start and text[start - 1] not in _OPENS_SENTENCE and not text[start - 1].isspace():
            continue
        if text[start].isspace():
            continue
        kind = heading_kind(text[start : start + 40])
        if kind is not None:
            found.append(Marker(start, kind[0], kind[1]))
        elif _IS_ITEM.match(text, start):
            found.append(Marker(start, "is", _IS_RANK))
    return found


def item_span(text: str, position: int) -> tuple[int, int] | None:
    """(start, end) of the innermost enumerated item of `text` that holds `position`, from its marker to
    the next marker of the same or an outer level, or to the end of the passage; a department note
    ("（责任单位：…）") that closes it is left out. An item may hold several paragraphs: they are its body."""
    found = markers(text)
    for marker in reversed([m for m in found if m.start <= position]):
        end = next((m.start for m in found if m.start > marker.start and m.rank <= marker.rank), len(text))
        if position < end:
            return marker.start, _before_note(text, marker.start, end)
    return None


def _before_note(text: str, start: int, end: int) -> int:
    """`end` moved back before a department note that closes text[start:end], or the document's closing
    lines, and over white space."""
    note = _NOTE.search(text, start, end)
    if note is not None and note.start() > start:
        end = note.start()
    end = before_closing(text, start, end)
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


_PHRASE_END = re.compile(r"[，,。；;：:！!？?\n]")


def heading_phrase(text: str, start: int) -> str:
    """The words an item opens with, after its marker and up to the first punctuation: its heading
    ("三、加快调度拨付资金" → "加快调度拨付资金", "9.加大对企业的金融支持，确保…" → "加大对企业的金融支持")."""
    kind = heading_kind(text[start : start + 40])
    head_start = start + (len(kind[2]) if kind else 2)
    while head_start < len(text) and text[head_start].isspace():
        head_start += 1
    end = _PHRASE_END.search(text, head_start)
    return text[head_start : end.start() if end else len(text)]


_FULL_STOP = re.compile(r"[。！!？?\n]")


def colon_list_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of the colon-introduced list that text[start:end] is part of ("做到三必问：问清户籍；
    问清出行轨迹；问清有无不适症状。"): from the part holding the colon to the full stop that closes the
    list, since its items are separated by semicolons; None when the sentence is no such list."""
    stop = _FULL_STOP.search(text, max(start, end - 1))
    list_end = stop.end() if stop else len(text)
    opened = max((m.end() for m in _FULL_STOP.finditer(text, 0, start)), default=0)
    colon = max(text.rfind("：", opened, end), text.rfind(":", opened, end))
    if colon < 0 or not re.search(r"[；;]", text[colon:list_end]):
        return None
    part_start = max(text.rfind("；", opened, colon), text.rfind(";", opened, colon)) + 1
    return max(part_start, opened), list_end


def band_list_end(text: str, start: int, end: int, limit: int) -> int:
    """The end of the band list that the last part of text[start:end] opens ("…50人（含）以上的，补助2.4万元；100人
    （含）以上的，补助4.5万元；200人（含）以上的，补助9万元。"): a band is never quoted without the others, within
    `limit` characters; `end` when the sentence is no band or no band follows."""
    last = re.split(r"[。；;！!？?]", text[start:end].rstrip("；;。"))[-1]
    for match in SENTENCE.finditer(text, end):
        part = match.group(0).strip()
        if (
            match.end() - start > limit
            or text[end - 1 : end] not in "；;"
            or not continues_bands(last, part.rstrip("；;。"))
        ):
            break
        last, end = part.rstrip("；;。"), match.end()
    return end


def with_following(text: str, start: int, end: int, limit: int) -> str:
    """The sentence text[start:end] and the sentences after it in its paragraph, within `limit` characters."""
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    for match in SENTENCE.finditer(text, end, paragraph_end):
        following = match.group(0).strip()
        if (
            match.end() - start > limit
            or "|" in match.group(0)
            or DEPARTMENT_NOTE.match(following)
            or opens_item(following)
        ):
            break  # too long, a table cell, a department note or the next item: not part of the measure
        end = match.end()
    return text[start:end].strip()


def before_closing(text: str, start: int, end: int) -> int:
    """`end` moved back to the first line of text[start:end] after its first that is a sign-off or letter
    furniture (SIGNATURE, _CLOSING_LINE): a quote running to the end of a passage leaves them out."""
    line_start = text.find("\n", start, end)
    while 0 <= line_start < end:
        line_end = text.find("\n", line_start + 1, end)
        line = text[line_start + 1 : line_end if line_end >= 0 else end]
        if _CLOSING_LINE.match(line) or SIGNATURE.match(line.strip()):
            return line_start
        line_start = line_end
    return end


def after_colon(text: str, start: int, end: int, limit: int) -> str:
    """A sentence that ends in a colon with what it introduces, over line breaks ("可拨打以下电话咨询：" and
    the numbers on the lines below): at least the next sentence, then more up to `limit` characters,
    a blank line or a department note."""
    quote_end = end
    for match in SENTENCE.finditer(text, end):
        following = match.group(0).strip()
        if quote_end > end and (
            match.end() - start > limit
            or "\n\n" in "".join(text[quote_end : match.start()].split(" "))
            or DEPARTMENT_NOTE.match(following)
        ):
            break
        quote_end = match.end()
    return text[start : before_closing(text, start, quote_end)].strip()
