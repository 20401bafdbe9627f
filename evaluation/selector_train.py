"""Fit the reply selector on the development sets and measure it on questions whose documents it never saw.

Every answerable question is asked through the chat as a new user would (`web.session.ask`, the path the
app and `evaluation run` use), recording the candidate quotes each choice met. A candidate is labelled by
whether its quote holds an evidence group (EVAL_FORMAT's matching rule). A linear model is fitted on the
standardised feature rows by a conditional logit over each quote choice (`fit`). Out of fold: the questions
are split into folds grouped by document (GroupKFold), so no document's questions are both fitted and
scored; each fold's replies are composed again with the weights fitted without it, and scored with reply-hit.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from assistant.chat.selector import Seen, Selector, length_cost, recording, using
from assistant.chat.selector_features import FEATURES
from evaluation.questions import Question
from evaluation.replies import ReplyResult, reply_hit, reply_text
from evaluation.reply_runner import run_replies

# The L2 penalty on the weights, against the summed log loss of about 1,100 quote choices (0.1, 1, 3 and 10
# measured alike out of fold: 0.697 on ncpqa-dev each)
REGULARISATION = 1.0
# Subtracted per unit of log length a quote has beyond FREE_LENGTH characters: holds the ncpqa-dev median
# reply under 120 characters without touching short replies (swept out of fold on the development sets:
# a penalty on all of the length cost the seeds 0.005–0.009; beyond 100 characters, 2.0 → ncpqa-dev median
# 108 for 0.004 of reply-hit, 1.0 → 118, 3.0 → 103 for 0.011)
LENGTH_PENALTY = 2.0
FREE_LENGTH = 100


@dataclass
class Example:
    """One answerable question of a set, the document group it is folded by, and what its reply met."""

    set_name: str
    question: Question
    group: str
    retriever: Any
    seen: list[Seen] = field(default_factory=list)


class CachedSearch:
    """A retriever whose `search` answers a repeated call from memory: folds compose again, not search."""

    def __init__(self, retriever) -> None:
        self._retriever = retriever
        self._answers: dict[tuple, Any] = {}

    def search(self, question: str, **options):
        key = (question, *sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))
        if key not in self._answers:
            self._answers[key] = self._retriever.search(question, **options)
        return self._answers[key]

    def __getattr__(self, name: str):
        return getattr(self._retriever, name)


def collect(
    set_name: str,
    retriever,
    questions: Sequence[Question],
    progress: Callable[[str], None] | None = None,
    fold_set: str | None = None,
) -> list[Example]:
    """Ask every answerable question once (the chat's own path, `run_replies`), recording the candidates
    of each quote choice; a question's documents fold with those of `fold_set` (default: its own set)."""
    cached = CachedSearch(retriever)
    examples = []
    answerable = [q for q in questions if q.answerable]
    for done, question in enumerate(answerable, 1):
        group = f"{fold_set or set_name}:{question.doc_id or 'several'}"
        example = Example(set_name, question, group, cached)
        with recording(example.seen):
            run_replies(cached, [question])
        examples.append(example)
        if progress and done % 100 == 0:
            progress(f"[{set_name}] {done}/{len(answerable)} questions asked")
    return examples


def labels(seen: Seen, groups: Sequence[Sequence[str]]) -> np.ndarray:
    """1 for each candidate whose quote holds some evidence group, else 0."""
    return np.array(
        [any(reply_hit(c.quote, [group]) for group in groups) for c in seen.candidates], dtype=np.int64
    )


def training_rows(examples: Sequence[Example]) -> tuple[np.ndarray, np.ndarray]:
    """All feature rows of the examples' quote choices, and their labels."""
    rows, ys = [np.zeros((0, len(FEATURES)))], [np.zeros(0, dtype=np.int64)]
    for example in examples:
        for seen in example.seen:
            rows.append(seen.rows)
            ys.append(labels(seen, example.question.reply_groups))
    return np.vstack(rows), np.concatenate(ys)


def standardisation(examples: Sequence[Example]) -> tuple[np.ndarray, np.ndarray]:
    """The mean and standard deviation (1 where a feature never varies) of every feature row recorded."""
    return scaling(training_rows(examples)[0])


def scaling(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The mean and standard deviation of each column of `rows`, 1 where a column never varies."""
    scale = rows.std(axis=0)
    return rows.mean(axis=0), np.where(scale > 0, scale, 1.0)


def mixed_choices(examples: Sequence[Example]) -> Iterator[tuple[Seen, np.ndarray]]:
    """Each quote choice with both kinds of candidate, and its labels: the choices a ranking learns from."""
    for example in examples:
        for seen in example.seen:
            y = labels(seen, example.question.reply_groups)
            if y.any() and not y.all():
                yield seen, y


def fit(
    examples: Sequence[Example], regularisation: float = REGULARISATION, penalised: bool = True
) -> Selector:
    """A linear Selector fitted by a conditional logit (`conditional_logit`) over every quote choice with both
    kinds of candidate. The scores include the length penalty the Selector applies when serving (unless not
    `penalised`), so the weights are fitted to the choice the reply will make (a pairwise fit, and this fit
    without the penalty, measured lower out of fold: evaluation/selector_variants.py)."""
    mean, scale = standardisation(examples)
    choices = [
        (
            (seen.rows - mean) / scale,
            held.astype(bool),
            length_cost(seen.rows, LENGTH_PENALTY if penalised else 0.0, FREE_LENGTH),
        )
        for seen, held in mixed_choices(examples)
    ]
    coef = conditional_logit(choices, np.full(len(FEATURES), regularisation))
    return Selector(FEATURES, mean, scale, coef, 0.0, LENGTH_PENALTY, FREE_LENGTH)


def conditional_logit(
    choices: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]], regularisation: np.ndarray
) -> np.ndarray:
    """The weights w maximising, over the choices (rows, which hold the answer, cost subtracted from each
    score), the log of the softmax mass the scores rows @ w - cost put on the holding rows, summed, less
    the sum of `regularisation`/2 times the squared weights (one penalty per column)."""
    from scipy.optimize import minimize

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 * (regularisation * w) @ w, regularisation * w
        for rows, held, cost in choices:
            s = rows @ w - cost
            p = np.exp(s - s.max())
            mass = p[held].sum()
            total -= np.log(mass) - np.log(p.sum())
            grad = grad - (p[held] / mass) @ rows[held] + (p / p.sum()) @ rows
        return total, grad

    return minimize(loss, np.zeros(len(regularisation)), jac=True, method="L-BFGS-B").x


def replies_with(selector: Selector, examples: Sequence[Example]) -> list[ReplyResult]:
    """The reply each example's question gets when `selector` chooses the quotes, scored as
    `evaluation run` scores it (`run_replies`)."""
    with using(selector):
        return [run_replies(e.retriever, [e.question])[0] for e in examples]


def out_of_fold(
    examples: Sequence[Example],
    folds: int = 5,
    regularisation: float = REGULARISATION,
    adjust: Callable[[Selector], Selector] = lambda selector: selector,
    extra: Sequence[Example] = (),
) -> dict[str, ReplyResult]:
    """Each question's reply composed with weights fitted on the other folds (grouped by document), each
    fold's selector passed through `adjust` first (e.g. `only_first`); `extra` questions too (see
    composed_out_of_fold)."""

    def fitter(train: Sequence[Example]) -> Selector:
        return adjust(fit(train, regularisation))

    return composed_out_of_fold(examples, fold_indices(examples, folds), fitter, extra)


def composed_out_of_fold(
    examples: Sequence[Example],
    splits,
    fitter: Callable[[Sequence[Example]], Any],
    extra: Sequence[Example] = (),
) -> dict[str, ReplyResult]:
    """Each question's reply composed with what `fitter` fits on the other folds of `splits` ((train, test)
    positions), keyed by question. An `extra` question (reported, never fitted on) is composed with the
    fold whose test documents hold its document, so no fit saw its document; one whose document no
    example has, with the fit on all."""
    results: dict[str, ReplyResult] = {}
    for train, test in splits:
        scorer = fitter([examples[i] for i in train])
        groups = {examples[i].group for i in test}
        tested = [examples[i] for i in test] + [e for e in extra if e.group in groups]
        results.update(keyed(tested, replies_with(scorer, tested)))
    known = {e.group for e in examples}
    unseen = [e for e in extra if e.group not in known]
    if unseen:
        results.update(keyed(unseen, replies_with(fitter(examples), unseen)))
    return results


def fold_indices(examples: Sequence[Example], folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) positions of each fold; a document's questions all fall in one fold (GroupKFold)."""
    from sklearn.model_selection import GroupKFold

    groups = [e.group for e in examples]
    return list(GroupKFold(n_splits=min(folds, len(set(groups)))).split(examples, groups=groups))


