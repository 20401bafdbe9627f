"""The case calculator on the tier questions written over real ncpqa-dev notices (evaluation/data/tier.jsonl):
each question states a case (a count, a price, a share) and its evidence is the rule's words for that case. A question with no case line
gets the usual reply (t-09: a share of a loan is no share of a price; t-11: a per-unit amount not read).

This runs the calculator on the question's own document (retrieval is measured by `python -m evaluation
run`); run with -s to see the replies.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.chat.case_answer import case_line
from assistant.records import Chunk, Hit

ROOT = Path(__file__).resolve().parent.parent
NCPQA = Path("/work/shared/data/ncpqa-dev/corpus.jsonl")


@pytest.mark.skipif(not NCPQA.exists(), reason="ncpqa-dev is not on this machine")
def test_tier_questions_get_the_rule_for_their_case() -> None:
    texts = {
        row["doc_id"]: row["text"] for row in map(json.loads, NCPQA.read_text(encoding="utf-8").splitlines())
    }
    questions = [json.loads(line) for line in (ROOT / "evaluation/data/tier.jsonl").read_text().splitlines()]
    hits = 0
    for q in questions:
        text = texts[q["doc_id"]]
        chunk = Chunk(chunk_id="c", doc_id=q["doc_id"], clause_id="1", section="", text=text, embed_text=text)
        reply = case_line(q["question"], [Hit(chunk, 1.0, 1)]).replace(" ", "")
        hit = all(any(s in reply for s in group) for group in q["evidence"])
        hits += hit
        print(f"{q['id']} {'hit ' if hit else 'miss'} {reply.splitlines()[0] if reply else '(no case line)'}")
    print(f"tier reply-hit on the question's document: {hits}/{len(questions)}")
    assert hits >= 10
