"""`python -m evaluation run|replies|score|bench`: evaluate retrieval and replies on a question set.

`run` searches in-process with each configuration (and scores the chat's replies: reply-hit);
`replies` scores the replies only; `score` reads a batch output made elsewhere
(no model needed); `bench` (latency, throughput, memory) is registered from `evaluation/bench.py`.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from evaluation.dev_sets import NCPQA_DEV, RULES_DEV, dev_sets
from evaluation.questions import read_questions

DEFAULT_CONFIGS = "hybrid,dense,keyword,naive,naive-bm25"
DEV_CONFIGS = "hybrid,naive-bm25"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="search the questions with each configuration and report")
    run.add_argument("--questions", type=Path, required=True, help="question set (JSONL, EVAL_FORMAT.md)")
    run.add_argument(
        "--corpus", type=Path, help="corpus directory or JSONL; indexed into a temporary directory"
    )
    run.add_argument("--index", type=Path, help="index directory (default: the project's index/)")
    run.add_argument("--out", type=Path, help="report directory (default: reports/<timestamp>)")
    run.add_argument("--k", type=int, default=10, help="cut-off of the metrics (default 10)")
    run.add_argument("--depth", type=int, default=50, help="results searched per question for diagnosis")
    run.add_argument(
        "--configs",
        type=config_list,
        default=DEFAULT_CONFIGS,
        help=f"comma-separated (default {DEFAULT_CONFIGS})",
    )
    run.add_argument(
        "--no-replies", action="store_true", help="skip composing the chat's replies (reply-hit)"
    )
    run.set_defaults(handler=cmd_run)

    dev = commands.add_parser(
        "dev", help="both development sets in one run: the seeds dev set and ncpqa-dev, one report each"
    )
    dev.add_argument("--ncpqa", type=Path, default=NCPQA_DEV, help=f"ncpqa-dev folder (default {NCPQA_DEV})")
    dev.add_argument("--rules", type=Path, default=RULES_DEV, help=f"rules-dev folder (default {RULES_DEV})")
    dev.add_argument("--out", type=Path, help="report directory (default: reports/dev-<timestamp>)")
    dev.add_argument("--k", type=int, default=10, help="cut-off of the metrics (default 10)")
    dev.add_argument("--depth", type=int, default=50, help="results searched per question for diagnosis")
    dev.add_argument(
        "--configs", type=config_list, default=DEV_CONFIGS, help=f"comma-separated (default {DEV_CONFIGS})"
    )
    dev.add_argument(
        "--no-replies", action="store_true", help="skip composing the chat's replies (reply-hit)"
    )
    dev.set_defaults(handler=cmd_dev)

    replies = commands.add_parser(
        "replies", help="compose the chat's reply to each question and report reply-hit"
    )
    replies.add_argument("--questions", type=Path, required=True, help="question set (JSONL)")
    replies.add_argument("--index", type=Path, help="index directory (default: the project's index/)")
    replies.add_argument("--corpus", type=Path, help="corpus to build the index from when it is missing")
    replies.add_argument("--out", type=Path, help="also write replies.md and replies.json here")
    replies.set_defaults(handler=cmd_replies)

    score = commands.add_parser("score", help="score a batch output of `python -m assistant retrieve`")
    score.add_argument("--questions", type=Path, required=True, help="question set (JSONL)")
    score.add_argument("--results", type=Path, required=True, help="batch output (JSONL)")
    score.add_argument("--k", type=int, default=10, help="cut-off of the metrics (default 10)")
    score.add_argument("--name", default="batch", help="configuration name shown in the report")
    score.add_argument("--out", type=Path, help="also write report.md, results.json, hitk.png here")
    score.set_defaults(handler=cmd_score)
    from evaluation import bench, selector_cli

    bench.add_subparser(commands)
    selector_cli.add_subparser(commands)
    return parser


def config_list(text: str) -> list[str]:
    """--configs value: known configuration names, or a usage error."""
    from evaluation.runner import parse_config_names

    try:
        return parse_config_names(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def new_evaluation(args: argparse.Namespace, depth: int, configs: dict[str, Any]) -> dict[str, Any]:
    """The JSON document behind a report: settings first, then figures per configuration."""
    from evaluation.run_set import evaluation_record

    source = {key: str(getattr(args, key, None) or "") for key in ("corpus", "index", "results")}
    return evaluation_record(
        str(args.questions),
        args.k,
        depth,
        configs,
        corpus=source["corpus"],
        index=source["index"],
        results_file=source["results"],
    )


def cmd_run(args: argparse.Namespace) -> int:
    if args.corpus is not None and not args.corpus.exists():
        raise FileNotFoundError(f"no such corpus: {args.corpus}")
    args.out = args.out or Path("reports") / datetime.now().strftime("%Y%m%d-%H%M%S")
    print(_run_set(args))
    return 0


def cmd_dev(args: argparse.Namespace) -> int:
    """The seeds dev set on the bundled corpus, then ncpqa-dev and rules-dev on their own corpora: one table each."""
    out = args.out or Path("reports") / datetime.now().strftime("dev-%Y%m%d-%H%M%S")
    sets = dev_sets(args.ncpqa, args.rules)
    missing = [str(questions) for _, questions, _ in sets if not questions.exists()]
    if missing:
        raise FileNotFoundError(f"no such question set: {', '.join(missing)}")
    tables = []
    for name, questions, corpus in sets:
        run_args = argparse.Namespace(
            **{**vars(args), "questions": questions, "corpus": corpus, "index": None}
        )
        run_args.out = out / name
        tables.append(f"## {name}\n\n{_run_set(run_args)}")
    print("\n\n".join(tables))
    return 0


def _run_set(args: argparse.Namespace) -> str:
    """Run one question set with the chosen configurations, write its report; its summary table."""
    from evaluation.report import summary_table, write_report
    from evaluation.run_set import run_set
    from evaluation.runner import open_configs, stderr_progress

    questions = read_questions(args.questions)
    depth = max(args.depth, args.k)
    with open_configs(args.configs, corpus=args.corpus, index_dir=args.index, depth=depth) as configs:
        figures, replies, _ = run_set(configs, questions, args.k, replies=not args.no_replies)
    evaluation = new_evaluation(args, depth, figures)
    if replies is not None:
        evaluation["replies"] = replies
    paths = write_report(evaluation, args.out)
    stderr_progress("wrote " + ", ".join(str(p) for p in paths))
    return summary_table(evaluation) + (f"\n\n{_reply_line(replies)}" if replies is not None else "")


def _replies(retriever, questions) -> dict[str, Any]:
    """reply-hit figures: the chat's reply composed for each answerable question."""
    from evaluation.run_set import reply_figures_of

    return reply_figures_of(retriever, questions)


