"""A reply quotes the version of a series the question is about.

Rounds of a subsidy and revised rules say the same clause with other figures ("（二）购买燃油乘用车，每辆补贴
1500元" in the third round, 3000元 in the first). The search puts the clause of the version asked about (the
period named, else the one in force, else the latest) first and the other versions' same clause after it;
a quote from one of those states another round's figure. The rule is hard, like the place rule: a candidate
from another version whose own clause of the asked version is among the hits, with other figures, is no
candidate. A clause only an older version has stays, and so does the clause of a document that stands as
the asked one does (one notice reprinted by two offices, both in force, is one version), unless the question
names the period (5月, 第二轮): then the version whose period it is, and no other, is asked about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.documents.clause_ref import path_numbers
from assistant.knowledge.versions import asked_period
from assistant.records import Hit

_FIGURE = re.compile(r"\d+(?:\.\d+)?")
HEADING_WORDS = 12  # characters of each heading (figures taken out) that name a clause across versions


def asked_versions_only(found: Sequence, numbered: Sequence[tuple[int, Hit]], question: str) -> list:
    """The candidates not quoting another version's clause whose asked version, cited too and standing
    otherwise (in force against ended or replaced) or of the period the question names, has other figures."""
    clauses = {(hit.chunk.doc_id, _clause(hit.chunk.section)): hit for _, hit in numbered}
    named = asked_period(question).named

    def other_version(c) -> bool:
        clause = _clause(c.hit.chunk.section)
        asked = clauses.get((c.hit.asked_version, clause)) if clause and c.hit.asked_version else None
        return (
            asked is not None
            and (named or asked.status != c.hit.status)
            and _figures(asked.chunk.text) != _figures(c.hit.chunk.text)
        )

    return [c for c in found if not other_version(c)]


def _clause(section: str) -> tuple:
    """What names a clause in every version: its heading numbers and the opening words of its headings
    without figures ("一、补贴标准 › （二）购买燃油乘用车，每辆补贴1500元" is the same clause with 3000元; a long
    heading is cut where its figures end it differently); () for a clause without numbers."""
    numbers = path_numbers(section)
    if not numbers:
        return ()
    return numbers, tuple(_FIGURE.sub("", part)[:HEADING_WORDS] for part in section.split(" › "))


def _figures(text: str) -> tuple[str, ...]:
    return tuple(_FIGURE.findall(text))
