"""Run a question set through search configurations in-process and score every question."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from assistant.records import Retrieval
from evaluation.questions import Question
from evaluation.scoring import Passage, QueryResult, config_figures, score_question

log = logging.getLogger(__name__)

Search = Callable[[Sequence[str]], Sequence[Retrieval]]
Progress = Callable[[str], None]

RETRIEVER_MODES = ("hybrid", "dense", "keyword")
NAIVE_NAMES = ("naive", "naive-bm25")
CONFIG_NAMES = (*RETRIEVER_MODES, *NAIVE_NAMES)
DEFAULT_DEPTH = 50  # searched deeper than k so a miss shows where its evidence did appear


class Config(NamedTuple):
    """A named search function; `judges` is False when its `answerable` flag is no real judgement."""

    name: str
    search: Search
    judges: bool = True
    retriever: Any = None  # the Retriever behind a retriever mode, for composing the chat's replies


def stderr_progress(message: str) -> None:
    """A progress line (on stderr once the entry point has called `assistant.logs.show_progress`)."""
    log.info("%s", message)


def passages_of(retrieval: Retrieval) -> list[Passage]:
    """The retrieval's hits, in rank order, as (citation text, doc_id) passages."""
    return [Passage(hit.chunk.text, hit.chunk.doc_id) for hit in sorted(retrieval.hits, key=lambda h: h.rank)]


def run_questions(
    search: Search,
    questions: Sequence[Question],
    *,
    judges: bool = True,
    batch_size: int = 32,
    progress: Callable[[int, int], None] | None = None,
) -> list[QueryResult]:
    """Search the questions in batches and score each against its ranked passages."""
    results: list[QueryResult] = []
    for start in range(0, len(questions), batch_size):
        batch = questions[start : start + batch_size]
        retrievals = list(search([q.question for q in batch]))
        if len(retrievals) != len(batch):
            raise RuntimeError(f"search returned {len(retrievals)} results for {len(batch)} questions")
        for question, retrieval in zip(batch, retrievals, strict=True):
            judged = retrieval.answerable if judges else None
            results.append(score_question(question, passages_of(retrieval), judged))
        if progress:
            progress(len(results), len(questions))
    return results


def evaluate_config(
    config: Config,
    questions: Sequence[Question],
    k: int,
    log: Progress = stderr_progress,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """All figures of one configuration, plus the wall-clock time its searches took; `progress`
    (questions done, total) is called after each batch, besides the log line."""

    def done_so_far(done: int, total: int) -> None:
        log(f"[{config.name}] {done}/{total} questions")
        if progress:
            progress(done, total)

    started = time.perf_counter()
    results = run_questions(config.search, questions, judges=config.judges, progress=done_so_far)
    figures = config_figures(results, k)
    figures["search_seconds"] = round(time.perf_counter() - started, 3)
    return figures


def parse_config_names(text: str) -> list[str]:
    """Comma-separated configuration names, checked against CONFIG_NAMES."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in CONFIG_NAMES]
    if unknown or not names:
        raise ValueError(
            f"unknown configuration {', '.join(unknown) or '(none)'}; choose from {', '.join(CONFIG_NAMES)}"
        )
    return names


@contextmanager
def open_configs(
    names: Sequence[str],
    *,
    corpus: Path | None = None,
    index_dir: Path | None = None,
    depth: int = DEFAULT_DEPTH,
    log: Progress = stderr_progress,
) -> Iterator[list[Config]]:
    """Searchers for the named configurations, sharing one encoder; a --corpus without --index
    is indexed into a cache directory of its own (see `corpus_index_dir`)."""
    from assistant.model.embedding import load_encoder

    log("loading the encoder")
    encoder = load_encoder()
    retriever = None
    if index_dir is not None or any(name in RETRIEVER_MODES for name in names):
        from assistant.search.retriever import open_retriever

        if corpus is not None and index_dir is None:
            index_dir = corpus_index_dir(corpus)
        log(f"opening the index {index_dir or '(default)'}" + (f" built from {corpus}" if corpus else ""))
        retriever = open_retriever(index_dir=index_dir, encoder=encoder, corpus=corpus)
    yield make_configs(names, retriever, encoder, corpus=corpus, depth=depth, log=log)


def make_configs(
    names: Sequence[str],
    retriever: Any,
    encoder: Any,
    *,
    corpus: Path | None = None,
    depth: int = DEFAULT_DEPTH,
    log: Progress = stderr_progress,
) -> list[Config]:
    """The named configurations over an open retriever (None when only naive ones are named): the
    command line's and the app's Evaluate tab's, so both measure the same searches."""
    configs = []
    for name in names:
        if name in NAIVE_NAMES:
            configs.append(_naive_config(name, retriever, corpus, encoder, depth, log))
        else:
            assert retriever is not None
            configs.append(
                Config(name, partial(retriever.search_batch, k=depth, mode=name), retriever=retriever)
            )
    return configs


def corpus_index_dir(corpus: Path) -> Path:
    """Where a corpus given without --index is indexed: a cache directory named by its path, so a
    second run only embeds the texts that changed (the index is rebuilt when the corpus changes)."""
    import hashlib

    from assistant.config import data_home

    key = hashlib.sha256(str(Path(corpus).resolve()).encode()).hexdigest()[:16]
    return data_home() / "eval-indexes" / f"{Path(corpus).stem}-{key}"


def _naive_config(
    name: str, retriever: Any, corpus: Path | None, encoder: Any, depth: int, log: Progress
) -> Config:
    """A naive baseline over the same documents as the retriever (or the given / default corpus)."""
    from assistant.config import DEFAULT_CORPUS_DIR
    from assistant.documents.corpus import load_corpus
    from evaluation.naive import NaiveIndex, NaiveKeywordIndex

    documents = retriever.documents if retriever is not None else load_corpus(corpus or DEFAULT_CORPUS_DIR)
    log(f"building the {name} baseline over {len(documents)} documents")
    naive = (
        NaiveKeywordIndex.build(documents) if name == "naive-bm25" else NaiveIndex.build(documents, encoder)
    )
    return Config(name, partial(naive.search_batch, k=depth), judges=False)
