"""The Evaluate tab (评测): the hit test (open to all), a whole question set run (guarded, see
evaluate_runs), two kept runs side by side; and the `/evaluate` API endpoint, which returns the
results.json document that `python -m evaluation run` writes."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.web import evaluate_render as er
from assistant.web.evaluate_runs import (
    CONFIGS,
    MAX_LINES,
    MAX_MEGABYTES,
    Cancelled,
    Evaluator,
    RunProblem,
)
from assistant.web.hit_test_view import MODES, hit_test
from assistant.web.labels import EVALUATE_TEXT as TEXT

PROGRESS = gr.Progress()
FILE_TYPES = [".jsonl", ".json", ".csv", ".xlsx"]
RUNS = {"concurrency_id": "evaluate", "concurrency_limit": 1}  # one whole-set run at a time, the rest queued


@dataclass
class EvaluateTab:
    """Handles on the Evaluate tab's components."""

    question: gr.Textbox
    evidence: gr.Textbox
    mode: gr.Radio
    test: gr.Button
    hit_result: gr.HTML
    token: gr.Textbox
    file: gr.File
    configs: gr.CheckboxGroup
    replies: gr.Checkbox
    run: gr.Button
    cancel: gr.Button
    status: gr.HTML
    summary: gr.Markdown
    breakdown: gr.Markdown
    chart: gr.Image
    misses: gr.HTML
    downloads: gr.File
    earlier: gr.Dropdown
    later: gr.Dropdown
    compare: gr.Button
    comparison: gr.HTML
    compare_tab: gr.Tab  # opening it lists the runs kept so far
    api_file: gr.File  # hidden: the /evaluate endpoint's inputs and output
    api_configs: gr.Textbox
    api_replies: gr.Checkbox
    api_token: gr.Textbox
    api_result: gr.JSON
    api_go: gr.Button


def build_tab(evaluator: Evaluator) -> EvaluateTab:
    """Create the tab's components inside the current Tab."""
    with gr.Tabs(elem_id="pa-eval-tabs"):
        with gr.Tab(TEXT["hit_tab"], id="hit-test"):
            gr.HTML(f'<div class="pa-targets-intro">{html.escape(TEXT["hit_intro"])}</div>')
            with gr.Row(equal_height=True):
                question = gr.Textbox(label=TEXT["question"], max_lines=3, scale=5, elem_id="pa-hit-question")
                mode = gr.Radio(
                    list(MODES), value="hybrid", label=TEXT["mode"], scale=2, elem_id="pa-hit-mode"
                )
            evidence = gr.Textbox(label=TEXT["evidence"], max_lines=3, elem_id="pa-hit-evidence")
            test = gr.Button(TEXT["test"], variant="primary", elem_id="pa-hit-go")
            hit_result = gr.HTML(elem_id="pa-hit-result")
        with gr.Tab(TEXT["run_tab"], id="run-set"):
            intro = TEXT["run_intro"].format(lines=MAX_LINES, mb=MAX_MEGABYTES)
            guard = "" if evaluator.open_to_all else TEXT["locked"] if evaluator.enabled else TEXT["off"]
            gr.HTML(f'<div class="pa-targets-intro">{html.escape(intro)}<br>{html.escape(guard)}</div>')
            token = gr.Textbox(
                label=TEXT["token"],
                type="password",
                max_lines=1,
                visible=not evaluator.open_to_all and evaluator.enabled,
                elem_id="pa-eval-token",
            )
            file = gr.File(label=TEXT["file"], file_types=FILE_TYPES, elem_id="pa-eval-file")
            with gr.Row(equal_height=True):
                configs = gr.CheckboxGroup(
                    list(CONFIGS),
                    value=list(CONFIGS),
                    label=TEXT["configs"],
                    scale=3,
                    elem_id="pa-eval-configs",
                )
                replies = gr.Checkbox(True, label=TEXT["replies"], scale=2, elem_id="pa-eval-replies")
            with gr.Row():
                run = gr.Button(
                    TEXT["run"], variant="primary", elem_id="pa-eval-run", interactive=evaluator.enabled
                )
                cancel = gr.Button(TEXT["cancel"], variant="stop", elem_id="pa-eval-cancel")
            status = gr.HTML(elem_id="pa-eval-status")
            summary = gr.Markdown(elem_id="pa-eval-summary")
            breakdown = gr.Markdown(elem_id="pa-eval-breakdown")
            chart = gr.Image(
                label=TEXT["chart"], visible=False, elem_id="pa-eval-chart", buttons=[], height=520
            )
            misses = gr.HTML(elem_id="pa-eval-misses")
            downloads = gr.File(
                label=TEXT["downloads"], file_count="multiple", visible=False, elem_id="pa-eval-downloads"
            )
        with gr.Tab(TEXT["compare_tab"], id="compare") as compare_tab:
            runs = evaluator.kept_runs()
            with gr.Row(equal_height=True):
                earlier = gr.Dropdown(
                    runs,
                    value=runs[1][1] if len(runs) > 1 else None,
                    label=TEXT["earlier"],
                    elem_id="pa-eval-earlier",
                )
                later = gr.Dropdown(
                    runs, value=runs[0][1] if runs else None, label=TEXT["later"], elem_id="pa-eval-later"
                )
            compare = gr.Button(TEXT["compare"], elem_id="pa-eval-compare")
            comparison = gr.HTML(elem_id="pa-eval-comparison")
    with gr.Column(visible=False):
        api_file = gr.File(file_types=FILE_TYPES)
        api_configs = gr.Textbox(",".join(CONFIGS))
        api_replies = gr.Checkbox(True)
        api_token = gr.Textbox("")
        api_result = gr.JSON()
        api_go = gr.Button()
    return EvaluateTab(
        question, evidence, mode, test, hit_result, token, file, configs, replies, run, cancel, status,
        summary, breakdown, chart, misses, downloads, earlier, later, compare, comparison, compare_tab,
        api_file, api_configs, api_replies, api_token, api_result, api_go,
    )  # fmt: skip


