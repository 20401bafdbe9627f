"""A question naming a clause by number ("无锡行动方案三（二）是什么内容") is answered by that clause.

The search puts the named clause's passages first (documents/clause_ref.lookup_clause); the reply quotes
them and no neighbour that shares more of the question's words. A hard rule, like the place and version
rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.chat.candidates import Candidate
from assistant.documents.clause_ref import matches, parse_ref


def named_clause_only(found: Sequence[Candidate], question: str) -> list[Candidate]:
    """The candidates of the clause the question names by number; all of them when it names none or no
    candidate is of it."""
    ref = parse_ref(question)
    named = [c for c in found if ref is not None and matches(ref, c.hit.chunk.section)]
    return named or list(found)
