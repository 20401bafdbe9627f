"""The components of the interface and where they sit: header, chat tab, Documents, Targets and Measures tabs,
helpers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import gradio as gr

from assistant.config import DEFAULT_CITATIONS, MAX_CITATIONS, MIN_CITATIONS
from assistant.knowledge.target_table import Leads
from assistant.records import Measure, Target
from assistant.web import admin_view, evaluate_view, finder_view, measures_view, targets_view
from assistant.web.labels import HEADER, TRANSLATIONS, WELCOME, example_questions

I18N = gr.I18n(**TRANSLATIONS)
KEPT_KEY = "policy-assistant-conversation"


@dataclass
class Layout:
    """Handles on the components that events read and write."""

    tabs: gr.Tabs
    chatbot: gr.Chatbot
    question: gr.Textbox
    send: gr.Button
    clear: gr.Button
    cities: gr.Dropdown
    doc_filter: gr.Dropdown
    k: gr.Slider
    in_force: gr.Checkbox  # only documents in force on the day below (issue 13)
    as_of: gr.Textbox  # the day statuses are judged on, empty for today
    examples: list[tuple[gr.Button, str]]
    doc_select: gr.Dropdown
    outline: gr.HTML
    doc_text: gr.HTML
    nav: gr.Textbox  # hidden: where a citation link asks the Documents view to go
    nav_go: gr.Button  # hidden: clicked by the page script after a citation link
    scroll_to: gr.Textbox  # hidden: the anchor the Documents view scrolls to
    turns: gr.State  # the conversation's Turns, for follow-ups
    answers: gr.State  # chat message index → (question as asked, Answer), for feedback
    pending: gr.State  # the question being answered
    records: gr.State  # each exchange as plain data (export.exchange_record), for export and keeping
    kept: gr.BrowserState  # the conversation kept in the browser's storage across reloads
    export: gr.DownloadButton
    comment_row: gr.Column  # shown after a vote: an optional comment on it
    vote_status: gr.HTML
    comment: gr.Textbox
    send_comment: gr.Button
    voted_key: gr.State  # the key of the last vote, for its comment
    targets: targets_view.TargetsTab
    admin: admin_view.AdminTab | None = None  # only when an admin token was given
    evaluate: evaluate_view.EvaluateTab | None = None  # the Evaluate tab (issue 20)
    measures: measures_view.MeasuresTab | None = None
    finder: finder_view.FinderForm | None = None  # the Measures tab's finder form (issue 19)


def build_layout(
    places: list[str],
    choices: list[tuple[str, str]],
    first_document: tuple[str, str],
    targets: Sequence[Target] = (),
    leads: Leads | None = None,
    admin: bool = False,
    evaluator=None,
    measures: Sequence[Measure] = (),
) -> Layout:
    """Create the components inside the current Blocks; `first_document` is its (outline, text) HTML."""
    gr.HTML(HEADER)
    with gr.Tabs(selected="chat") as tabs:
        with gr.Tab(I18N("tab_chat"), id="chat"):
            with gr.Row(equal_height=False):
                with gr.Column(scale=7):
                    chatbot, question, send = _chat()
                    comment_row, vote_status, comment, send_comment = _comment()
                with gr.Column(scale=3, elem_id="pa-sidebar"):
                    with gr.Accordion(I18N("filters"), open=True):
                        cities = gr.Dropdown(
                            places, multiselect=True, label=I18N("cities"), elem_id="pa-cities"
                        )
                        doc_filter = gr.Dropdown(
                            choices, multiselect=True, label=I18N("documents"), elem_id="pa-doc-filter"
                        )
                        k = gr.Slider(
                            MIN_CITATIONS,
                            MAX_CITATIONS,
                            value=DEFAULT_CITATIONS,
                            step=1,
                            label=I18N("citations"),
                            elem_id="pa-k",
                        )
                        in_force = gr.Checkbox(False, label=I18N("in_force_only"), elem_id="pa-in-force")
                        as_of = gr.Textbox("", label=I18N("as_of"), max_lines=1, elem_id="pa-as-of")
                    clear = gr.Button(I18N("clear"), variant="secondary", size="sm", elem_id="pa-clear")
                    export = gr.DownloadButton(
                        I18N("export"), value=None, variant="secondary", size="sm", elem_id="pa-export"
                    )
                    examples = _examples(places)
        with gr.Tab(I18N("tab_documents"), id="documents"):
            doc_select = gr.Dropdown(
                choices,
                value=choices[0][1] if choices else None,
                label=I18N("document"),
                elem_id="pa-doc-select",
            )
            with gr.Row(equal_height=False):
                with gr.Column(scale=1, min_width=220, elem_id="pa-outline-panel"):
                    outline = gr.HTML(first_document[0], elem_id="pa-outline")
                with gr.Column(scale=3, elem_id="pa-text-panel"):
                    doc_text = gr.HTML(first_document[1], elem_id="pa-doc-text")
        with gr.Tab(I18N("tab_targets"), id="targets"):
            targets_tab = targets_view.build_tab(targets, leads)
        with gr.Tab(I18N("tab_measures"), id="measures"):
            finder = finder_view.build_finder(places)
            measures_tab = measures_view.build_tab(measures)
        evaluate_tab = None
        if evaluator is not None:
            with gr.Tab(I18N("tab_evaluate"), id="evaluate"):
                evaluate_tab = evaluate_view.build_tab(evaluator)
        admin_tab = None
        if admin:
            with gr.Tab(I18N("tab_admin"), id="admin"):
                admin_tab = admin_view.build_tab()
    return Layout(
        tabs=tabs,
        chatbot=chatbot,
        question=question,
        send=send,
        clear=clear,
        cities=cities,
        doc_filter=doc_filter,
        k=k,
        in_force=in_force,
        as_of=as_of,
        examples=examples,
        doc_select=doc_select,
        outline=outline,
        doc_text=doc_text,
        nav=gr.Textbox(visible="hidden", elem_id="pa-nav"),
        nav_go=gr.Button(visible="hidden", elem_id="pa-nav-go"),
        scroll_to=gr.Textbox(visible="hidden", elem_id="pa-scroll-to"),
        turns=gr.State([]),
        answers=gr.State({}),
        pending=gr.State(""),
        records=gr.State([]),
        kept=gr.BrowserState({}, storage_key=KEPT_KEY),
        export=export,
        comment_row=comment_row,
        vote_status=vote_status,
        comment=comment,
        send_comment=send_comment,
        voted_key=gr.State(""),
        targets=targets_tab,
        admin=admin_tab,
        evaluate=evaluate_tab,
        measures=measures_tab,
        finder=finder,
    )


def _chat() -> tuple[gr.Chatbot, gr.Textbox, gr.Button]:
    chatbot = gr.Chatbot(
        label=I18N("chat"),
        show_label=False,
        elem_id="pa-chatbot",
        height="68vh",
        placeholder=WELCOME,
        latex_delimiters=[],
        autoscroll=False,
        buttons=[],
        feedback_options=("Like", "Dislike"),
        group_consecutive_messages=False,
    )
    with gr.Row(equal_height=True):
        question = gr.Textbox(
            show_label=False,
            placeholder=I18N("placeholder"),
            elem_id="pa-question",
            scale=8,
            max_lines=6,
            autofocus=True,
        )
        send = gr.Button(I18N("send"), variant="primary", scale=1, elem_id="pa-send")
    return chatbot, question, send


def _comment() -> tuple[gr.Column, gr.HTML, gr.Textbox, gr.Button]:
    """An optional comment on the answer just voted on (hidden until a vote)."""
    with gr.Column(visible=False, elem_id="pa-comment-row") as row:
        status = gr.HTML(elem_id="pa-vote-status")
        with gr.Row(equal_height=True):
            comment = gr.Textbox(
                label=I18N("comment"),
                placeholder=I18N("comment_placeholder"),
                max_lines=4,
                scale=8,
                elem_id="pa-comment",
            )
            send = gr.Button(I18N("send_comment"), variant="secondary", scale=1, elem_id="pa-send-comment")
    return row, status, comment, send


def _examples(places: list[str]) -> list[tuple[gr.Button, str]]:
    """Example questions grouped by kind of user; a click asks the question."""
    buttons = []
    with gr.Accordion(I18N("examples"), open=True):
        for kind, texts in example_questions(places).items():
            gr.Markdown(f"**{TRANSLATIONS['zh'][kind]} · {TRANSLATIONS['en'][kind]}**")
            for text in texts:
                button = gr.Button(text, size="sm", variant="secondary", elem_classes="pa-example")
                buttons.append((button, text))
    return buttons