def only_first(selector: Selector) -> Selector:
    """The same weights, but a quote from card [1] always wins over one from a lower card."""
    coef = selector.coef.copy()
    for name in ("rank_2", "rank_3"):
        coef[FEATURES.index(name)] = -1e6
    return replace(selector, coef=coef)


def oracle(examples: Sequence[Example]) -> float:
    """The share of questions with a candidate quote holding an evidence group: about what a perfect
    choice among the candidates could reach (exactly, for one-line replies to one-group questions)."""
    held = [any(labels(seen, e.question.reply_groups).any() for seen in e.seen) for e in examples]
    return sum(held) / len(held) if held else 0.0


def set_figures(results: Sequence[ReplyResult]) -> dict[str, Any]:
    """reply-hit and reply length (characters without citation marks) of one set's replies."""
    lengths = sorted(len(reply_text(r.reply)) for r in results)
    return {
        "questions": len(results),
        "reply_hit": sum(r.hit for r in results) / len(results) if results else None,
        "median_length": statistics.median(lengths) if lengths else None,
        "p90_length": lengths[int(0.9 * (len(lengths) - 1))] if lengths else None,
    }


def by_set(examples: Sequence[Example], results: dict[str, ReplyResult]) -> dict[str, list[ReplyResult]]:
    sets: dict[str, list[ReplyResult]] = {}
    for example in examples:
        sets.setdefault(example.set_name, []).append(results[_key(example)])
    return sets


def won_lost(a: dict[str, ReplyResult], b: dict[str, ReplyResult]) -> tuple[int, int]:
    """Questions `a` hits and `b` misses, and the reverse."""
    return (
        sum(a[k].hit and not b[k].hit for k in a),
        sum(b[k].hit and not a[k].hit for k in a),
    )


def keyed(examples: Sequence[Example], results: Sequence[ReplyResult]) -> dict[str, ReplyResult]:
    return {_key(e): r for e, r in zip(examples, results, strict=True)}


def _key(example: Example) -> str:
    return f"{example.set_name}:{example.question.id}"