def wire_tab(tab: EvaluateTab, evaluator: Evaluator, retriever, ui_options: dict, model: dict) -> None:
    """The hit test (in the model's queue), runs (one at a time), cancel (at once), compare, the API."""

    def test(question: str, evidence: str, mode: str) -> str:
        return hit_test(retriever, question, evidence, mode)

    tab.test.click(test, [tab.question, tab.evidence, tab.mode], tab.hit_result, **ui_options, **model)
    tab.question.submit(test, [tab.question, tab.evidence, tab.mode], tab.hit_result, **ui_options, **model)

    def run(token: str, path: str | None, names: list[str], replies: bool, progress=PROGRESS) -> tuple:
        def report(stage: str, done: int, total: int, left: float) -> None:
            text = TEXT["progress"].format(stage=stage, done=done, total=total, left=_duration(left))
            progress((done, total), desc=text)

        progress(0, desc=TEXT["run"])
        try:
            outcome = evaluator.run(path, names or [], bool(replies), token, report)
        except (RunProblem, Cancelled) as problem:
            kind = "ok" if isinstance(problem, Cancelled) else "error"
            return (
                er.message_html(str(problem), kind),
                "",
                "",
                gr.Image(visible=False),
                "",
                gr.File(visible=False),
                *_runs_update(evaluator),
            )
        evaluation = outcome.evaluation
        questions = outcome.questions
        done = TEXT["done"].format(n=len(questions), seconds=outcome.seconds, folder=outcome.folder)
        return (
            er.message_html(done),
            er.summary_markdown(evaluation),
            er.breakdown_markdown(evaluation),
            gr.Image(str(outcome.folder / "hitk.png"), visible=True),
            er.misses_html(evaluation, questions, outcome.retrievals),
            gr.File([str(p) for p in outcome.files], visible=True),
            *_runs_update(evaluator),
        )

    outputs = [
        tab.status,
        tab.summary,
        tab.breakdown,
        tab.chart,
        tab.misses,
        tab.downloads,
        tab.earlier,
        tab.later,
    ]
    tab.run.click(run, [tab.token, tab.file, tab.configs, tab.replies], outputs, **ui_options, **RUNS)
    tab.cancel.click(
        lambda token: er.message_html(evaluator.cancel(token)),
        [tab.token],
        tab.status,
        **ui_options,
        queue=False,
    )

    def compare(earlier: str | None, later: str | None) -> str:
        from evaluation.compare import compare_runs

        try:
            earlier, later = _chosen_runs(evaluator, earlier, later)
            before, after = evaluator.load(earlier), evaluator.load(later)
        except RunProblem as problem:
            return er.message_html(str(problem), "error")
        return er.compare_html(compare_runs(before, after), after)

    tab.compare.click(compare, [tab.earlier, tab.later], tab.comparison, **ui_options)
    tab.compare_tab.select(lambda: _runs_listed(evaluator), None, [tab.earlier, tab.later], **ui_options)

    def evaluate(
        questions: str | None, configs: str = ",".join(CONFIGS), replies: bool = True, token: str = ""
    ) -> dict:
        """Run a question set (JSONL, CSV or XLSX) with the named configurations (comma-separated: hybrid,
        dense, keyword, naive-bm25) and, with `replies`, reply-hit; returns the results.json document of
        `python -m evaluation run`. Needs the app started with --evaluate, or the staff `token`."""
        names = [n.strip() for n in (configs or "").split(",") if n.strip()]
        unknown = [n for n in names if n not in CONFIGS]
        if unknown:
            raise gr.Error(f"unknown configuration {', '.join(unknown)}; choose from {', '.join(CONFIGS)}")
        try:
            return evaluator.run(questions, names or CONFIGS, bool(replies), token).evaluation
        except (RunProblem, Cancelled) as problem:
            raise gr.Error(str(problem)) from None

    tab.api_go.click(
        evaluate,
        [tab.api_file, tab.api_configs, tab.api_replies, tab.api_token],
        tab.api_result,
        api_name="evaluate",
        api_visibility="public",
        **RUNS,
    )


def _runs_update(evaluator: Evaluator) -> tuple[Any, Any]:
    runs = evaluator.kept_runs()
    return (
        gr.Dropdown(choices=runs, value=runs[1][1] if len(runs) > 1 else None),
        gr.Dropdown(choices=runs, value=runs[0][1] if runs else None),
    )


def _runs_listed(evaluator: Evaluator) -> tuple[Any, Any]:
    """The kept runs as choices, the choices made left as they are."""
    runs = evaluator.kept_runs()
    return gr.Dropdown(choices=runs), gr.Dropdown(choices=runs)


def _chosen_runs(evaluator: Evaluator, earlier: str | None, later: str | None) -> tuple[str, str]:
    """The runs to compare: those chosen, else the newest and the one before it."""
    runs = [folder for _, folder in evaluator.kept_runs()]
    later = later or (runs[0] if runs else "")
    after_later = runs[runs.index(later) + 1 :] if later in runs else runs[1:]
    return earlier or (after_later[0] if after_later else ""), later


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60} min {seconds % 60} s" if seconds >= 60 else f"{seconds} s"
