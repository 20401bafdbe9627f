"""Turn raw extracted text (PDF or Word) into clean paragraphs, keeping every original character of content.

What is removed is layout debris only: page numbers ("— 9 —", "第 3 页"), lines that are a bare URL,
website footers ("本文内容来自网络…"), and running headers/footers repeated on many pages. Lines that a
PDF broke inside a sentence are joined. Figures such as "1.9:1", "36.5万千瓦" or "国Ⅲ" are never touched.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.documents.structure_patterns import is_heading_start
from assistant.documents.tables import rebuild_tables
from assistant.words import alternation, title_words

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[—–－\-]{1,3}\s*\d{1,4}\s*[—–－\-]{1,3}|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[-—]?\s*\d{1,3}\s*[-—]?)\s*$"
)
_URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
_FOOTER = re.compile(
    r"(来自网络|搜集整理|收集整理|如有(?:任何)?异议|侵权请?联系|请联系我们|版权所有|转载请注明|酌情处理|扫码关注|微信公众号[:：]\S+$)"
)
_SENTENCE_END = ("。", "！", "？", "；", "：", "!", "?", ";", "。”", "。」", "。’")
# A title line: ends with a document-type word and has no sentence punctuation.
_TITLE_END = re.compile(rf"^[^，。；]{{4,60}}({alternation(title_words('line'))})$")
_DATE_LINE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_PAREN_LINE = re.compile(r"^[（(][^（）()]{1,40}[）)]$")
_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_SECTION_LINE = re.compile(r"^(附\s*件|抄送|主送)")
_PUNCTUATED = re.compile(r"[，。；：（）()、|]|^\d+$")
_ASCII_WORD_END = re.compile(r"[A-Za-z0-9]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z]")
_REPEAT_MIN = 3


def is_debris(line: str) -> bool:
    """True for a line that is page furniture rather than content."""
    return bool(_PAGE_NUMBER.match(line) or _URL_LINE.match(line) or _FOOTER.search(line))


def _repeated_lines(lines: list[str]) -> set[str]:
    """Running headers/footers: identical non-heading lines that recur on many pages."""
    counts = Counter(line.strip() for line in lines if line.strip())
    return {
        text
        for text, n in counts.items()
        if n >= _REPEAT_MIN
        and len(text) <= 40
        and not is_heading_start(text)
        and not _PUNCTUATED.search(text)
    }


def _join(previous: str, line: str) -> str:
    if _ASCII_WORD_END.search(previous) and _ASCII_WORD_START.match(line):
        return previous + " " + line
    return previous + line


FLAT_LENGTH = 300  # a text this long on fewer than 3 lines was flattened (a web copy on one line)
_LINE_BREAK_SPACE = re.compile(
    r"\s*\u3000\s*|\s{2,}|(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f\d])|\s+(?=\d{1,2}\s*[．.、](?!\d))"
)


def text_lines(text: str) -> list[str]:
    """The text's lines. A flattened text keeps its line breaks as white space: it is cut wherever white
    space stands between Chinese characters, before a numbered heading or as a run; lines cut inside a
    sentence are joined again by the paragraph rules below."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    if len(text) < FLAT_LENGTH or sum(1 for line in lines if line.strip()) >= 3:
        return lines
    return [piece for line in lines for piece in _LINE_BREAK_SPACE.split(line)]


def clean_text(raw: str) -> str:
    """Raw extracted text → cleaned text, one paragraph a line."""
    text = "\n".join(text_lines(raw)).replace("\u3000", " ")
    text = text.replace("\ufeff", "").replace("\u200b", "")
    lines = rebuild_tables([line.strip() for line in text.split("\n")])
    repeated = _repeated_lines(lines)
    paragraphs: list[str] = []
    for line in lines:
        if not line or is_debris(line) or line in repeated or _MD_TABLE_RULE.match(line):
            continue
        line = _markdown_line(line)
        line = re.sub(r"[ \t]{2,}", " ", line)
        if paragraphs and not _starts_paragraph(line, paragraphs[-1]):
            paragraphs[-1] = _join(paragraphs[-1], line)
        else:
            paragraphs.append(line)
    return "\n".join(paragraphs)


def _markdown_line(line: str) -> str:
    """A Markdown heading loses its #s; a Markdown table row loses its outer pipes."""
    line = _MD_HEADING.sub("", line)
    if line.startswith("|") and line.endswith("|") and line.count("|") >= 3:
        line = " | ".join(cell.strip() for cell in line.strip("|").split("|"))
    return line


def _starts_paragraph(line: str, previous: str) -> bool:
    """Whether `line` begins a new paragraph rather than continuing `previous`."""
    if is_heading_start(line) or is_heading_start(previous, whole_line=True) or _SECTION_LINE.match(line):
        return True
    if _TITLE_END.match(previous) or _DATE_LINE.search(previous) or _PAREN_LINE.match(previous):
        return True
    if "\t" in line or " | " in line or " | " in previous:  # a table row from a Word document
        return True
    return previous.endswith(_SENTENCE_END)
