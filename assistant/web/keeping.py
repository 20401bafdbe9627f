"""A conversation kept in the browser's storage: saved after each answer, restored on a page reload,
and offered as a Markdown download."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import gradio as gr

from assistant.chat.conversation import understand_all
from assistant.web.export import markdown_file

KEPT_MESSAGES = 200  # chat messages kept at most (the newest), so the browser's storage stays small


def kept_value(messages: list, records: list) -> dict[str, Any]:
    """What the browser keeps: the chat's messages and the exchanges as plain data."""
    return {"messages": list(messages)[-KEPT_MESSAGES:], "records": list(records)[-KEPT_MESSAGES // 2 :]}


def save(ui) -> dict[str, Any]:
    """Event arguments that store the conversation in the browser and refresh the export file."""

    def keep(messages: list, records: list) -> tuple[dict[str, Any], Any]:
        return kept_value(messages, records), export_value(records)

    return {"fn": keep, "inputs": [ui.chatbot, ui.records], "outputs": [ui.kept, ui.export]}


def export_value(records: Sequence[dict[str, Any]]) -> Any:
    """The Markdown file of the conversation, or None (the button then has nothing to download)."""
    return str(markdown_file(records)) if records else None


def restored(kept: Any, places: Sequence[str]) -> tuple[list, list, list, Any]:
    """The chat's messages, follow-up turns, records and export file from what the browser kept;
    anything unreadable gives an empty conversation."""
    if not isinstance(kept, dict):
        return [], [], [], None
    messages = [
        m for m in kept.get("messages") or [] if isinstance(m, dict) and "role" in m and "content" in m
    ]
    records = [
        r for r in kept.get("records") or [] if isinstance(r, dict) and isinstance(r.get("question"), str)
    ]
    turns = understand_all([r["question"] for r in records], places)
    return messages, turns, records, export_value(records)


def wire_restore(demo: gr.Blocks, ui, places: Sequence[str], **options) -> None:
    """On page load, bring back the conversation the browser kept (unless a question was asked already)."""

    def restore(kept: Any, messages: list) -> tuple:
        if messages:
            return gr.update(), gr.update(), gr.update(), gr.update()
        return restored(kept, places)

    demo.load(restore, [ui.kept, ui.chatbot], [ui.chatbot, ui.turns, ui.records, ui.export], **options)
