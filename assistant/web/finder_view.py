"""The finder form in the Measures tab: who, where, what → the list of measures the chat gives that profile.

The form's fields are composed into the profile question a person would type in the chat ("我们是苏州的一家
制造企业，想更新生产设备，价格18万元，7月更新，有什么补贴或支持？") and answered by `session.ask`, the
chat's own path, so the form and the chat cannot drift apart. When the form states a price or a date, the
case calculator's line (`case_answer.case_line`) over the list's cited clauses comes first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import gradio as gr

from assistant.chat.case_answer import case_line
from assistant.web import render
from assistant.web.labels import FINDER_ACTIONS, FINDER_LABELS, FINDER_SECTORS, FINDER_WHO
from assistant.web.session import ask

ANY = ""
BUSINESS = "企业"
# a sector written as what the asker is ("医院", "物流公司") takes no "企业" after it
_NAMES_ITSELF = re.compile(r"(企业|公司|厂|店|院|校|园|社|场|站|所|中心|单位)$")
_ISO_DAY = re.compile(r"(?P<y>20\d\d)[-/.年](?P<m>\d{1,2})(?:[-/.月](?P<d>\d{1,2})日?)?月?")
_MONTH = re.compile(r"(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>\d{1,2})[日号])?")


class FormError(ValueError):
    """A field the form cannot use; the message is one line for the page."""


@dataclass
class FinderForm:
    """Handles on the finder's components."""

    who: gr.Radio
    sector: gr.Dropdown
    place: gr.Dropdown
    action: gr.Dropdown
    thing: gr.Textbox
    price: gr.Textbox
    day: gr.Textbox
    find: gr.Button
    result: gr.HTML


def build_finder(places: Sequence[str]) -> FinderForm:
    """Create the form inside the current Tab: its fields in two rows, then the result."""
    with gr.Column(elem_id="pa-finder"):
        gr.HTML(
            f'<div class="pa-finder-title">{html.escape(FINDER_LABELS["title"])}</div>'
            f'<div class="pa-targets-intro">{html.escape(FINDER_LABELS["intro"])}</div>'
        )
        with gr.Row(equal_height=True):
            who = gr.Radio(
                [(f"{zh} · {en}", zh) for zh, en in FINDER_WHO],
                value=BUSINESS,
                label=FINDER_LABELS["who"],
                elem_id="pa-finder-who",
                scale=2,
            )
            sector = gr.Dropdown(
                [(f"{zh} · {en}", zh) for zh, en in FINDER_SECTORS],
                value=FINDER_SECTORS[0][0],
                allow_custom_value=True,
                label=FINDER_LABELS["sector"],
                elem_id="pa-finder-sector",
                scale=2,
            )
            place = gr.Dropdown(
                [(FINDER_LABELS["any_place"], ANY)] + [(p, p) for p in places],
                value=ANY,
                label=FINDER_LABELS["place"],
                elem_id="pa-finder-place",
                scale=1,
            )
        with gr.Row(equal_height=True):
            action = gr.Dropdown(
                [(f"{zh} · {en}", zh) for zh, en in FINDER_ACTIONS],
                value=FINDER_ACTIONS[0][0],
                label=FINDER_LABELS["action"],
                elem_id="pa-finder-action",
                scale=1,
            )
            thing = gr.Textbox(
                label=FINDER_LABELS["object"],
                placeholder=FINDER_LABELS["object_placeholder"],
                max_lines=1,
                elem_id="pa-finder-object",
                scale=2,
            )
            price = gr.Textbox(label=FINDER_LABELS["price"], max_lines=1, elem_id="pa-finder-price", scale=1)
            day = gr.Textbox(
                label=FINDER_LABELS["date"],
                placeholder=FINDER_LABELS["date_placeholder"],
                max_lines=1,
                elem_id="pa-finder-date",
                scale=1,
            )
            find = gr.Button(FINDER_LABELS["find"], variant="primary", elem_id="pa-finder-find", scale=1)
        result = gr.HTML("", elem_id="pa-finder-result")
    return FinderForm(who, sector, place, action, thing, price, day, find, result)


