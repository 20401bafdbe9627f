"""Whether money is given: "晋城换电动自行车有补贴吗？" asks yes or no about a subsidy. A quote that names no
instrument at all (补贴, 奖励, 贴息, 减免, 消费券… in data/measures.json) does not answer yes; the reply says that
the clause states none and shows it as the closest passage, instead of passing a sentence about e-bike
charging sheds for the answer. Nor does a passage about other goods than the ones asked about: a question on
旧房装修 subsidies is not answered with the appliance notice's 补贴标准 (`product_unnamed`).
"""

from __future__ import annotations

import re

from assistant.knowledge.amounts import measure_words
from assistant.knowledge.sectors import SECTOR_ENGLISH, areas_named
from assistant.records import Chunk
from assistant.search.expansion import expansion_terms

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


def product_unnamed(question: str, passage: Chunk, english: bool = False) -> str | None:
    """The goods a subsidy question asks about (汽车, 电动自行车, 家电 or 家装, the first named; its English
    name if `english`) when the passage, with its document title and headings, names none of the goods asked;
    else None."""
    asked = _products(question)
    if not asked or asked & _products(f"{passage.title}\n{passage.section}\n{passage.text}"):
        return None
    first = next(area for area in measure_words()["given_asked"]["products"] if area in asked)
    return SECTOR_ENGLISH[first] if english else first


def _products(text: str) -> set[str]:
    """The household goods areas a text names, by their heading words or everyday words mapped to them."""
    named = areas_named(f"{text} {' '.join(expansion_terms(text))}")
    return set(named) & set(measure_words()["given_asked"]["products"])
