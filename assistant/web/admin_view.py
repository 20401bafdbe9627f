"""Staff add documents from the page: an opt-in tab, present only when an admin token was given at start
(`--admin-token` or $POLICY_ASSISTANT_ADMIN_TOKEN), and refusing any request without that token.

Files go through the same path as `python -m assistant add` (`ingest.add_documents`): .txt/.md/.pdf/.docx
up to a size limit, unreadable files named, only changed text embedded again, and the new index switched
to atomically, so a failed upload leaves the old index serving. The app then serves the new index.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from assistant.web import documents_view as dv
from assistant.web.admin_settings import MAX_MEGABYTES, AdminSettings, token_ok
from assistant.web.labels import ADMIN_TEXT as TEXT
from assistant.web.startup import ProgressEncoder

log = logging.getLogger(__name__)
PROGRESS = gr.Progress()  # Gradio fills in a progress tracker for a parameter with this default
SUFFIXES = (".txt", ".md", ".pdf", ".docx")


@dataclass
class AdminTab:
    """Handles on the Add documents tab's components."""

    token: gr.Textbox
    files: gr.File
    add: gr.Button
    result: gr.HTML


def build_tab(max_megabytes: int = MAX_MEGABYTES) -> AdminTab:
    """Create the tab's components inside the current Tab."""
    gr.HTML(f'<div class="pa-targets-intro">{html.escape(TEXT["intro"].format(mb=max_megabytes))}</div>')
    token = gr.Textbox(label=TEXT["token"], type="password", max_lines=1, elem_id="pa-admin-token")
    files = gr.File(
        label=TEXT["files"], file_count="multiple", file_types=list(SUFFIXES), elem_id="pa-admin-files"
    )
    add = gr.Button(TEXT["add"], variant="primary", elem_id="pa-admin-add")
    result = gr.HTML(elem_id="pa-admin-result")
    return AdminTab(token, files, add, result)


def checked_files(paths: Sequence[str | Path], max_megabytes: int) -> tuple[list[Path], list[str]]:
    """Files of a supported type within the size limit, and one line for each other file."""
    kept, problems = [], []
    for path in map(Path, paths):
        if path.suffix.lower() not in SUFFIXES:
            problems.append(TEXT["bad_type"].format(name=path.name))
        elif path.stat().st_size > max_megabytes * 1024 * 1024:
            problems.append(TEXT["too_big"].format(name=path.name, mb=max_megabytes))
        else:
            kept.append(path)
    return kept, problems


def add_files(settings: AdminSettings, live, paths: Sequence[str | Path], report_progress=None) -> str:
    """Add files to the index's corpus and swap the app to the rebuilt index; the result as HTML."""
    from assistant.errors import AssistantError
    from assistant.indexing.ingest import add_documents
    from assistant.search.retriever import Retriever

    files, problems = checked_files(paths, settings.max_megabytes)
    added: list[str] = []
    error = ""
    if files:

        def embedded(done: int, total: int) -> None:
            if report_progress:
                report_progress((done, total), desc=TEXT["embedding"])

        encoder = ProgressEncoder(live.encoder, embedded)
        try:
            report = add_documents(files, settings.index_dir, corpus=settings.corpus, encoder=encoder)
        except Exception as exc:  # noqa: BLE001 (any failure: the old index is untouched and keeps serving)
            error = str(exc) if isinstance(exc, AssistantError | OSError | ValueError) else type(exc).__name__
            log.exception("adding %s failed", [f.name for f in files])
        else:
            problems += report.problems
            added = [f"{c.file} ({c.action})" for c in report.changes]
            if report.build is not None:
                live.swap(Retriever.load(settings.index_dir, encoder=live.encoder))
                log.info("serving the rebuilt index %s", report.build)
    return _result_html(added, problems, error, len(live.documents))


def wire_tab(ui, settings: AdminSettings, live, **options) -> None:
    """Adding files (with the token checked first) refreshes the document and place choices."""

    def add(token: str, paths: list | None, progress=PROGRESS) -> tuple:
        if not token_ok(settings, token):
            log.warning("refused an upload without the right admin token")
            return _message(TEXT["refused"], "error"), gr.update(), gr.update(), gr.update(), gr.update()
        if not paths:
            return _message(TEXT["no_files"], "error"), gr.update(), gr.update(), gr.update(), gr.update()
        progress(0, desc=TEXT["reading"])
        page = add_files(settings, live, [str(p) for p in paths], progress)
        choices = dv.document_choices(live.documents)
        return (
            page,
            None,
            gr.Dropdown(choices=choices),
            gr.Dropdown(choices=choices),
            gr.Dropdown(choices=list(live.cities)),
        )

    ui.admin.add.click(
        add,
        [ui.admin.token, ui.admin.files],
        [ui.admin.result, ui.admin.files, ui.doc_select, ui.doc_filter, ui.cities],
        concurrency_id="admin",
        concurrency_limit=1,
        **options,
    )


def _result_html(added: list[str], problems: list[str], error: str, documents: int) -> str:
    parts = []
    if error:
        parts.append(_message(TEXT["failed"].format(error=error), "error"))
    if added:
        items = "".join(f"<li>{html.escape(a)}</li>" for a in added)
        parts.append(f'<div class="pa-admin-added"><b>{TEXT["added"]}</b><ul>{items}</ul></div>')
        parts.append(_message(TEXT["ready"].format(n=documents), "ok"))
    if problems:
        items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
        parts.append(f'<div class="pa-admin-problems"><b>{TEXT["unreadable"]}</b><ul>{items}</ul></div>')
    if not parts:
        parts.append(_message(TEXT["nothing"], "ok"))
    return "".join(parts)


def _message(text: str, kind: str) -> str:
    return f'<div class="pa-admin-message pa-admin-{kind}" role="status">{html.escape(text)}</div>'