def _reply_line(replies: dict[str, Any]) -> str:
    """One line for stdout: reply-hit overall and per language."""
    from evaluation.report import fmt

    langs = " ".join(
        f"{name} {fmt(f['reply_hit'])} (n={f['questions']})" for name, f in replies["by_lang"].items()
    )
    overall = replies["overall"]
    finder = replies.get("finder")
    if finder:
        return (
            f"finder: measure recall {fmt(finder['measure_recall'])}, measure precision "
            f"{fmt(finder['measure_precision'])}, median cited line {fmt(finder['median_line_length'])} "
            f"characters over {finder['questions']} questions; every measure cited in "
            f"{fmt(replies['overall']['reply_hit'])} of them"
        )
    return f"reply-hit {fmt(overall['reply_hit'])} over {overall['questions']} answerable questions" + (
        f"; by lang: {langs}" if langs else ""
    )


def cmd_replies(args: argparse.Namespace) -> int:
    import json

    from assistant.search.retriever import open_retriever
    from evaluation.report import reply_section

    questions = read_questions(args.questions)
    retriever = open_retriever(index_dir=args.index, corpus=args.corpus)
    replies = _replies(retriever, questions)
    print(_reply_line(replies))
    for key in ("by_category", "by_lang"):
        for name, f in replies[key].items():
            print(f"  {key[3:]} {name}: {f['reply_hit']:.3f} (n={f['questions']})")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "replies.md").write_text(reply_section(replies, shown=10**6) + "\n", encoding="utf-8")
        (args.out / "replies.json").write_text(
            json.dumps(replies, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"wrote {args.out / 'replies.md'}, {args.out / 'replies.json'}", file=sys.stderr)
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    # A batch of a few hundred questions is scored in a second by ranx's kernels run as plain Python;
    # compiling them with numba first takes most of a minute on two cores. Set before numba loads.
    os.environ.setdefault("NUMBA_DISABLE_JIT", "1")
    from evaluation.batch import read_batch, score_batch
    from evaluation.report import summary_table, write_report
    from evaluation.scoring import config_figures

    questions = read_questions(args.questions)
    results = score_batch(questions, read_batch(args.results))
    depth = max((r.depth for r in results), default=0)
    evaluation = new_evaluation(args, depth, {args.name: config_figures(results, args.k)})
    print(summary_table(evaluation))
    if args.out:
        paths = write_report(evaluation, args.out)
        print("wrote " + ", ".join(str(p) for p in paths), file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    from assistant.logs import show_progress

    show_progress()
    args = build_parser().parse_args(argv)
    if getattr(args, "k", 1) < 1:
        print("error: --k must be at least 1", file=sys.stderr)
        return 2
    try:
        return args.handler(args)
    except (AssistantError, FileNotFoundError) as err:  # FormatError and the assistant's own errors
        print(f"error: {err}", file=sys.stderr)
        return 2
