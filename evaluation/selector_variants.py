"""`python -m evaluation.selector_variants`: other ways to fit the reply selector, measured out of fold beside
the shipped fit (issue 17). None of them is shipped; this module keeps the measurement repeatable.

The candidates are recorded once (`selector_train.collect`, about a minute), then each variant's replies are
composed again fold by fold, exactly as `train-selector` measures the shipped fit, on the same folds grouped
by document (split 0) and, to see how much of a difference is the folds' luck, on other document-grouped
splits (split n: GroupKFold shuffled with seed n). Hyperparameters are chosen inside each outer fold, on
inner folds of its own training questions, by a fast proxy (does the top-scored candidate of the question's
first quote choice hold the answer), so the figure reported is on questions the choice never saw.

- shipped: `selector_train.fit`, a conditional logit over each quote choice whose scores include the length
  penalty.
- pairwise: the fit shipped until session 9, a logistic regression (scikit-learn) on the differences between
  a candidate that holds the answer and one that does not, at most PAIRS a choice, both ways round.
- unpenalised: the shipped loss without the length penalty in the scores, its L2 chosen on inner folds.
- lambdarank: LightGBM trees (objective lambdarank, query groups = quote choices), length penalty 1.0 per
  unit of log length beyond FREE_LENGTH; only when lightgbm is installed (it is not in requirements.txt).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

import numpy as np

from assistant.chat.selector import Selector, length_cost
from assistant.chat.selector_features import FEATURES
from evaluation import selector_train as st

UNPENALISED_L2 = (0.1, 1.0, 10.0, 100.0)  # the grid an outer fold's inner folds choose from
TREE_CONFIGS = (
    {"num_boost_round": 100, "learning_rate": 0.05, "num_leaves": 7, "min_data_in_leaf": 20},
    {"num_boost_round": 300, "learning_rate": 0.05, "num_leaves": 7, "min_data_in_leaf": 20},
    {"num_boost_round": 300, "learning_rate": 0.03, "num_leaves": 15, "min_data_in_leaf": 50},
    {
        "num_boost_round": 600,
        "learning_rate": 0.02,
        "num_leaves": 4,
        "min_data_in_leaf": 30,
        "lambda_l2": 1.0,
    },
)
TREE_LENGTH_PENALTY = (
    1.0  # lambdarank scores are on their own scale; 1.0 kept the lengths of the pairwise fit
)
PAIRS = 40  # candidate pairs drawn from one quote choice (pairwise)
PAIRWISE_C = 0.1  # scikit-learn's C for the pairwise fit
INNER_FOLDS = 4

Fitter = Callable[[Sequence[st.Example]], object]  # examples -> something with .scores(rows)


def fit_pairwise(examples: Sequence[st.Example], regularisation: float = PAIRWISE_C) -> Selector:
    """A pairwise logistic regression (scikit-learn) on standardised rows: for every quote choice with both
    kinds of candidate, the differences between a candidate that holds the answer and one that does not
    (at most PAIRS a choice, drawn with a fixed seed), both ways round."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = st.standardisation(examples)
    random = np.random.default_rng(0)
    differences = []
    for seen, y in st.mixed_choices(examples):
        rows = (seen.rows - mean) / scale
        pairs = [(p, n) for p in np.flatnonzero(y) for n in np.flatnonzero(y == 0)]
        if len(pairs) > PAIRS:
            pairs = [pairs[i] for i in random.choice(len(pairs), PAIRS, replace=False)]
        for p, n in pairs:
            differences += [rows[p] - rows[n], rows[n] - rows[p]]
    target = np.tile([1, 0], len(differences) // 2)
    model = LogisticRegression(C=regularisation, max_iter=5000, fit_intercept=False)
    model.fit(np.array(differences), target)
    return Selector(FEATURES, mean, scale, model.coef_[0], 0.0, st.LENGTH_PENALTY, st.FREE_LENGTH)


def fit_unpenalised(examples: Sequence[st.Example], l2: float) -> Selector:
    """The shipped fit with no length penalty in the scores it is fitted on (serving still applies it)."""
    return st.fit(examples, l2, penalised=False)


class TreeScores:
    """LightGBM's ranking score less the length penalty: stands in for a Selector during evaluation."""

    def __init__(self, booster, length_penalty: float = TREE_LENGTH_PENALTY) -> None:
        self.booster, self.length_penalty = booster, length_penalty

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return self.booster.predict(rows) - length_cost(rows, self.length_penalty, st.FREE_LENGTH)


def fit_lambdarank(examples: Sequence[st.Example], config: dict) -> TreeScores:
    import lightgbm

    rows, labels, sizes = [], [], []
    for seen, y in st.mixed_choices(examples):
        rows.append(seen.rows), labels.append(y), sizes.append(len(y))
    params = {k: v for k, v in config.items() if k != "num_boost_round"}
    params |= {"objective": "lambdarank", "verbose": -1, "n_jobs": 1, "seed": 0, "deterministic": True}
    params |= {"force_row_wise": True, "feature_fraction": 0.8}
    data = lightgbm.Dataset(np.vstack(rows), np.concatenate(labels), group=sizes)
    return TreeScores(lightgbm.train(params, data, num_boost_round=config["num_boost_round"]))


def proxy_hits(scorer, examples: Sequence[st.Example]) -> list[int]:
    """1 where the top-scored candidate of the question's first quote choice holds the answer (a question
    with no quote choice is a 0): agrees with the composed reply's hit on 0.97 of ncpqa-dev's questions."""
    hits = []
    for example in examples:
        if not example.seen:
            hits.append(0)
            continue
        seen = example.seen[0]
        best = int(np.argmax(scorer.scores(seen.rows)))
        hits.append(int(st.labels(seen, example.question.reply_groups)[best]))
    return hits


def nested(fitters: Sequence[Fitter], log: Callable[[str], None]) -> Fitter:
    """A fitter choosing among `fitters` by the proxy on INNER_FOLDS folds of its own training questions."""

    def fit(train: Sequence[st.Example]):
        inner = st.fold_indices(train, INNER_FOLDS)
        shares = []
        for fitter in fitters:
            hits = []
            for a, b in inner:
                hits += proxy_hits(fitter([train[i] for i in a]), [train[i] for i in b])
            shares.append(float(np.mean(hits)))
        chosen = int(np.argmax(shares))
        log(f"  inner folds chose #{chosen} ({shares[chosen]:.3f})")
        return fitters[chosen](train)

    return fit


def splits_of(examples: Sequence[st.Example], split: int, folds: int = 5):
    from sklearn.model_selection import GroupKFold

    if split == 0:
        return st.fold_indices(examples, folds)
    groups = [e.group for e in examples]
    return list(GroupKFold(n_splits=folds, shuffle=True, random_state=split).split(examples, groups=groups))


def variants(log: Callable[[str], None]) -> dict[str, Fitter]:
    found: dict[str, Fitter] = {
        "shipped": st.fit,
        "pairwise": fit_pairwise,
        "unpenalised": nested([lambda t, l2=l2: fit_unpenalised(t, l2) for l2 in UNPENALISED_L2], log),
    }
    try:
        import lightgbm  # noqa: F401
    except ImportError:
        log("lightgbm is not installed: no lambdarank variant")
    else:
        found["lambdarank"] = nested([lambda t, c=c: fit_lambdarank(t, c) for c in TREE_CONFIGS], log)
    return found


def recorded_dev_sets() -> tuple[list[st.Example], object]:
    """The three development sets' answerable questions asked through the chat with the shipped weights laid
    onto today's features (`selector.carried`), their quote choices recorded; and the encoder used."""
    from argparse import Namespace

    from assistant.chat.selector import carried, using
    from assistant.search.retriever import open_retriever
    from evaluation.dev_sets import NCPQA_DEV, RULES_DEV
    from evaluation.questions import read_questions
    from evaluation.runner import corpus_index_dir
    from evaluation.selector_cli import DEFAULT_SETS, chosen_sets

    examples, encoder = [], None
    for name, questions, corpus in chosen_sets(
        Namespace(ncpqa=NCPQA_DEV, rules=RULES_DEV, sets=",".join(DEFAULT_SETS))
    ):
        index = corpus_index_dir(corpus) if corpus is not None else None
        retriever = open_retriever(index_dir=index, corpus=corpus, encoder=encoder)
        encoder = retriever.encoder
        with using(carried()):
            examples += st.collect(name, retriever, read_questions(questions))
    return examples, encoder


def main(argv: Sequence[str] | None = None) -> int:
    from assistant.logs import show_progress
    from evaluation.runner import stderr_progress
    from evaluation.selector_cli import DEFAULT_SETS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--splits", default="0", help="comma-separated fold splits (0: train-selector's folds)"
    )
    parser.add_argument("--only", default="", help="comma-separated variants (default all)")
    args = parser.parse_args(argv)
    show_progress()
    examples, _ = recorded_dev_sets()
    print("| split | variant | " + " | ".join(f"{s} (median / p90)" for s in DEFAULT_SETS) + " |")
    print("|---|---|" + "---|" * len(DEFAULT_SETS))
    chosen = {n.strip() for n in args.only.split(",") if n.strip()}
    for split in (int(s) for s in args.splits.split(",")):
        splits = splits_of(examples, split)
        for name, fitter in variants(stderr_progress).items():
            if chosen and name not in chosen:
                continue
            sets = st.by_set(examples, st.composed_out_of_fold(examples, splits, fitter))
            cells = []
            for set_name in DEFAULT_SETS:
                f = st.set_figures(sets[set_name])
                cells.append(f"{f['reply_hit']:.3f} ({f['median_length']} / {f['p90_length']})")
            print(f"| {split} | {name} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
