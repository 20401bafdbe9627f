"""The Gradio app: the chat with cited answers, the Documents and Targets views, and the `chat` / `search` API."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.chat.feedback import DEFAULT_FEEDBACK_FILE, add_comment, feedback_record, record_vote
from assistant.config import citation_count
from assistant.indexing.index_store import load_measures, load_targets
from assistant.knowledge.standing import Timeline
from assistant.knowledge.target_table import lead_departments
from assistant.knowledge.versions import document_window
from assistant.records import Measure, Target
from assistant.search.query import prepare_question
from assistant.web import (
    admin_view,
    evaluate_view,
    finder_view,
    keeping,
    measures_view,
    render,
    targets_view,
)
from assistant.web import documents_view as dv
from assistant.web.admin_settings import AdminSettings
from assistant.web.evaluate_runs import Evaluator
from assistant.web.export import answer_text, exchange_record
from assistant.web.labels import COMMENT_THANKS, PAGE_TITLE, VOTE_THANKS
from assistant.web.layout import I18N, Layout, build_layout
from assistant.web.live import live
from assistant.web.session import EMPTY_MESSAGE, ask, chat_result, search_result
from assistant.web.time_view import as_of_or_none, date_status_html, label_documents, standing_window

STATIC = Path(__file__).with_name("static")
FONTS = [
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "system-ui",
    "sans-serif",
]
MONO = ["ui-monospace", "SFMono-Regular", "Menlo", "monospace"]
UI = {"api_visibility": "private"}  # interface events stay out of the API: only `chat` and `search` are in it
FAST = {**UI, "queue": False}
# Every event that runs the model joins one queue group served one call at a time: torch already
# uses every core inside a call, so the model never runs on more threads than the machine has.
MODEL = {"concurrency_id": "model", "concurrency_limit": 1}


def build_app(
    retriever,
    feedback_path: Path | str = DEFAULT_FEEDBACK_FILE,
    targets: Sequence[Target] | None = None,
    admin: AdminSettings | None = None,
    evaluate: bool = False,
    measures: Sequence[Measure] | None = None,
) -> gr.Blocks:
    """The whole interface for one retriever; 👍/👎 votes are appended to `feedback_path`. The Targets tab
    shows `targets`, by default those stored with the retriever's index. With `admin` (an admin token
    was given), staff can add documents from the page. The Measures tab shows `measures`, by default those
    stored with the index. The Evaluate tab's hit test is open to all; whole question sets run with
    `evaluate` (--evaluate) or the admin token."""
    retriever = live(retriever)
    targets = list(load_targets(retriever.index) if targets is None else targets)
    if measures is None:  # those stored with the index; a retriever without one (a test's fake) has none
        measures = load_measures(retriever.index) if hasattr(retriever, "index") else []

    def documents() -> dict:
        return retriever.derived("documents", lambda r: {d.doc_id: d for d in r.documents})

    def show_document(doc_id: str | None, clause_id: str = "") -> tuple[str, str]:
        document = documents().get(doc_id or "")
        if document is None:
            return "", ""
        outline = dv.outline_html(document, retriever.clauses, target=clause_id)
        standing = on_day.get(document.doc_id)
        window = standing_window(standing, windows.get(document.doc_id, "")) if standing else ""
        badge = date_status_html(standing.issued, standing.status, window) if standing else ""
        text = dv.header_html(document) + badge + dv.text_html(document, retriever.clauses, target=clause_id)
        return outline, text

    timeline = Timeline.of(retriever.documents)
    on_day = timeline.on(None)  # today's status of each document
    windows = {doc_id: document_window(facts) for doc_id, facts in timeline.facts.items()}
    choices = label_documents(dv.document_choices(retriever.documents), on_day, windows)
    with gr.Blocks(title=PAGE_TITLE, analytics_enabled=False) as demo:
        first = show_document(choices[0][1] if choices else None)
        leads = lead_departments(retriever.clauses)
        evaluator = Evaluator(retriever, open_to_all=evaluate, admin=admin)
        ui = build_layout(
            list(retriever.cities),
            choices,
            first,
            targets,
            leads,
            admin=admin is not None,
            evaluator=evaluator,
            measures=measures,
        )
        _wire_chat(ui, retriever, feedback_path)
        targets_view.wire_tab(ui.targets, targets, leads, **FAST)
        if ui.measures is not None:
            measures_view.wire_tab(ui.measures, measures, **FAST)
        if ui.finder is not None:
            finder_view.wire_finder(
                ui.finder,
                retriever,
                lambda: retriever.derived("headers", lambda r: dv.table_headers(r.documents)),
                **UI,
                **MODEL,
            )
        _wire_documents(demo, ui, documents, show_document)
        keeping.wire_restore(demo, ui, retriever.cities, **FAST)
        _register_api(retriever)
        if admin is not None:
            admin_view.wire_tab(ui, admin, retriever, **UI)
        evaluate_view.wire_tab(ui.evaluate, evaluator, retriever, UI, MODEL)
    demo.queue(default_concurrency_limit=1)
    return demo


def _wire_chat(ui: Layout, retriever, feedback_path: Path | str) -> None:
    """Asking (Enter, Send, an example), clearing, and voting on answers."""

    def headers() -> dict:
        return retriever.derived("headers", lambda r: dv.table_headers(r.documents))

    def take_question(text: str, messages: list) -> tuple[str, list, str]:
        shown, _ = prepare_question(text)  # an over-long question is shown cut, as it is answered
        if not shown:
            return "", [*messages, {"role": "assistant", "content": render.message_html(EMPTY_MESSAGE)}], ""
        return "", [*messages, {"role": "user", "content": render.question_html(shown)}], text

    def respond(
        text: str,
        messages: list,
        past: list,
        voted: dict,
        kept: list,
        places: list,
        docs: list,
        count: float,
        in_force: bool = False,
        as_of: str = "",
    ):
        when = (as_of_or_none(as_of), bool(in_force))
        exchange = ask(retriever, text, past, places or (), docs or (), int(count), *when) if text else None
        if exchange is None:
            return messages, past, voted, kept
        record = exchange_record(exchange.turn.question, exchange.answer)
        html = render.answer_html(
            exchange.answer, exchange.lang, exchange.understood_as, answer_text(record), headers()
        )
        messages = [*messages, {"role": "assistant", "content": html}]
        voted = {**voted, len(messages) - 1: (text, exchange.answer)}
        return messages, [*past, exchange.turn], voted, [*kept, record]

    take = {
        "fn": take_question,
        "inputs": [ui.question, ui.chatbot],
        "outputs": [ui.question, ui.chatbot, ui.pending],
    }
    asked = [ui.question.submit(**take, **FAST), ui.send.click(**take, **FAST)]
    for button, text in ui.examples:
        asked.append(button.click(_constant(text), None, ui.question, **FAST).then(**take, **FAST))
    reveal = _script("reveal.js")
    for event in asked:
        event.then(None, js=reveal, **FAST).then(
            respond,
            [
                ui.pending,
                ui.chatbot,
                ui.turns,
                ui.answers,
                ui.records,
                ui.cities,
                ui.doc_filter,
                ui.k,
                ui.in_force,
                ui.as_of,
            ],
            [ui.chatbot, ui.turns, ui.answers, ui.records],
            **UI,
            **MODEL,
        ).then(None, js=reveal, **FAST).then(**keeping.save(ui), **UI)
    for cleared in (ui.clear.click, ui.chatbot.clear):
        cleared(
            lambda: ([], [], {}, [], "", gr.Column(visible=False)),
            None,
            [ui.chatbot, ui.turns, ui.answers, ui.records, ui.question, ui.comment_row],
            **UI,
        ).then(**keeping.save(ui), **UI)

    def vote(data: gr.LikeData, voted: dict, request: gr.Request) -> tuple[Any, Any, str]:
        entry = voted.get(data.index) if isinstance(data.index, int) else None
        if entry is None or data.liked not in (True, False):
            return gr.update(), gr.update(), ""
        question, answer = entry
        key = f"{getattr(request, 'session_hash', '') or 'anonymous'}:{data.index}"
        direction = "up" if data.liked else "down"
        record_vote(feedback_path, feedback_record(answer, direction, question=question, key=key))
        return gr.Column(visible=True), render.status_html(VOTE_THANKS), key

    def comment(text: str, key: str) -> tuple[Any, str]:
        if text.strip() and key and add_comment(feedback_path, key, text):
            return render.status_html(COMMENT_THANKS), ""
        return gr.update(), text

    ui.chatbot.like(vote, [ui.answers], [ui.comment_row, ui.vote_status, ui.voted_key], **UI)
    for event in (ui.send_comment.click, ui.comment.submit):
        event(comment, [ui.comment, ui.voted_key], [ui.vote_status, ui.comment], **UI)


def _wire_documents(demo: gr.Blocks, ui: Layout, documents: Callable[[], dict], show_document) -> None:
    """Choosing a document, and landing on a clause from a citation link or a page address (?doc=&clause=)."""

    def open_clause(target: str) -> tuple[Any, ...]:
        try:
            wanted = json.loads(target or "{}")
        except json.JSONDecodeError:
            wanted = {}
        doc_id, clause_id = str(wanted.get("doc") or ""), str(wanted.get("clause") or "")
        if doc_id not in documents():
            return gr.update(), gr.update(), gr.update(), gr.update(), ""
        outline, text = show_document(doc_id, clause_id)
        return (
            gr.Tabs(selected="documents"),
            doc_id,
            outline,
            text,
            dv.anchor_id(clause_id) if clause_id else "",
        )

    def open_from_address(request: gr.Request) -> tuple[Any, ...]:
        params = dict(request.query_params) if request else {}
        return open_clause(json.dumps({"doc": params.get("doc"), "clause": params.get("clause")}))

    shown = [ui.tabs, ui.doc_select, ui.outline, ui.doc_text, ui.scroll_to]
    scroll = _script("scroll.js")
    ui.nav_go.click(open_clause, [ui.nav], shown, js="(value) => window.__paNavigate || value", **UI).then(
        None, [ui.scroll_to], None, js=scroll, **UI
    )
    demo.load(open_from_address, None, shown, **UI).then(None, [ui.scroll_to], None, js=scroll, **UI)
    ui.doc_select.input(show_document, [ui.doc_select], [ui.outline, ui.doc_text], **UI)


def _register_api(retriever) -> None:
    """The named endpoints for gradio_client: /chat and /search, and the same with the time filters,
    /chat_as_of and /search_as_of (separate, so callers of the first two keep their arguments)."""

    def chat_as_of(
        question: str,
        history: list[str] | None = None,
        cities: list[str] | None = None,
        documents: list[str] | None = None,
        k: int = 5,
        as_of: str = "",
        in_force: bool = False,
    ) -> dict:
        """Answer a question; `history` holds the conversation's earlier questions, oldest first; `as_of`
        (YYYY-MM-DD, empty for today) is the day statuses are judged on, `in_force` keeps only documents in force."""
        day = as_of_or_none(as_of)
        return chat_result(
            retriever, question, history or (), cities or (), documents or (), k, day, in_force
        )

    def search_as_of(
        question: str,
        k: int = 5,
        cities: list[str] | None = None,
        documents: list[str] | None = None,
        as_of: str = "",
        in_force: bool = False,
    ) -> dict:
        """The ranked clauses for a question, with the judgement whether they answer it, each with its
        document's issue date and status as of `as_of` (default today); `in_force`: only documents in force."""
        k = citation_count(k)
        filters = {"cities": tuple(cities or ()), "doc_ids": tuple(documents or ())}
        when = {"as_of": as_of_or_none(as_of), "in_force": bool(in_force)}
        return search_result(retriever.search(question, k=k, **filters, **when))

    def chat(
        question: str,
        history: list[str] | None = None,
        cities: list[str] | None = None,
        documents: list[str] | None = None,
        k: int = 5,
    ) -> dict:
        """Answer a question; `history` holds the conversation's earlier questions, oldest first."""
        return chat_as_of(question, history, cities, documents, k)

    def search(
        question: str, k: int = 5, cities: list[str] | None = None, documents: list[str] | None = None
    ) -> dict:
        """The ranked clauses for a question, with the judgement whether they answer it."""
        return search_as_of(question, k, cities, documents)

    gr.api(chat, api_name="chat", **MODEL)
    gr.api(search, api_name="search", **MODEL)
    gr.api(chat_as_of, api_name="chat_as_of", **MODEL)
    gr.api(search_as_of, api_name="search_as_of", **MODEL)


def _constant(value: str):
    return lambda: value


def _script(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def launch(
    demo: gr.Blocks,
    host: str = "127.0.0.1",
    port: int | None = None,
    share: bool = False,
    block: bool = True,
    max_file_size: str | None = None,
) -> str:
    """Serve the app with the product's theme, style and page script; returns its local address."""
    theme = gr.themes.Soft(primary_hue="blue", neutral_hue="slate", font=FONTS, font_mono=MONO)
    _, local_url, _ = demo.launch(
        server_name=host,
        server_port=port,
        share=share,
        theme=theme,
        i18n=I18N,
        css=_script("style.css") + _script("evaluate.css"),
        js=_script("client.js"),
        footer_links=["api", "settings"],
        ssr_mode=False,
        mcp_server=False,
        show_error=True,
        prevent_thread_lock=not block,
        max_file_size=max_file_size,
        quiet=not block,
    )
    return local_url
