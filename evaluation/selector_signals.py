"""`python -m evaluation.selector_signals`: would signals beyond the selector's features help it choose?
(issue 17)

The quote choices the development sets' questions meet are recorded once (`selector_train.collect`). Each
signal adds columns to the shipped feature rows, and the shipped loss (`selector_train.conditional_logit`,
length penalty in the scores) is fitted on four of five folds grouped by document; the figure is the share
of the other fold's choices (those where some candidate holds the answer) whose top-scored candidate
holds it: `choice_accuracy`. None of these signals is shipped; the module keeps the measurement repeatable.

- sentence_vector: the candidate sentence's e5 vector (its own column weights, `VECTOR_L2`)
- vector_product: the question's vector times the sentence's, element by element (a learned, diagonal
  reweighting of the dense similarity)
- late_interaction: the mean over the question's tokens of their best cosine with the sentence's tokens
  (ColBERT's MaxSim on e5's token states), the same the other way round, and both less the choice's best
- cues: a news lead-in ("近日，", "据了解，", "…以来，"), a reported directive ("…指出，", "…强调，"),
  reported speech ("…表示，"), and the share of the question's character bigrams in the item's heading
- pairs: the products of the PAIRED features with the largest shipped weights, two at a time
"""

from __future__ import annotations

import argparse
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.chat.reply_sentence import squeeze
from assistant.chat.selector import length_cost
from evaluation import selector_train as st

VECTOR_L2 = 300.0  # the extra columns' L2 (10 and 100 overfit the vectors on the scratch runs)
PAIRED = 10
_LEAD_IN = re.compile(r"^(近日|日前|近期|连日来|目前|当前|据了解|据悉|记者|今年以来|截至|.{0,12}以来[，,])")
_REPORTED_DIRECTIVE = re.compile(r"^.{0,30}(指出|强调|要求|明确|规定|提出)[，,：:]")
_REPORTED_SPEECH = re.compile(r"^.{0,30}(表示|介绍|说|称)[，,：:]")


@dataclass(frozen=True)
class Choice:
    """One quote choice: its feature rows, which candidates hold the answer, their length cost, the
    candidates' sentences and sections, the question, and the document group it folds with."""

    set_name: str
    group: str
    question: str
    rows: np.ndarray
    held: np.ndarray
    cost: np.ndarray
    sentences: tuple[str, ...]
    sections: tuple[str, ...]


def choices_of(examples: Sequence[st.Example]) -> list[Choice]:
    """Every recorded quote choice of the examples."""
    return [
        Choice(
            e.set_name,
            e.group,
            e.question.question,
            seen.rows,
            st.labels(seen, e.question.reply_groups).astype(bool),
            length_cost(seen.rows, st.LENGTH_PENALTY, st.FREE_LENGTH),
            tuple(c.sentence for c in seen.candidates),
            tuple(c.hit.chunk.section for c in seen.candidates),
        )
        for e in examples
        for seen in e.seen
    ]


def choice_accuracy(scores: Sequence[np.ndarray], held: Sequence[np.ndarray]) -> tuple[int, int]:
    """(choices whose top score holds the answer, choices where some candidate holds it): the first of
    equal scores is the top, as the Selector takes it."""
    judged = [(s, h) for s, h in zip(scores, held, strict=True) if h.any()]
    return sum(int(h[int(np.argmax(s))]) for s, h in judged), len(judged)


def out_of_fold_accuracy(
    choices: Sequence[Choice], columns: Sequence[np.ndarray], extra_l2: float, folds: int = 5
) -> dict[str, tuple[int, int]]:
    """Per set, `choice_accuracy` of the choices scored by weights fitted on the other folds (GroupKFold by
    document) on the feature rows with `columns` (one array per choice) appended."""
    from sklearn.model_selection import GroupKFold

    rows = [np.hstack([c.rows, extra]) for c, extra in zip(choices, columns, strict=True)]
    base = choices[0].rows.shape[1]
    scores: list[np.ndarray] = [np.zeros(0)] * len(choices)
    for train, test in GroupKFold(folds).split(rows, groups=[c.group for c in choices]):
        stacked = np.vstack([rows[i] for i in train])
        mean, scale = st.scaling(stacked)
        mixed = [i for i in train if choices[i].held.any() and not choices[i].held.all()]
        penalty = np.where(np.arange(stacked.shape[1]) < base, st.REGULARISATION, extra_l2)
        coef = st.conditional_logit(
            [((rows[i] - mean) / scale, choices[i].held, choices[i].cost) for i in mixed], penalty
        )
        for i in test:
            scores[i] = ((rows[i] - mean) / scale) @ coef - choices[i].cost
    figures = {}
    for name in dict.fromkeys(c.set_name for c in choices):
        own = [i for i, c in enumerate(choices) if c.set_name == name]
        figures[name] = choice_accuracy([scores[i] for i in own], [choices[i].held for i in own])
    return figures


