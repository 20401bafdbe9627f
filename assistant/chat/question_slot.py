"""Does a text fill the question's slot? A reading-comprehension cue for the reply selector.

A Chinese question keeps the word order of its answer: '国家发改委从哪几个方面扩大口罩生产？' is answered by
'国家发改委从迅速组织企业恢复生产……等方面采取措施扩大口罩生产'. The words just before the question word
('发改委从') and just after it ('方面') stand in the answering sentence in the same order, with the answer
between them. A sentence that only repeats the question holds both sides with nothing between, or one side
only. The question words are data (data/question_words.json).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from assistant.words import question_words

SIDE = 8  # characters of the question read on each side of its question word
# Characters the two sides must match together: two short common words ("达到…水平" for "要达到什么水平")
# fill no slot (measured out of fold: 4, 5 and 6 alike on the development sets; 6 is the safer)
MIN_FILLED = 6
_KEEP = re.compile(r"[\u4e00-\u9fff\dA-Za-z%]")
SLOT_FEATURES = ("slot_left", "slot_right", "slot_filled", "slot_gap")


@lru_cache(maxsize=1)
def _slot_word() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(question_words("slot"), key=len, reverse=True))))


@lru_cache(maxsize=256)
def slot_sides(question: str) -> tuple[str, str] | None:
    """The question's characters before and after its first question word, punctuation and spaces dropped;
    None when it has none (an English question, a bare topic)."""
    found = _slot_word().search(question)
    if not found:
        return None
    return _letters(question[: found.start()]), _letters(question[found.end() :])


def slot_features(sides: tuple[str, str] | None, text: str) -> tuple[float, float, float, float]:
    """(characters of the left side's end the text repeats, and of the right side's start after that, each
    over SIDE; 1.0 when both repeat in order with something between; log of what lies between)."""
    if sides is None:
        return (0.0, 0.0, 0.0, 0.0)
    left, right = sides
    letters = _letters(text)
    left_size, left_end = _longest_end(left, letters)
    right_size, right_start = _longest_start(right, letters, left_end if left_size >= 2 else 0)
    left_share, right_share = left_size / SIDE, right_size / SIDE  # a short side is weak evidence
    if left and right:
        filled = (
            left_size >= 2
            and right_size >= 2
            and left_size + right_size >= MIN_FILLED
            and right_start > left_end
        )
    else:  # the question word opens or closes the question: the side it has must be there
        filled = (left_size >= 2) if left else (right_size >= 2)
    gap = math.log1p(right_start - left_end) if filled and left and right else 0.0
    return (left_share, right_share, float(filled), gap)


def _letters(text: str) -> str:
    return "".join(_KEEP.findall(text))


def _longest_end(side: str, text: str) -> tuple[int, int]:
    """The longest end of `side` (at most SIDE characters) found in `text`, and where that match ends."""
    for size in range(min(SIDE, len(side)), 0, -1):
        at = text.find(side[-size:])
        if at >= 0:
            return size, at + size
    return 0, -1


def _longest_start(side: str, text: str, after: int) -> tuple[int, int]:
    """The longest start of `side` (at most SIDE characters) found in `text` from `after` on, and where."""
    for size in range(min(SIDE, len(side)), 0, -1):
        at = text.find(side[:size], max(after, 0))
        if at >= 0:
            return size, at
    return 0, -1
