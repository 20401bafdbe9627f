"""HTML for the chat: the question (always escaped), the reply, and the cited clauses as cards."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

from assistant.chat.answer import CITATION, cited_numbers, quoted_fragments
from assistant.chat.selector import best_sentence
from assistant.documents.tables import CELL_SEPARATOR
from assistant.records import Answer, Hit
from assistant.web.documents_view import clause_href, display_section, row_cells, row_html
from assistant.web.labels import ANSWER_LABELS, COPY
from assistant.web.time_view import hit_badge

RELATED_SHOWN = 3
_HEAD_LIMIT = 40  # characters of a group heading line in a reply

_SPECIAL = re.compile(r"[&<>\"'\\`*_{}\[\]()#+!|~$=:/]")  # HTML and Markdown syntax, as numeric entities


def question_html(question: str) -> str:
    """The user's question as inert text: HTML and Markdown in it are shown, never interpreted."""
    return f'<div class="pa-question">{_text(question)}</div>'


def message_html(text: str, kind: str = "info") -> str:
    """A short standalone message from the assistant (e.g. 'please enter a question')."""
    return f'<div class="pa-answer"><div class="pa-message pa-message-{kind}">{_text(text)}</div></div>'


def status_html(text: str) -> str:
    """A one-line status beside a control (e.g. 'your vote was recorded')."""
    return f'<div class="pa-status" role="status">{_text(text)}</div>'


def answer_html(
    answer: Answer,
    lang: str = "zh",
    understood_as: str = "",
    copy_text: str = "",
    headers: Mapping[str, Sequence[Sequence[str]]] | None = None,
) -> str:
    """One answer as a single line of HTML (no blank lines, so Markdown leaves it alone); with `copy_text`,
    a button that copies it (the page script does the copying). `headers` (doc_id → table header rows)
    lets a cited table row show its column names."""
    labels = ANSWER_LABELS[lang]
    headers = headers or {}
    parts = ['<div class="pa-answer">']
    parts += [f'<div class="pa-notice">{_text(notice)}</div>' for notice in answer.notices]
    if understood_as:
        parts.append(
            f'<div class="pa-context"><span class="pa-context-label">{labels["understood"]}</span>'
            f"{_text(understood_as)}</div>"
        )
    if answer.answerable and answer.hits:
        parts.append(f'<div class="pa-reply">{_reply(answer.reply, _row_names(answer, headers))}</div>')
        parts.append(f'<div class="pa-section-title">{labels["cited"]}</div><div class="pa-cards">')
        parts += [_card(hit, n, answer, labels, headers) for n, hit in enumerate(answer.hits, 1)]
        parts.append("</div>")
    else:
        parts.append(f'<div class="pa-reply pa-not-found">{_text(answer.reply)}</div>')
        related = answer.hits[:RELATED_SHOWN]
        if related:
            parts.append(f'<div class="pa-section-title pa-muted">{labels["related"]}</div>')
            parts.append('<div class="pa-cards pa-related">')
            parts += [_card(hit, None, answer, labels, headers) for hit in related]
            parts.append("</div>")
    if copy_text:  # the text rides along hidden (the chat's sanitiser drops data- attributes)
        hidden = _SPECIAL.sub(lambda m: f"&#{ord(m.group())};", copy_text).replace("\n", "&#10;")
        parts.append(
            f'<div class="pa-actions"><pre class="pa-copy-text">{hidden}</pre>'
            f'<button type="button" class="pa-copy">{COPY}</button></div>'
        )
    parts.append("</div>")
    return "".join(parts)


def highlight(hit: Hit, answer: Answer) -> tuple[int, int, bool] | None:
    """(start, end, quoted) of the span of the hit's passage to mark: a sentence the reply quotes
    (quoted=True), else the sentence the reply selector would quote from this passage."""
    passage = hit.chunk.text
    for fragment in quoted_fragments(answer.reply):
        start = passage.find(fragment)
        if start >= 0:
            return start, start + len(fragment), True
    span = best_sentence(hit, answer.question)
    return (*span, False) if span else None


def _card(hit: Hit, number: int | None, answer: Answer, labels: dict[str, str], headers: Mapping = {}) -> str:
    chunk = hit.chunk
    badge = f'<span class="pa-badge">{number}</span>' if number else ""
    meta = [
        f'<span class="pa-place">{html.escape(place)}</span>'
        if (place := chunk.city or chunk.province)
        else "",
        f'<span class="pa-title">{html.escape(chunk.title)}</span>',
        f'<span class="pa-docno">{html.escape(chunk.doc_number)}</span>' if chunk.doc_number else "",
        hit_badge(hit),  # issue date and status (time_view.py)
    ]
    depts = _departments(chunk.lead, chunk.support, labels)
    card_class = "pa-card" if number else "pa-card pa-card-related"
    return (
        f'<div class="{card_class}"><div class="pa-card-head">{badge}{"".join(meta)}</div>'
        f'<div class="pa-path">{html.escape(display_section(chunk.section))}</div>{depts}'
        f'<div class="pa-passage">{_passage(hit, answer, headers.get(chunk.doc_id, ()))}</div>'
        f'<a class="pa-open" href="{html.escape(clause_href(chunk.doc_id, chunk.clause_id))}">'
        f"{labels['open']} →</a></div>"
    )


