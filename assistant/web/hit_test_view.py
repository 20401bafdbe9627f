"""The hit test, open to all: one question's ranked passages with the parts of each fused score, whether
each matches the evidence typed in (the EVAL_FORMAT rule), and the answerability judgement's rules."""

from __future__ import annotations

import html
from collections.abc import Sequence

from assistant.search.explain import Explanation, HitParts, explain

PASSAGE_CHARS = 240
MODES = ("hybrid", "dense", "keyword")
COLUMNS = ("#", "fused", "dense", "keyword", "passage", "document", "place", "evidence", "passage text")
RULES = {
    "place": "地点 · place: a place named that the corpus does not cover, and none it does, is not answered",
    "figure": "数字 · figure: a question asking for a figure needs a top passage stating one on its topic",
    "similarity": "相似度 · similarity: the best dense similarity must reach the calibrated level",
}


def parse_evidence(text: str) -> list[list[str]]:
    """`a|b;c` → [["a", "b"], ["c"]] (the CSV question sets' form); blank parts dropped."""
    groups = [[a.strip() for a in group.split("|") if a.strip()] for group in (text or "").split(";")]
    return [group for group in groups if group]


def hit_test(retriever, question: str, evidence: str = "", mode: str = "hybrid", k: int = 10) -> str:
    """The hit test's HTML for one question."""
    if not (question or "").strip():
        return (
            '<div class="pa-admin-message pa-admin-error" role="status">请输入问题 · Enter a question</div>'
        )
    explanation = explain(retriever, question, k=k, mode=mode if mode in MODES else "hybrid")
    return hit_test_html(explanation, parse_evidence(evidence))


def hit_test_html(explanation: Explanation, evidence: Sequence[Sequence[str]] = ()) -> str:
    from evaluation.matching import matches_group

    retrieval = explanation.retrieval
    matched = [[matches_group(p.hit.chunk.text, g) for g in evidence] for p in explanation.parts]
    rows = "".join(_row(p, m, bool(evidence)) for p, m in zip(explanation.parts, matched, strict=True))
    head = "".join(f"<th>{h}</th>" for h in COLUMNS)
    verdict = "能回答 · answerable" if retrieval.answerable else "不能回答 · not answerable"
    parts = [
        f'<div class="pa-hit-verdict pa-hit-{"yes" if retrieval.answerable else "no"}">{verdict}</div>',
        _rules_html(explanation),
    ]
    if evidence:
        found = [
            next((p.hit.rank for p, m in zip(explanation.parts, matched, strict=True) if m[g]), None)
            for g in range(len(evidence))
        ]
        rank = None if any(r is None for r in found) else max(found)
        where = (
            f"evidence complete at rank {rank}"
            if rank
            else f"evidence not complete in the top {len(matched)}"
        )
        parts.append(f'<p class="pa-hit-evidence">{html.escape(where)}</p>')
    parts += [
        f'<div class="pa-hit-table"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>',
        '<p class="pa-eval-note">fused = passage + document + place. passage = min-max of the dense part '
        "(0.7 × scaled cosine in hybrid) + the keyword part (0.3 × scaled BM25); raw cosine and BM25 in "
        "brackets. document = 0.1 × its document's best passage; place = 0.2 × the place affinity. "
        "T: joined through its document's title. Ranks can differ from fused order where comparisons "
        "alternate places, a named period or clause number comes first, or a figure question puts figures first.</p>",
    ]
    notices = "".join(f"<li>{html.escape(n)}</li>" for n in retrieval.notices)
    if notices:
        parts.insert(0, f'<ul class="pa-hit-notices">{notices}</ul>')
    return f'<div class="pa-hit-test">{"".join(parts)}</div>'


def _rules_html(explanation: Explanation) -> str:
    items = [
        f'<li class="pa-hit-{"pass" if c.passed else "fail"}">{"✓" if c.passed else "✗"} '
        f"{html.escape(RULES.get(c.rule, c.rule))}<br><small>{html.escape(c.detail)}</small></li>"
        for c in explanation.checks
    ]
    if explanation.numbered:
        items.append(
            '<li class="pa-hit-pass">✓ 条款编号 · the question names a clause by number: answered</li>'
        )
    return f'<ul class="pa-hit-rules">{"".join(items)}</ul>'


def _row(parts: HitParts, matched: list[bool], with_evidence: bool) -> str:
    hit = parts.hit
    text = " ".join(hit.chunk.text.split())
    cut = text[:PASSAGE_CHARS] + ("…" if len(text) > PASSAGE_CHARS else "")
    title = f"{hit.chunk.title} · {hit.chunk.section}" if hit.chunk.section else hit.chunk.title
    if not with_evidence:
        mark = ""
    elif all(matched):
        mark = '<span class="pa-eval-match">✓</span>'
    else:
        mark = "".join("✓" if m else "·" for m in matched) if any(matched) else "✗"
    cells = [
        str(hit.rank) + (" <small>T</small>" if parts.title_match else ""),
        _num(parts.fused),
        _part(parts.dense_part, parts.dense),
        _part(parts.keyword_part, parts.keyword),
        _num(parts.passage),
        _num(parts.document),
        _num(parts.place),
        mark,
        f'<span class="pa-eval-where">{html.escape(title)}</span><br>{html.escape(cut)}',
    ]
    labelled = "".join(f'<td data-label="{label}">{c}</td>' for label, c in zip(COLUMNS, cells, strict=True))
    return f'<tr class="{"pa-eval-hit" if with_evidence and all(matched) else ""}">{labelled}</tr>'


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _part(share: float | None, raw: float | None) -> str:
    return _num(share) + (f" <small>({raw:.3f})</small>" if raw is not None else "")
