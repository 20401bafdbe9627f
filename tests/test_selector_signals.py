"""The measurement of extra selector signals: its metric, its cue and late-interaction columns, and its
out-of-fold fit on examples whose documents it never saw."""

from __future__ import annotations

import numpy as np

from evaluation import selector_signals as ss
from tests.test_selector_variants import _examples


def test_choice_accuracy_counts_the_top_scored_candidate_of_choices_that_can_be_right():
    held = [np.array([False, True]), np.array([True, False]), np.array([False, False])]
    scores = [np.array([0.1, 0.9]), np.array([0.5, 0.5]), np.array([1.0, 0.0])]
    # the tie goes to the first candidate, as the Selector takes it; the third choice holds nothing
    assert ss.choice_accuracy(scores, held) == (2, 2)
    assert ss.choice_accuracy([np.array([0.9, 0.1])], [np.array([False, True])]) == (0, 1)


def test_the_cues_read_a_news_lead_in_a_reported_directive_and_the_heading():
    choice = ss.Choice(
        "ncpqa-dev",
        "g",
        "德阳市如何要求落实单位主体责任？",
        np.zeros((3, 1)),
        np.array([False, True, False]),
        np.zeros(3),
        ("近日，德阳市印发通知。", "通知指出，各单位要落实主体责任。", "开餐单位要全面摸排。"),
        ("通知", "通知", "通知 › 二、落实单位主体责任"),
    )
    columns = ss.cue_columns(choice)
    assert columns[:, 0].tolist() == [1.0, 0.0, 0.0]
    assert columns[:, 1].tolist() == [0.0, 1.0, 0.0]
    # seven of the heading's nine bigrams are the question's (not 二、 and 、落); 通知 is not in it
    assert columns[2, 3] == 7 / 9 and columns[0, 3] == 0.0


def test_late_interaction_scores_the_sentence_whose_tokens_meet_the_question_s():
    question = np.eye(3)[:2]
    same, other = np.eye(3)[:2], np.eye(3)[2:]
    table = ss.late_columns(question, [same, other])
    assert table[0, 0] == 1.0 and table[1, 0] == 0.0
    assert table[0, 2] == 0.0 and table[1, 2] == -1.0


def test_out_of_fold_the_fit_finds_the_answering_candidates_of_unseen_documents():
    choices = ss.choices_of(_examples())
    none = [np.zeros((len(c.sentences), 0)) for c in choices]
    assert ss.out_of_fold_accuracy(choices, none, 1.0, folds=4) == {"test": (8, 8)}
