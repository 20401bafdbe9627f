"""`python -m evaluation train-selector`: fit the reply selector on the development sets, report it out of fold."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

DEFAULT_SETS = ("seeds", "ncpqa-dev", "rules-dev")


def add_subparser(commands) -> None:
    """Register `train-selector` on the subcommands of `python -m evaluation`."""
    from evaluation.dev_sets import NCPQA_DEV, RULES_DEV

    train = commands.add_parser(
        "train-selector",
        help="fit the reply selector (assistant/data/selector.json) and report out-of-fold reply-hit",
    )
    train.add_argument("--ncpqa", type=Path, default=NCPQA_DEV, help="ncpqa-dev folder")
    train.add_argument("--rules", type=Path, default=RULES_DEV, help="rules-dev folder")
    train.add_argument("--sets", default=",".join(DEFAULT_SETS), help="comma-separated sets to fit on")
    train.add_argument("--folds", type=int, default=5, help="folds grouped by document (default 5)")
    train.add_argument(
        "--l2", type=float, default=None, help="L2 penalty on the weights (default: the module's)"
    )
    train.add_argument(
        "--length-penalty",
        type=float,
        default=None,
        help="score off per log character (default: the module's)",
    )
    train.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="QUESTIONS:SET",
        help="a question file over SET's corpus, reported out of fold by document and never fitted on "
        "(e.g. evaluation/data/rules_ncpqa.jsonl:ncpqa-dev); repeatable",
    )
    train.add_argument("--out", type=Path, help="report directory (default reports/selector-<timestamp>)")
    train.add_argument(
        "--no-write", action="store_true", help="report only; leave assistant/data/selector.json as it is"
    )
    train.set_defaults(handler=cmd_train_selector)


def chosen_sets(args) -> list[tuple[str, Path, Path | None]]:
    """(name, questions, corpus) of the development sets named by --sets; corpus None is the bundled one."""
    from assistant.errors import AssistantError
    from evaluation.dev_sets import dev_sets

    known = {name: (questions, corpus) for name, questions, corpus in dev_sets(args.ncpqa, args.rules)}
    names = [n.strip() for n in args.sets.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise AssistantError(f"unknown set {', '.join(unknown)} (choose from {', '.join(known)})")
    return [(name, *known[name]) for name in names]


def also_sets(also: list[str], known: list[tuple[str, Path, Path | None]]) -> list[tuple[Path, str]]:
    """(question file, set whose corpus and document folds it uses) of each --also QUESTIONS:SET."""
    from assistant.errors import AssistantError

    names = {name for name, _, _ in known}
    pairs = []
    for entry in also:
        path, _, fold_set = entry.rpartition(":")
        if not path or fold_set not in names:
            raise AssistantError(f"--also {entry}: expected QUESTIONS:SET with SET one of {', '.join(names)}")
        pairs.append((Path(path), fold_set))
    return pairs


def cmd_train_selector(args) -> int:
    from assistant.chat.selector import SELECTOR_FILE, carried, using
    from assistant.search.retriever import open_retriever
    from evaluation import selector_train as st
    from evaluation.questions import read_questions
    from evaluation.runner import corpus_index_dir, stderr_progress

    l2 = args.l2 if args.l2 is not None else st.REGULARISATION
    if args.length_penalty is not None:
        st.LENGTH_PENALTY = args.length_penalty
    encoder = None
    examples = []
    before_weights = carried()  # the shipped weights, even when the features changed since they were fitted
    sets = chosen_sets(args)
    retrievers = {}  # per set: an --also file over its corpus asks the same index
    for name, questions, corpus in sets:
        index = corpus_index_dir(corpus) if corpus is not None else None
        retrievers[name] = open_retriever(index_dir=index, corpus=corpus, encoder=encoder)
        encoder = retrievers[name].encoder
        with using(before_weights):
            examples += st.collect(name, retrievers[name], read_questions(questions), stderr_progress)
        stderr_progress(f"[{name}] candidates recorded")
    extra = []
    for path, fold_set in also_sets(args.also, sets):
        with using(before_weights):
            extra += st.collect(
                path.stem, retrievers[fold_set], read_questions(path), stderr_progress, fold_set
            )
        stderr_progress(f"[{path.stem}] candidates recorded (reported, not fitted on)")
    every = examples + extra
    before = st.keyed(every, st.replies_with(before_weights, every))
    fitted = st.fit(examples, l2)
    in_sample = st.keyed(every, st.replies_with(fitted, every))
    oof = st.out_of_fold(examples, args.folds, l2, extra=extra)
    first_only = st.out_of_fold(examples, args.folds, l2, adjust=st.only_first, extra=extra)
    report = _report(st, every, before, in_sample, oof, first_only, fitted, args.folds, l2)
    for name in {e.set_name for e in extra}:
        report["figures"][name]["fitted_on"] = False
    out = args.out or Path("reports") / datetime.now().strftime("selector-%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    (out / "selector.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "selector.md").write_text(_markdown(report), encoding="utf-8")
    if not args.no_write:
        measured = {
            name: {kind: f[kind]["reply_hit"] for kind in ("in_sample", "out_of_fold")}
            for name, f in report["figures"].items()
            if f.get("fitted_on", True)
        }
        shipped_json = {**fitted.to_json(), "fitted_on": measured, "folds": args.folds}
        SELECTOR_FILE.write_text(json.dumps(shipped_json, indent=1) + "\n", encoding="utf-8")
        stderr_progress(f"wrote {SELECTOR_FILE}")
    print(_markdown(report))
    return 0


def _report(st, examples, before, in_sample, oof, first_only, fitted, folds, l2) -> dict[str, Any]:
    figures = {}
    for name in dict.fromkeys(e.set_name for e in examples):
        chosen = [e for e in examples if e.set_name == name]
        keys = [f"{e.set_name}:{e.question.id}" for e in chosen]
        won, lost = st.won_lost({k: oof[k] for k in keys}, {k: first_only[k] for k in keys})
        figures[name] = {
            "shipped_before": st.set_figures([before[k] for k in keys]),
            "in_sample": st.set_figures([in_sample[k] for k in keys]),
            "out_of_fold": st.set_figures([oof[k] for k in keys]),
            "out_of_fold_card_1_only": st.set_figures([first_only[k] for k in keys]),
            "other_cards_vs_card_1": {"won": won, "lost": lost},
            "candidates_hold_answer": st.oracle(chosen),
            "groups": len({e.group for e in chosen}),
        }
    return {
        "folds": folds,
        "l2": l2,
        "length_penalty": fitted.length_penalty,
        "figures": figures,
        "weights": dict(zip(fitted.features, fitted.coef.round(4).tolist(), strict=True)),
    }


def _markdown(report: dict[str, Any]) -> str:
    from evaluation.report import fmt

    lines = [
        f"Reply selector: {report['folds']} folds grouped by document, L2 = {report['l2']}, "
        f"length penalty {report['length_penalty']}",
        "",
        "| set | questions | shipped before | in-sample | **out of fold** | OOF, card [1] only | OOF other card won / lost "
        "| candidates hold the answer | OOF median / p90 length |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, f in report["figures"].items():
        oof = f["out_of_fold"]
        label = name if f.get("fitted_on", True) else f"{name} (not fitted on)"
        lines.append(
            f"| {label} | {oof['questions']} | {fmt(f['shipped_before']['reply_hit'])} | "
            f"{fmt(f['in_sample']['reply_hit'])} | **{fmt(oof['reply_hit'])}** | "
            f"{fmt(f['out_of_fold_card_1_only']['reply_hit'])} | {f['other_cards_vs_card_1']['won']} / "
            f"{f['other_cards_vs_card_1']['lost']} | {fmt(f['candidates_hold_answer'])} | "
            f"{oof['median_length']} / {oof['p90_length']} |"
        )
    lines += ["", "Weights (standardised features):", ""]
    lines += [
        f"- {name}: {w:+.3f}" for name, w in sorted(report["weights"].items(), key=lambda x: -abs(x[1]))
    ]
    return "\n".join(lines) + "\n"
