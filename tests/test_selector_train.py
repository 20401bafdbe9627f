"""Fitting the reply selector: labels, folds grouped by document, the conditional-logit fit, and a small real run."""

from __future__ import annotations

import pytest

from assistant.chat.candidates import candidates
from assistant.chat.reply_sentence import ask_of
from assistant.chat.selector import Seen
from assistant.chat.selector_features import feature_rows
from assistant.records import Chunk, Hit
from evaluation import selector_train as st
from evaluation.questions import Question

NOTICE = (
    "为支持企业复工复产，现就有关事项通知如下。"
    "对受疫情影响的中小企业，免收2月至4月的房租。"
    "咨询电话：0571-87654321。"
)


def _example(n: int, question: str, evidence: str, doc: str) -> st.Example:
    hit = Hit(Chunk(f"c{n}#0", doc, f"c{n}", "一、支持企业", NOTICE, NOTICE, city="杭州"), 1.0, 1)
    ask = ask_of(question)
    found, weights = candidates([(1, hit)], ask)
    seen = Seen(question, tuple(found), feature_rows(found, ask, weights, question))
    q = Question(f"q{n}", question, ((evidence,),), doc_id=doc)
    return st.Example("test", q, f"test:{doc}", None, [seen])


def test_a_candidate_is_labelled_by_the_evidence_its_quote_holds():
    example = _example(1, "中小企业房租免几个月？", "免收2月至4月的房租", "d1")
    (seen,) = example.seen
    assert st.labels(seen, example.question.reply_groups).tolist() == [0, 1, 0]


def test_folds_never_split_a_document():
    examples = [_example(n, "中小企业房租免几个月？", "免收2月至4月的房租", f"d{n % 4}") for n in range(12)]
    for train, test in st.fold_indices(examples, 3):
        assert not {examples[i].group for i in train} & {examples[i].group for i in test}
    assert sorted(i for _, test in st.fold_indices(examples, 3) for i in test) == list(range(12))


def test_the_fit_ranks_the_answering_candidates_first():
    examples = [_example(n, "中小企业房租免几个月？", "免收2月至4月的房租", f"d{n}") for n in range(3)]
    examples += [_example(n + 3, "有问题打哪个电话？", "0571-87654321", f"d{n + 3}") for n in range(3)]
    selector = st.fit(examples)
    for example in examples:
        (seen,) = example.seen
        best = int(selector.scores(seen.rows).argmax())
        assert st.labels(seen, example.question.reply_groups)[best] == 1


def test_a_reported_question_is_composed_by_a_fit_that_never_saw_its_document(monkeypatch):
    examples = [_example(n, "中小企业房租免几个月？", "免收2月至4月的房租", f"d{n}") for n in range(4)]
    extra = [_example(10, "有问题打哪个电话？", "0571-87654321", "d1"), _example(11, "电话？", "0571", "d9")]
    splits = st.fold_indices(examples, 2)
    fitted_on: dict[str, set[str]] = {}

    def fitter(train):
        return {e.group for e in train}

    def replies_with(trained, tested):
        for e in tested:
            fitted_on[e.question.id] = trained
        return [None] * len(tested)

    monkeypatch.setattr(st, "replies_with", replies_with)
    results = st.composed_out_of_fold(examples, splits, fitter, extra)
    assert {"test:q10", "test:q11"} <= set(results)
    assert "test:d1" not in fitted_on["q10"]  # its document's fold was left out of the fit
    assert fitted_on["q11"] == {e.group for e in examples}  # a document no fold has: the fit on all


@pytest.mark.model
def test_out_of_fold_replies_on_a_slice_of_the_seeds(tmp_path):
    """A cross-validation run end to end, with the real model, on 30 seeds questions of two documents."""
    from assistant.search.retriever import open_retriever
    from evaluation.dev_sets import DEV_QUESTIONS
    from evaluation.questions import read_questions

    questions = [q for q in read_questions(DEV_QUESTIONS) if q.doc_id and q.answerable]
    chosen = questions[:15] + [q for q in questions if q.doc_id != questions[0].doc_id][:15]
    examples = st.collect("seeds", open_retriever(), chosen)
    results = st.out_of_fold(examples, folds=2)
    assert sorted(results) == sorted(f"seeds:{q.id}" for q in chosen)
    figures = st.set_figures(list(results.values()))
    assert figures["questions"] == 30 and 0.5 <= figures["reply_hit"] <= 1.0
    assert figures["median_length"] > 0