def cue_columns(choice: Choice) -> np.ndarray:
    """Per candidate: news lead-in, reported directive, reported speech, heading's share of the question."""
    asked = _bigrams(choice.question)
    return np.array(
        [
            [
                float(bool(_LEAD_IN.search(sentence.strip()))),
                float(bool(_REPORTED_DIRECTIVE.search(sentence.strip()))),
                float(bool(_REPORTED_SPEECH.search(sentence.strip()))),
                len(_bigrams(section.split(" › ")[-1]) & asked)
                / max(1, len(_bigrams(section.split(" › ")[-1]))),
            ]
            for sentence, section in zip(choice.sentences, choice.sections, strict=True)
        ]
    )


def pair_columns(choice: Choice, paired: Sequence[int], mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Products of the standardised `paired` features, two at a time."""
    z = (choice.rows - mean) / scale
    return np.array([z[:, a] * z[:, b] for a, b in itertools.combinations(paired, 2)]).T


def late_columns(question: np.ndarray, sentences: Sequence[np.ndarray]) -> np.ndarray:
    """Per sentence (unit token vectors): the question tokens' mean best cosine with it, its tokens' mean
    best cosine with the question, and both less the best of the choice."""
    rows = []
    for tokens in sentences:
        similarity = question @ tokens.T if len(tokens) else np.zeros((len(question), 1))
        rows.append([similarity.max(axis=1).mean(), similarity.max(axis=0).mean()])
    table = np.array(rows)
    return np.hstack([table, table - table.max(axis=0)])


def _bigrams(text: str) -> set[str]:
    text = squeeze(text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _unit_tokens(encoder, texts: Sequence[str], prompt_name: str | None) -> dict[str, np.ndarray]:
    """Each text's token states (e5, with the prompt; the special tokens and the prompt's tokens dropped),
    each row scaled to unit length."""
    states = encoder.model.encode(
        list(texts), prompt_name=prompt_name, output_value="token_embeddings", show_progress_bar=False
    )
    prompt = encoder.model.prompts.get(prompt_name, "") if prompt_name else ""
    skip = 1 + len(encoder.model.tokenizer(prompt.rstrip(), add_special_tokens=False)["input_ids"])
    unit = {}
    for text, vectors in zip(texts, states, strict=True):
        vectors = vectors.float().numpy()[skip:-1]
        unit[text] = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return unit


def signals(choices: Sequence[Choice], encoder, log: Callable[[str], None]) -> dict[str, tuple[list, float]]:
    """Each signal's columns per choice, with their L2."""
    questions = sorted({c.question for c in choices})
    sentences = sorted({s for c in choices for s in c.sentences})
    log(f"token states of {len(questions)} questions and {len(sentences)} sentences")
    asked = _unit_tokens(encoder, questions, encoder.query_prompt_name)
    said = _unit_tokens(encoder, sentences, encoder.passage_prompt_name)
    pooled = {text: _unit(tokens.mean(axis=0)) for text, tokens in {**asked, **said}.items()}
    stacked = np.vstack([c.rows for c in choices])
    mean, scale = st.scaling(stacked)
    fitted = st.conditional_logit(
        [((c.rows - mean) / scale, c.held, c.cost) for c in choices if c.held.any() and not c.held.all()],
        np.full(stacked.shape[1], st.REGULARISATION),
    )
    paired = list(np.argsort(-np.abs(fitted))[:PAIRED])
    vectors = [np.array([pooled[s] for s in c.sentences]) for c in choices]
    return {
        "none": ([np.zeros((len(c.sentences), 0)) for c in choices], st.REGULARISATION),
        "sentence_vector": (vectors, VECTOR_L2),
        "vector_product": (
            [v * pooled[c.question] for v, c in zip(vectors, choices, strict=True)],
            VECTOR_L2,
        ),
        "late_interaction": (
            [late_columns(asked[c.question], [said[s] for s in c.sentences]) for c in choices],
            st.REGULARISATION,
        ),
        "cues": ([cue_columns(c) for c in choices], st.REGULARISATION),
        "pairs": ([pair_columns(c, paired, mean, scale) for c in choices], 30.0),
    }


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-9)


def main(argv: Sequence[str] | None = None) -> int:
    from assistant.logs import show_progress
    from evaluation.runner import stderr_progress
    from evaluation.selector_cli import DEFAULT_SETS
    from evaluation.selector_variants import recorded_dev_sets

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="comma-separated signals (default all)")
    args = parser.parse_args(argv)
    show_progress()
    examples, encoder = recorded_dev_sets()
    choices = choices_of(examples)
    chosen = {n.strip() for n in args.only.split(",") if n.strip()}
    print("| signal | " + " | ".join(DEFAULT_SETS) + " |")
    print("|---|" + "---|" * len(DEFAULT_SETS))
    for name, (columns, l2) in signals(choices, encoder, stderr_progress).items():
        if chosen and name not in chosen | {"none"}:
            continue
        figures = out_of_fold_accuracy(choices, columns, l2)
        print(
            f"| {name} | " + " | ".join("{} / {}".format(*figures[s]) for s in DEFAULT_SETS) + " |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