def wire_finder(
    form: FinderForm,
    retriever,
    headers: Callable[[], Mapping] = dict,
    **event_options,
) -> None:
    """The button and Enter in a text box answer the form; `headers` gives the cited tables' column names."""

    def answer(who, sector, place, action, thing, price, day) -> str:
        return finder_html(retriever, who, sector, place, action, thing, price, day, headers())

    inputs = [form.who, form.sector, form.place, form.action, form.thing, form.price, form.day]
    for event in (form.find.click, form.thing.submit, form.price.submit, form.day.submit):
        event(answer, inputs, form.result, **event_options)


def finder_question(
    who: str, sector: str, place: str, action: str, thing: str, price: str = "", day: str = ""
) -> str:
    """The profile question the form's fields say; FormError for a field it cannot use."""
    thing = " ".join((thing or "").split())
    if not thing:
        raise FormError(FINDER_LABELS["no_object"])
    where = f"{place}的" if place else ""
    if who == BUSINESS:
        kind = " ".join((sector or "").split())
        asker = f"我们是{where}一家{kind}{'' if _NAMES_ITSELF.search(kind) else '企业'}"
    else:
        asker = f"我是{place}市民" if place else "我是市民"
    parts = [asker, f"想{action}{thing}"]
    if (price or "").strip():
        parts.append(f"价格{price_words(price)}")
    if (day or "").strip():
        parts.append(f"{day_words(day)}{action}")
    return "，".join(parts) + "，有什么补贴或支持？"


def price_words(price: str) -> str:
    """A price in 元 as the chat would write it: "180000" → "18万元", "3500" → "3500元"."""
    try:
        value = float(price.replace(",", "").replace("，", "").replace("元", "").strip())
    except ValueError:
        raise FormError(FINDER_LABELS["bad_price"]) from None
    if not value > 0 or value == float("inf"):
        raise FormError(FINDER_LABELS["bad_price"])
    if value >= 10000:
        return f"{value / 10000:g}万元"
    return f"{value:g}元"


def day_words(day: str) -> str:
    """ "2026-07-15" → "2026年7月15日", "7月" → "7月"; FormError otherwise."""
    text = day.strip()
    if match := _ISO_DAY.fullmatch(text):
        month, number = int(match["m"]), match["d"]
        if 1 <= month <= 12 and (not number or 1 <= int(number) <= 31):
            return f"{match['y']}年{month}月" + (f"{int(number)}日" if number else "")
    elif match := _MONTH.fullmatch(text):
        return f"{int(match['m'])}月" + (f"{int(match['d'])}日" if match["d"] else "")
    raise FormError(FINDER_LABELS["bad_date"])


def find_measures(retriever, question: str, place: str = ""):
    """The chat's exchange for the composed question, with the case line first when the form states a case
    that a cited measure reads (a lookup reply from `compose` already has it)."""
    exchange = ask(retriever, question, cities=(place,) if place else ())
    if exchange is None:
        return None
    answer = exchange.answer
    line = case_line(question, answer.hits) if answer.answerable and answer.hits else ""
    if line and line not in answer.reply:
        exchange = replace(exchange, answer=replace(answer, reply=f"{line}\n{answer.reply}"))
    return exchange


def finder_html(
    retriever,
    who: str,
    sector: str,
    place: str,
    action: str,
    thing: str,
    price: str = "",
    day: str = "",
    headers: Mapping | None = None,
) -> str:
    """The form's result as HTML: the question asked, then the chat's reply with its cited clauses."""
    try:
        question = finder_question(who, sector, place or ANY, action, thing, price, day)
    except FormError as problem:
        return render.message_html(str(problem), "warning")
    exchange = find_measures(retriever, question, place or ANY)
    asked = (
        f'<div class="pa-finder-asked"><span class="pa-context-label">{html.escape(FINDER_LABELS["asked"])}'
        f"</span>{html.escape(question)}</div>"
    )
    return asked + render.answer_html(exchange.answer, exchange.lang, "", "", headers)
