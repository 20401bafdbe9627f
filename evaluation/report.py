"""Write an evaluation as report.md (tables, misses), results.json (every figure) and hitk.png."""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evaluation.scoring import cutoffs

MISSING = "—"


def fmt(value: float | int | None) -> str:
    """Three decimals for rates, plain integers for counts, a dash when the measure does not apply."""
    if value is None:
        return MISSING
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown pipe table: one line per row whatever its cells hold (white space runs, line breaks
    included, become one space; pipes are escaped), so every row has the header's columns."""
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join(
        "| " + " | ".join(" ".join(str(c).split()).replace("|", "\\|") for c in line) + " |" for line in lines
    )


def summary_columns(k: int, with_doc: bool) -> list[tuple[str, str]]:
    """(figure key, column title) of the summary tables."""
    columns = [("answerable", "answerable"), ("unanswerable", "unanswerable")]
    columns += [(f"hit@{c}", f"hit@{c}") for c in cutoffs(k)]
    columns += [(f"mrr@{k}", f"MRR@{k}"), (f"ndcg@{k}", f"nDCG@{k}"), (f"recall@{k}", f"recall@{k}")]
    if with_doc:
        columns += [(f"doc_hit@{c}", f"doc-hit@{c}") for c in cutoffs(k)]
    columns += [("abstention_accuracy", "abstains (unans.)"), ("answer_rate", "answers (ans.)")]
    return columns


def summary_table(evaluation: dict[str, Any]) -> str:
    """One row per configuration with the headline figures."""
    k, configs = evaluation["k"], evaluation["configs"]
    with_doc = any(f["overall"]["with_doc_id"] for f in configs.values())
    columns = summary_columns(k, with_doc)
    rows = [[name] + [fmt(f["overall"].get(key)) for key, _ in columns] for name, f in configs.items()]
    return table(["config"] + [title for _, title in columns], rows)


def breakdown_table(evaluation: dict[str, Any], key: str, label: str) -> str:
    """Rows per (label value, configuration), or "" when no question carries the label."""
    k, configs = evaluation["k"], evaluation["configs"]
    values = sorted({value for f in configs.values() for value in f[key]})
    if not values:
        return ""
    columns = [("questions", "n")] + summary_columns(k, with_doc=False)[2:]
    rows = [
        [value, name] + [fmt(f[key][value].get(c)) for c, _ in columns]
        for value in values
        for name, f in configs.items()
        if value in f[key]
    ]
    return table([label, "config"] + [title for _, title in columns], rows)


def misses_table(figures: dict[str, Any], k: int, depth: int) -> str:
    """The answerable questions missed at k: where their evidence did appear, what came first."""
    by_id = {q["id"]: q for q in figures["queries"]}
    rows = []
    for query_id in figures["misses"]:
        q = by_id[query_id]
        found = sum(r is not None and r <= k for r in q["group_ranks"])
        where = str(q["rank"]) if q["rank"] is not None else f"> {q['depth'] or depth}"
        rows.append(
            [
                q["id"],
                q["category"],
                q["question"],
                where,
                f"{found}/{len(q['group_ranks'])}",
                q["top_passage"],
            ]
        )
    return table(["id", "category", "question", "evidence rank", f"groups in top {k}", "top passage"], rows)