def _passage(hit: Hit, answer: Answer, headers: Sequence[Sequence[str]]) -> str:
    """A cited passage with its answering sentence marked; a table row as labelled cells."""
    text = hit.chunk.text
    pairs = row_cells(text.strip(), headers) if "\n" not in text.strip() else None
    span = highlight(hit, answer)
    if pairs:  # the marked sentence is marked in the one cell that holds it
        wanted = text[span[0] : span[1]] if span else ""
        return row_html(pairs, lambda cell: _marked_within(cell, wanted, span[2] if span else False))
    return _marked(text, span)


def _marked_within(cell: str, fragment: str, quoted: bool) -> str:
    start = cell.find(fragment) if fragment else -1
    return _marked(cell, (start, start + len(fragment), quoted) if start >= 0 else None)


def _departments(lead: Sequence[str], support: Sequence[str], labels: dict[str, str]) -> str:
    parts = []
    for key, names in (("lead", lead), ("support", support)):
        if names:
            tag = "pa-tag" if key == "lead" else "pa-tag pa-tag-muted"
            parts.append(f'<span class="{tag}">{labels[key]}</span>{html.escape("、".join(names))}')
    return f'<div class="pa-depts">{" ".join(parts)}</div>' if parts else ""


def _marked(passage: str, span: tuple[int, int, bool] | None) -> str:
    if span is None:
        return _text(passage)
    start, end, quoted = span
    css = "pa-quoted" if quoted else "pa-match"
    return f'{_text(passage[:start])}<mark class="{css}">{_text(passage[start:end])}</mark>{_text(passage[end:])}'


def _row_names(answer: Answer, headers: Mapping[str, Sequence[Sequence[str]]]) -> dict[int, Sequence[str]]:
    """Citation number → the column names of the table its clause is a row of."""
    names = {}
    for n, hit in enumerate(answer.hits, 1):
        cells = hit.chunk.text.count(CELL_SEPARATOR) + 1
        header = next((h for h in headers.get(hit.chunk.doc_id, ()) if len(h) == cells), None)
        if header and cells > 1:
            names[n] = header
    return names


def _as_row(line: str, names: Mapping[int, Sequence[str]]) -> str:
    """A reply line quoting a table row ("8 | 开展… | 鼓励…[1]") with its cells named instead of '|'."""
    cited = cited_numbers(line)
    header = names.get(cited[0]) if cited else None
    cells = line.split(CELL_SEPARATOR)
    if not header or len(cells) < 2 or len(cells) > len(header):
        return line
    if cells[0].strip().isdigit():  # the row number is the clause's own heading, shown in its card
        header, cells = header[1:], cells[1:]
    return "；".join(f"{name}：{cell.strip()}" for name, cell in zip(header, cells, strict=False))


def _reply(reply: str, row_names: Mapping[int, Sequence[str]] | None = None) -> str:
    """Reply text escaped, its [n] marks as superscript references, one line per reply line; a short line
    that ends in a colon, has no comma and cites nothing ("苏州：" in a listing) is a group heading. A line
    quoting a table row names its cells (`row_names`: citation number → column names)."""
    lines = []
    for line in reply.splitlines():
        line = _as_row(line, row_names or {}) if CELL_SEPARATOR in line else line
        pieces = CITATION.split(line)
        rendered = "".join(
            _text(piece) if i % 2 == 0 else f'<sup class="pa-ref">[{piece}]</sup>'
            for i, piece in enumerate(pieces)
        )
        head = (
            len(pieces) == 1
            and len(line) <= _HEAD_LIMIT
            and line.rstrip().endswith(("：", ":"))
            and not re.search("[，,。；;]", line)
        )
        css = "pa-reply-line pa-reply-head" if head else "pa-reply-line"
        lines.append(f'<div class="{css}">{rendered}</div>')
    return "".join(lines)


def _text(text: str) -> str:
    """Escaped text with line breaks kept (as <br>) and nothing Markdown could read as syntax."""
    escaped = _SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text.replace("\r\n", "\n"))
    return escaped.replace("\n", "<br>")
