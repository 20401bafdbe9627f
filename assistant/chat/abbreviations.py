"""Short names a document defines for itself: "…基本养老保险、失业保险、工伤保险（以下简称三项社会保险）".

Official texts name a long phrase once and use the short name after it, so a clause saying
"可免征…三项社会保险单位缴费部分" answers a question about 养老、失业、工伤保险 without repeating those words. A
sentence using a short name is read with the phrase it stands for when its words are matched to a question's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# "<phrase>（以下简称“<short>”）": the phrase runs back to the previous comma, stop or bracket
_DEFINITION = re.compile(
    r"(?P<phrase>[^，,。；;！？（(）)：:\n]{2,60})[（(]\s*(?:以下简称|下称|简称)\s*[:：]?\s*[“\"‘]?"
    r"(?P<short>[^”\"’）)，,。]{2,15})[”\"’]?\s*[）)]"
)


def definitions(texts: Iterable[str]) -> dict[str, str]:
    """Short name → the phrase it stands for, over `texts` (the passages of one document)."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _DEFINITION.finditer(text):
            short = match["short"].strip()
            if not short.startswith(
                "《"
            ):  # 《通知》 names a document: its title's words say nothing of a clause
                found.setdefault(short, match["phrase"].strip())
    return found


def spelled_out(text: str, defined: dict[str, str]) -> str:
    """`text` followed by the phrase of each short name it uses (for matching words, not for quoting)."""
    phrases = [phrase for short, phrase in defined.items() if short in text and phrase not in text]
    return text + "".join(f"（{phrase}）" for phrase in phrases)
