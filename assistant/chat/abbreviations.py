"""Names in a document: the short names it defines for itself, and the names it quotes.

Official texts name a long phrase once and use the short name after it ("…基本养老保险、失业保险、工伤保险（以下
简称三项社会保险）"), so a clause saying "可免征…三项社会保险单位缴费部分" answers a question about 养老、失业、工伤
保险 without repeating those words. A sentence using a short name is read with the phrase it stands for when
its words are matched to a question's. A platform, product or campaign is named in quotation marks
(“中国职业培训在线”平台, “八闽健康码”); a question naming one asks about it, not its neighbours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# "<phrase>（以下简称“<short>”）": the phrase runs back to the previous comma, stop or bracket
_DEFINITION = re.compile(
    r"(?P<phrase>[^，,。；;！？（(）)：:\n]{2,60})[（(]\s*(?:以下简称|下称|简称)\s*[:：]?\s*[“\"‘]?"
    r"(?P<short>[^”\"’）)，,。]{2,15})[”\"’]?\s*[）)]"
)
# “<name>”: a platform, product or campaign as a notice names it
_QUOTED_NAME = re.compile(r"[“\"]([^”\"，,。；]{3,20})[”\"]")


def quoted_names(texts: Iterable[str], question: str) -> set[str]:
    """The names `texts` put in quotation marks that `question` names too."""
    return {name for text in texts for name in _QUOTED_NAME.findall(text) if name in question}


def definitions(texts: Iterable[str]) -> dict[str, str]:
    """Short name → the phrase it stands for, over `texts` (the passages of one document)."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _DEFINITION.finditer(text):
            short = match["short"].strip()
            # 《通知》 names a document: its title's words say nothing of a clause
            if not short.startswith("《"):
                found.setdefault(short, match["phrase"].strip())
    return found


def spelled_out(text: str, defined: dict[str, str]) -> str:
    """`text` followed by the phrase of each short name it uses (for matching words, not for quoting)."""
    phrases = [phrase for short, phrase in defined.items() if short in text and phrase not in text]
    return text + "".join(f"（{phrase}）" for phrase in phrases)
