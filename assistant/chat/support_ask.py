"""Whether money is given: "晋城换电动自行车有补贴吗？" asks yes or no about a subsidy. A quote that names no
instrument at all (补贴, 奖励, 贴息, 减免, 消费券… in data/measures.json) does not answer yes; the reply says that
the clause states none and shows it as the closest passage, instead of passing a sentence about e-bike
charging sheds for the answer.
"""

from __future__ import annotations

import re

from assistant.knowledge.amounts import measure_words

# The forms of a yes-or-no question: 有补贴吗, 有没有, 是否, 能不能, Is there…, Can I get…
_YES_NO = re.compile(
    r"吗|有没有|是否|能否|能不能|可不可以|^\s*(?:is|are|do|does|can|could|will|would)\b", re.I
)


def asks_given(question: str) -> bool:
    """Whether `question` asks yes or no about money given (a subsidy, an award, vouchers)."""
    if not _YES_NO.search(question):
        return False
    asked = measure_words()["given_asked"]
    lowered = question.lower()
    return any(word in question for word in asked["zh"]) or any(word in lowered for word in asked["en"])


def states_given(text: str) -> bool:
    """Whether `text` names any instrument of support (a subsidy, relief, a loan, vouchers…)."""
    return any(word in text for entry in measure_words()["instruments"] for word in entry["words"])