def judgement_errors(figures: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(unanswerable questions judged answerable, answerable questions judged unanswerable)."""
    queries = figures["queries"]
    wrongly_answered = [q["id"] for q in queries if not q["answerable"] and q["judged_answerable"] is True]
    wrongly_refused = [q["id"] for q in queries if q["answerable"] and q["judged_answerable"] is False]
    return wrongly_answered, wrongly_refused


def markdown_report(evaluation: dict[str, Any]) -> str:
    """The whole report: headline table, breakdowns, misses and judgement errors per configuration."""
    k, depth = evaluation["k"], evaluation["depth"]
    parts = [
        "# Retrieval evaluation",
        f"Questions: `{evaluation['questions_file']}` · {_source(evaluation)} · k = {k}, "
        f"searched to depth {depth} · {evaluation['created']}",
        "Hit@k: every evidence group matched within the top k (white space ignored); MRR and recall use the "
        "same rule; nDCG counts each passage matching any group as relevant (ranx). Abstention columns: "
        "share of unanswerable questions judged unanswerable, share of answerable ones judged answerable.",
        "## Summary",
        summary_table(evaluation),
    ]
    for key, label in (("by_category", "category"), ("by_lang", "lang")):
        section = breakdown_table(evaluation, key, label)
        if section:
            parts += [f"## By {label}", section]
    for name, figures in evaluation["configs"].items():
        seconds = f" (searched in {figures['search_seconds']:.1f} s)" if "search_seconds" in figures else ""
        parts.append(f"## `{name}`: {len(figures['misses'])} missed at {k}{seconds}")
        if figures["misses"]:
            parts.append(misses_table(figures, k, depth))
        answered, refused = judgement_errors(figures)
        if answered:
            parts.append("Unanswerable but judged answerable: " + ", ".join(answered))
        if refused:
            parts.append("Answerable but judged unanswerable: " + ", ".join(refused))
    if evaluation.get("replies"):
        parts.append(reply_section(evaluation["replies"]))
    return "\n\n".join(parts) + "\n"


def reply_section(replies: dict[str, Any], shown: int = 40) -> str:
    """Markdown for a report: reply-hit overall, per category and language, and the replies that missed."""
    rows = [["all", "", str(replies["overall"]["questions"]), fmt(replies["overall"]["reply_hit"])]]
    for key, label in (("by_category", "category"), ("by_lang", "lang")):
        rows += [[label, name, str(f["questions"]), fmt(f["reply_hit"])] for name, f in replies[key].items()]
    parts = [
        "## Replies (reply-hit)",
        "The chat's reply to each answerable question, asked first in a conversation with default settings, "
        "holds every evidence group (or `reply_evidence`), white space and citation marks ignored.",
        table(["over", "value", "n", "reply-hit"], rows),
        selector_caveat(),
    ]
    if replies.get("finder"):
        parts.append(finder_section(replies))
    missed = [r for r in replies.get("replies", []) if not r["hit"]][:shown]
    if missed:
        cells = [[r["id"], r["question"], " ".join(r["reply"].split())[:160]] for r in missed]
        parts.append(table(["id", "question", "reply"], cells))
    return "\n\n".join(parts)


def selector_caveat() -> str:
    """Which sets the shipped reply selector was fitted on, with their in-sample and out-of-fold reply-hit:
    on those sets the figure above is in-sample, and the out-of-fold one is the one that counts."""
    import json

    from assistant.chat.selector import SELECTOR_FILE

    fitted = json.loads(SELECTOR_FILE.read_text(encoding="utf-8")).get("fitted_on", {})
    if not fitted:
        return "The reply selector's weights record no development sets."
    sets = "; ".join(
        f"{name} out of fold {fmt(f['out_of_fold'])} (in-sample {fmt(f['in_sample'])})"
        for name, f in fitted.items()
    )
    return (
        "The reply selector (`assistant/data/selector.json`) was fitted on these sets, where its reply-hit is "
        f"in-sample; measured on folds grouped by document that the fit never saw: {sets}."
    )


def finder_section(replies: dict[str, Any]) -> str:
    """Markdown for finder questions: measure recall and precision of the cited passages, line length."""
    f = replies["finder"]
    figures = [
        ["questions", str(f["questions"])],
        ["measure recall", fmt(f["measure_recall"])],
        ["measure precision", fmt(f["measure_precision"])],
        ["median cited line (characters)", fmt(f["median_line_length"])],
    ]
    rows = [
        [r["id"], fmt(r["recall"]), fmt(r["precision"]), r["question"]]
        for r in replies.get("replies", [])
        if r.get("recall") is not None
    ]
    return "\n\n".join(
        [
            "## Finder questions (measures that apply)",
            "Measure recall: share of evidence groups matched by a passage the reply cites, averaged over "
            "questions. Measure precision: share of cited passages matching an evidence or related group "
            "(0 when nothing is cited), averaged over questions.",
            table(["figure", "value"], figures),
            table(["id", "recall", "precision", "question"], rows),
        ]
    )


def _source(evaluation: dict[str, Any]) -> str:
    """Where the passages came from: a scored batch file, or the corpus and index searched."""
    if evaluation.get("results_file"):
        return f"batch results: `{evaluation['results_file']}`"
    return (
        f"corpus: `{evaluation.get('corpus') or 'default'}` · index: `{evaluation.get('index') or 'default'}`"
    )


def write_chart(evaluation: dict[str, Any], path: Path) -> None:
    """Grouped bars: hit@c per category (and overall), one bar per configuration, one panel per c."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _use_cjk_font(plt)
    configs = evaluation["configs"]
    cuts = cutoffs(evaluation["k"])
    # Categories without answerable questions (e.g. "unanswerable") have no hit@k to draw.
    labels = ["all"] + sorted(
        {value for f in configs.values() for value, fig in f["by_category"].items() if fig["answerable"]}
    )
    width = 0.8 / max(len(configs), 1)
    fig, axes = plt.subplots(
        len(cuts), 1, figsize=(max(6.0, 1.2 * len(labels) + 2), 2.6 * len(cuts)), squeeze=False
    )
    for ax, cut in zip(axes[:, 0], cuts, strict=True):
        for i, (name, figures) in enumerate(configs.items()):
            groups = {"all": figures["overall"], **figures["by_category"]}
            values = [(groups.get(label) or {}).get(f"hit@{cut}") or 0.0 for label in labels]
            ax.bar([x + i * width for x in range(len(labels))], values, width, label=name)
        ax.set_xticks([x + width * (len(configs) - 1) / 2 for x in range(len(labels))], labels)
        ax.set_ylim(0, 1)
        ax.set_ylabel(f"hit@{cut}")
    # Legend in a row above the panels, where it cannot hide a bar.
    axes[0, 0].legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(configs), frameon=False)
    fig.suptitle("hit@k per category")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing")  # no CJK font installed
        fig.tight_layout()
        fig.savefig(path, dpi=110)
    plt.close(fig)


def _use_cjk_font(plt: Any) -> None:
    """Prefer an installed CJK font so Chinese category names render (left as is when none is)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    wanted = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei"]
    found = [name for name in wanted if name in installed]
    if found:
        plt.rcParams["font.sans-serif"] = found + list(plt.rcParams["font.sans-serif"])


def write_report(evaluation: dict[str, Any], out_dir: Path) -> list[Path]:
    """report.md, results.json and hitk.png in out_dir (created); returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / "report.md", out_dir / "results.json", out_dir / "hitk.png"]
    paths[0].write_text(markdown_report(evaluation), encoding="utf-8")
    paths[1].write_text(json.dumps(evaluation, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_chart(evaluation, paths[2])
    return paths
