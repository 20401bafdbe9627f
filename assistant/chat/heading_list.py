"""Everything a heading lists: "报名要交哪些材料" is answered with the items of "三、报名材料" among the first
hits, in the document's order, each cited.

A notice sets out its materials, conditions or steps as numbered items under one heading, each item a clause
of its own ("三、报名材料 › （一）申请表（附件1）", "三、报名材料 › （二）承诺书（附件2）"…), and the search
finds them as separate passages: quoting one item answers a fifth of the question. The reply is the heading,
then each item's own line: "三、报名材料：\n（一）申请表（附件1）（需加盖公章）[1]\n（二）承诺书…[2]…". Only
items shown among the cards are listed (every part of the reply is cited); when their numbers leave a gap
("（三）…；（五）…") the reply says that the heading lists more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.chat.reply_sentence import HEADING_SHARE, ask_of, heading_share
from assistant.documents.periods import cn_number
from assistant.records import Hit
from assistant.words import question_words

LIST_HITS = 5  # the cards a list is gathered from
MIN_ITEMS = 2
ITEM_LIMIT = 120  # characters of one item's own line
LIST_LIMIT = 360  # characters of the whole list; a longer one is left to the one-sentence reply
LEAD_HITS = 2  # the heading's items must include one of the first two hits
_SECTION_JOIN = " › "
_CLAUSE_ORDER = re.compile(r"#c(\d+)")
_FULL_STOP = re.compile(r"[。；;]")
# An item's number as it opens the item: "（三）", "(3)", "3.", "3．", "3、", "三、"
_ITEM_NUMBER = re.compile(
    r"^\s*(?:[（(](?P<a>[一二三四五六七八九十\d]{1,3})[）)]|(?P<b>[一二三四五六七八九十\d]{1,3})[.．、](?!\d))"
)


def asks_list(question: str) -> bool:
    """Whether `question` asks for everything of a kind ("哪些材料", "要什么条件", "what documents")."""
    lowered = question.lower()
    return any(word in lowered for word in question_words("list"))


def heading_list_line(numbered: Sequence[tuple[int, Hit]], question: str, more: str = "") -> str | None:
    """The heading and its items among the first hits, each cited, then `more` when their numbers leave a
    gap; None unless the question asks for a list, at least MIN_ITEMS items of one heading that the question
    names are shown, one of them among the first LEAD_HITS, and the list stays within LIST_LIMIT characters."""
    if not asks_list(question):
        return None
    ask = ask_of(question)
    if ask.figure or ask.role:
        return None
    groups: dict[tuple[str, str], list[tuple[int, int, Hit]]] = {}
    for position, (number, hit) in enumerate(numbered[:LIST_HITS]):
        path = hit.chunk.section.split(_SECTION_JOIN)
        if len(path) >= 2:
            key = (hit.chunk.doc_id, _SECTION_JOIN.join(path[:-1]))
            groups.setdefault(key, []).append((position, number, hit))
    best = None
    for (_, parent), members in groups.items():
        heading = parent.split(_SECTION_JOIN)[-1]
        items = _distinct_items(members)
        if len(items) < MIN_ITEMS or min(position for position, _, _ in members) >= LEAD_HITS:
            continue
        share = heading_share(heading, ask)
        if share >= HEADING_SHARE and (best is None or (share, len(items)) > best[0]):
            best = ((share, len(items)), heading, items)
    if best is None:
        return None
    _, heading, items = best
    lines = [_own_line(hit.chunk.text) for _, hit in items]
    if any(line is None for line in lines):
        return None
    listed = "\n".join(f"{line}[{number}]" for line, (number, _) in zip(lines, items, strict=True))
    reply = f"{heading}：\n{listed}"
    if not _complete(lines):
        reply += more
    return reply if len(reply) <= LIST_LIMIT else None


def _complete(lines: list[str]) -> bool:
    """Whether the items' numbers run 1, 2, … without a gap (items without numbers: assumed whole)."""
    numbers = []
    for line in lines:
        found = _ITEM_NUMBER.match(line)
        if not found:
            return True
        numbers.append(cn_number(found.group("a") or found.group("b")))
    return numbers == list(range(1, len(numbers) + 1))


def _distinct_items(members: list[tuple[int, int, Hit]]) -> list[tuple[int, Hit]]:
    """(card number, hit) of each clause once (a long clause's windows share it), in the document's order."""
    seen: dict[str, tuple[int, Hit]] = {}
    for _, number, hit in sorted(members, key=lambda m: m[0]):
        seen.setdefault(hit.chunk.clause_id, (number, hit))
    return sorted(seen.values(), key=lambda item: _order(item[1].chunk.clause_id))


def _order(clause_id: str) -> int:
    found = _CLAUSE_ORDER.search(clause_id)
    return int(found.group(1)) if found else 0


def _own_line(text: str) -> str | None:
    """An item's own line without its closing stop, when the item says all it says in one sentence of at
    most ITEM_LIMIT characters; None for an item whose first line is a headline with a body after it
    ("（四）对…给予财政贴息支持。对国家确定的…"): listing its headline would drop what it gives."""
    line = text.strip().split("\n", 1)[0].strip().rstrip("。；;，,")
    if not line or len(line) > ITEM_LIMIT or _FULL_STOP.search(line):
        return None
    return line
