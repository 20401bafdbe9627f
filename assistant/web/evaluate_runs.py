"""Whole question sets run from the page (Evaluate tab) and the `/evaluate` API: guarded, one at a time,
cancellable, and kept under $POLICY_ASSISTANT_HOME/eval-runs/.

A run is CPU-heavy, so it needs the app started with `--evaluate`, or the staff token. It measures with
evaluation/'s own code (`evaluation.run_set`, `make_configs`, `write_report`) over the app's open index, so
its figures are those of `python -m evaluation run` on the same files. evaluation/ is the package built on
top of assistant/ (and the `evaluation` extra brings its libraries), so it is imported inside functions
here only: tests/test_layout.py allows that for the web/evaluate_* modules and nothing else.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.config import data_home
from assistant.errors import AssistantError
from assistant.web.admin_settings import AdminSettings, token_ok
from assistant.web.labels import EVALUATE_TEXT as TEXT

CONFIGS = ("hybrid", "dense", "keyword", "naive-bm25")
DEFAULT_CONFIGS = CONFIGS
MAX_LINES = 5000
MAX_MEGABYTES = 10
K = 10  # the cut-off and depth of `python -m evaluation run`'s defaults
DEPTH = 50

Progress = Callable[[str, int, int, float], None]  # stage, done, total (over the whole run), seconds left


class RunProblem(AssistantError):
    """A run that cannot start (no right, a bad file): the message is for the person who asked."""


class Cancelled(AssistantError):
    """The run was cancelled from the page."""


@dataclass
class Outcome:
    """A finished run: its results.json document, the folder it is kept in, and the retrievals of each
    configuration in question order (for the misses' ranked passages)."""

    evaluation: dict[str, Any]
    folder: Path
    questions: list = field(default_factory=list)
    retrievals: dict[str, list] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def files(self) -> list[Path]:
        names = ["report.md", "results.json", "hitk.png"]
        batches = sorted(p.name for p in self.folder.glob("batch-*.jsonl"))
        return [self.folder / name for name in [*names, *batches] if (self.folder / name).exists()]


def runs_home() -> Path:
    return data_home() / "eval-runs"


@dataclass
class Evaluator:
    """Runs question sets against the app's retriever; `open_to_all` when started with --evaluate."""

    retriever: Any
    open_to_all: bool = False
    admin: AdminSettings | None = None
    home: Path = field(default_factory=runs_home)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _cancel: threading.Event = field(default_factory=threading.Event)

    @property
    def enabled(self) -> bool:
        return self.open_to_all or self.admin is not None

    def allowed(self, token: str | None) -> bool:
        return self.open_to_all or (self.admin is not None and token_ok(self.admin, token))

    def cancel(self, token: str | None) -> str:
        if not self.allowed(token):
            return TEXT["refused"]
        if not self._lock.locked():
            return TEXT["nothing_running"]
        self._cancel.set()
        return TEXT["cancelling"]

    def run(
        self,
        path: str | Path | None,
        names: Sequence[str] = DEFAULT_CONFIGS,
        replies: bool = True,
        token: str | None = None,
        progress: Progress | None = None,
    ) -> Outcome:
        """Check the right and the file, run the set (waiting for a run in progress), keep the results."""
        if not self.enabled:
            raise RunProblem(TEXT["off"])
        if not self.allowed(token):
            raise RunProblem(TEXT["refused"])
        names = [n for n in CONFIGS if n in set(names)]
        if not names:
            raise RunProblem(TEXT["no_config"])
        questions = load_set(path)
        with self._lock:
            self._cancel.clear()
            return self._run(Path(str(path)), questions, names, replies, progress)

    def _run(self, path: Path, questions, names, replies: bool, progress: Progress | None) -> Outcome:
        from evaluation.report import write_report
        from evaluation.run_set import evaluation_record, run_set
        from evaluation.runner import make_configs

        started = time.perf_counter()
        retriever = getattr(self.retriever, "current", self.retriever)  # the index served as the run starts
        answerable = sum(q.answerable for q in questions)
        measured = replies and any(n != "naive-bm25" for n in names)
        total = len(questions) * len(names) + (answerable if measured else 0)
        finished: dict[str, int] = {}

        def step(stage: str, done: int, stage_total: int) -> None:
            if self._cancel.is_set():
                raise Cancelled(TEXT["cancelled"])
            finished[stage] = done
            overall = sum(finished.values())
            elapsed = time.perf_counter() - started
            if progress:
                progress(stage, overall, total, elapsed / overall * (total - overall) if overall else 0.0)

        configs = make_configs(names, retriever, retriever.encoder, depth=DEPTH, log=_quiet)
        run = run_set(configs, questions, K, replies=replies, keep=K, log=_quiet, progress=step)
        index = str(getattr(getattr(retriever, "index", None), "directory", "") or "")
        evaluation = evaluation_record(path.name, K, DEPTH, run.configs, index=index)
        if run.replies is not None:
            evaluation["replies"] = run.replies
        folder = self._folder(path)
        write_report(evaluation, folder)
        write_batches(folder, questions, run.retrievals, K)
        return Outcome(evaluation, folder, list(questions), run.retrievals, time.perf_counter() - started)

    def _folder(self, path: Path) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = self.home / f"{stamp}-{path.stem[:40]}"
        n = 1
        while folder.exists():
            n += 1
            folder = self.home / f"{stamp}-{path.stem[:40]}-{n}"
        return folder

    def load(self, folder: str | Path) -> dict[str, Any]:
        """The results.json of a kept run; only folders of this home are read."""
        path = Path(folder).resolve()
        if path.parent != self.home.resolve() or not (path / "results.json").is_file():
            raise RunProblem(TEXT["no_runs"])
        return json.loads((path / "results.json").read_text(encoding="utf-8"))

    def kept_runs(self) -> list[tuple[str, str]]:
        """(label, folder) of the runs kept, newest first."""
        runs = []
        for folder in sorted(self.home.glob("*/results.json"), reverse=True):
            try:
                data = json.loads(folder.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                continue
            label = f"{folder.parent.name} · {', '.join(data['configs'])}"
            runs.append((label, str(folder.parent)))
        return runs


def load_set(path: str | Path | None, max_lines: int = MAX_LINES, max_megabytes: int = MAX_MEGABYTES):
    """The questions of an uploaded file, within the limits; a RunProblem naming the first bad line."""
    from evaluation.question_tables import read_question_file
    from evaluation.questions import FormatError

    if not path:
        raise RunProblem(TEXT["no_file"])
    path = Path(str(path))
    if path.stat().st_size > max_megabytes * 1024 * 1024:
        raise RunProblem(TEXT["too_big"].format(mb=max_megabytes))
    with path.open("rb") as data:
        lines = sum(1 for _ in data)
    if lines > max_lines + 1:  # a table's header line is not a question
        raise RunProblem(TEXT["too_long"].format(lines=max_lines, n=lines))
    try:
        questions = read_question_file(path)
    except FormatError as err:
        raise RunProblem(TEXT["bad_file"].format(error=err)) from None
    if len(questions) > max_lines:
        raise RunProblem(TEXT["too_long"].format(lines=max_lines, n=len(questions)))
    return questions


def write_batches(folder: Path, questions, retrievals: dict[str, list], k: int) -> list[Path]:
    """batch-<config>.jsonl: each configuration's top k as `python -m assistant retrieve` prints them."""
    from assistant.search.hits import hit_json

    paths = []
    for name, found in retrievals.items():
        path = folder / f"batch-{name}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for question, retrieval in zip(questions, found, strict=True):
                hits = sorted(retrieval.hits, key=lambda h: h.rank)[:k]
                line = {
                    "id": question.id,
                    "answerable": retrieval.answerable,
                    "results": [hit_json(h) for h in hits],
                }
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def _quiet(message: str) -> None:
    """Progress lines of a run from the page go to the page, not the server log."""
