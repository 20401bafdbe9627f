"""The selector variants measured beside the shipped fit: the pairwise and unpenalised fits rank like it, the
proxy reads the first quote choice, and nested choice picks the fitter its inner folds prefer."""

from __future__ import annotations

import numpy as np

from assistant.chat.selector import Selector
from evaluation import selector_train as st
from evaluation import selector_variants as sv
from tests.test_selector_train import _example


def _examples() -> list[st.Example]:
    rent = [_example(n, "中小企业房租免几个月？", "免收2月至4月的房租", f"d{n}") for n in range(4)]
    phone = [_example(n + 4, "有问题打哪个电话？", "0571-87654321", f"d{n + 4}") for n in range(4)]
    return rent + phone


def test_the_pairwise_and_unpenalised_fits_rank_the_answering_candidates_first():
    examples = _examples()
    for selector in (sv.fit_pairwise(examples), sv.fit_unpenalised(examples, 0.1)):
        for example in examples:
            (seen,) = example.seen
            assert (
                st.labels(seen, example.question.reply_groups)[int(selector.scores(seen.rows).argmax())] == 1
            )


def test_the_proxy_counts_the_top_candidate_of_the_first_choice():
    examples = _examples()

    class Last:
        def scores(self, rows: np.ndarray) -> np.ndarray:
            return np.arange(len(rows), dtype=float)

    assert sv.proxy_hits(st.fit(examples), examples) == [1] * 8
    # the last candidate is the phone line: it holds the phone number, not the rent months
    assert sv.proxy_hits(Last(), examples) == [0] * 4 + [1] * 4
    assert sv.proxy_hits(Last(), [st.Example("test", examples[0].question, "g", None, [])]) == [0]


def test_nested_choice_takes_the_fitter_its_inner_folds_prefer():
    class Fixed:
        def __init__(self, sign: float) -> None:
            self.sign = sign

        def scores(self, rows: np.ndarray) -> np.ndarray:
            return self.sign * np.arange(len(rows), dtype=float)

    chosen = []
    fitter = sv.nested([lambda train: Fixed(-1.0), lambda train: st.fit(train)], chosen.append)
    scorer = fitter(_examples())
    assert "#1" in chosen[0] and isinstance(scorer, Selector)
