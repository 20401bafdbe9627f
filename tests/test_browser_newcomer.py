"""The app in real Chromium as a newcomer meets it: light and dark themes, a phone, filter conflicts,
the small rough edges. `python app.py` on the bundled corpus; screenshots in test-output/newcomer/."""

from __future__ import annotations

import pytest

from tests.browser_app import (
    BROWSER_TESTS,
    DESKTOP,
    OUTPUT,
    PHONE,
    ask,
    chromium,
    contrast,
    dismiss_messages,
    off_screen,
    start_app,
    stop,
    wait_until_served,
)

pytestmark = BROWSER_TESTS

WCAG_AA = 4.5
# Reply text, citation parts and the title: what must read well in both themes.
READ = {
    "reply": "#pa-chatbot .pa-reply-line",
    "reference": "#pa-chatbot .pa-ref",
    "place": "#pa-chatbot .pa-card .pa-place",
    "document": "#pa-chatbot .pa-card .pa-title",
    "clause path": "#pa-chatbot .pa-card .pa-path",
    "passage": "#pa-chatbot .pa-card .pa-passage",
    "department": "#pa-chatbot .pa-card .pa-depts",
    "title": ".pa-brand",
    "tagline": ".pa-tagline",
    "question": "#pa-chatbot .pa-question",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    feedback = tmp_path_factory.mktemp("feedback") / "feedback.jsonl"
    process, url = start_app(["--feedback", str(feedback)], OUTPUT / "app.log")
    try:
        wait_until_served(url, process)
        yield {"url": url, "feedback": feedback}
    finally:
        stop(process)


@pytest.fixture(scope="module")
def browser(server):
    with chromium() as browser:
        yield browser


def _open(browser, url: str, **options):
    context = browser.new_context(locale="zh-CN", **options)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("#pa-question textarea")
    return context, page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_reply_citations_and_title_read_well_in_both_themes(browser, server, scheme):
    context, page = _open(browser, server["url"], viewport=DESKTOP, color_scheme=scheme)
    ask(page, "苏州新能源公交车占比目标是多少？")
    poor = {}
    for name, selector in READ.items():
        measured = contrast(page.locator(selector).first)
        if measured["ratio"] < WCAG_AA:
            poor[name] = measured
    page.screenshot(path=str(OUTPUT / f"chat_{scheme}.png"))
    context.close()
    assert poor == {}, f"below {WCAG_AA}:1 in the {scheme} theme: {poor}"


@pytest.mark.parametrize("tab", ["问答", "文档", "目标"])
def test_nothing_is_off_screen_sideways_on_a_phone(browser, server, tab):
    from playwright.sync_api import expect

    context, page = _open(browser, server["url"], viewport=PHONE, is_mobile=True, has_touch=True)
    if tab == "问答":
        ask(page, "苏州新能源公交车占比目标是多少？")
    else:
        page.get_by_role("tab", name=tab).click()
        page.wait_for_timeout(800)
    if tab == "目标":
        value = page.locator("#pa-target-table td.pa-t-value").first
        expect(value).to_be_visible()
        assert value.bounding_box()["x"] + value.bounding_box()["width"] <= PHONE["width"]
    if tab == "文档":  # the document's text comes before its long outline
        text_top = page.locator("#pa-doc-text").bounding_box()["y"]
        assert text_top < page.locator("#pa-outline").bounding_box()["y"]
    page.screenshot(path=str(OUTPUT / f"phone_{tab}.png"), full_page=False)
    outside = off_screen(page)
    context.close()
    assert outside == [], outside[:10]


def test_a_filter_that_excludes_the_city_asked_about_says_so(browser, server):
    from playwright.sync_api import expect

    context, page = _open(browser, server["url"], viewport=DESKTOP)
    page.locator("#pa-cities input").click()
    page.get_by_role("option", name="晋城").click()
    page.keyboard.press("Escape")
    answer = ask(page, "苏州新能源公交车占比目标是多少？")
    expect(answer).to_contain_text("筛选条件只包括晋城，不包括问题所问的苏州")
    expect(answer).not_to_contain_text("没有找到")
    page.screenshot(path=str(OUTPUT / "filter_conflict.png"))
    context.close()


def test_a_short_question_stays_on_one_line(browser, server):
    context, page = _open(browser, server["url"], viewport=DESKTOP)
    ask(page, "苏州新能源公交车占比目标是多少？")
    ask(page, "那晋城呢？")
    bubble = page.locator("#pa-chatbot .pa-question").last
    height, line = bubble.evaluate(
        "(e) => [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight)]"
    )
    dismiss_messages(page)
    page.screenshot(path=str(OUTPUT / "short_question.png"))
    context.close()
    assert height < 1.5 * line, f"'那晋城呢？' takes {height / line:.1f} lines"


def _records(path, count: int, timeout: float = 10) -> list[dict]:
    """The feedback log once it holds `count` records with the last change written."""
    import json
    import time

    deadline = time.monotonic() + timeout
    records: list[dict] = []
    while time.monotonic() < deadline:
        if path.exists():
            records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
            if len(records) == count:
                return records
        time.sleep(0.2)
    return records


def test_a_vote_takes_an_optional_comment_and_a_changed_vote_replaces_it(browser, server):
    import time

    from playwright.sync_api import expect

    context, page = _open(browser, server["url"], viewport=DESKTOP)
    ask(page, "晋城二手车交易量的增长目标是多少？")
    like = "#pa-chatbot button[aria-label='赞'], #pa-chatbot button[aria-label='Like']"
    dislike = "#pa-chatbot button[aria-label='踩'], #pa-chatbot button[aria-label='Dislike']"
    page.locator(like).last.click()
    expect(page.locator("#pa-vote-status")).to_contain_text("感谢反馈，已记录")
    assert _records(server["feedback"], 1)[0]["vote"] == "up"
    assert page.locator(".toast-body").count() == 0  # no pop-up titled "Info" in the Chinese page

    page.locator(dislike).last.click()
    time.sleep(1)
    comment = page.locator("#pa-comment textarea")
    expect(comment).to_be_visible()
    comment.fill("应当同时给出报废汽车回收量的目标。")
    page.locator("#pa-send-comment").click()
    expect(page.locator("#pa-vote-status")).to_contain_text("意见已记录")
    page.screenshot(path=str(OUTPUT / "feedback.png"))
    context.close()
    time.sleep(0.5)
    (record,) = _records(server["feedback"], 1)
    assert record["vote"] == "down" and record["question"] == "晋城二手车交易量的增长目标是多少？"
    assert record["comment"] == "应当同时给出报废汽车回收量的目标。"


def test_an_answer_copies_survives_a_reload_and_exports_as_markdown(browser, server):
    from pathlib import Path

    from playwright.sync_api import expect

    context, page = _open(browser, server["url"], viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    answer = ask(page, "晋城老旧农业机械报废更新由哪个部门牵头？")
    row = answer.locator(".pa-card").first.locator(".pa-row")  # the annex row, under its column names
    expect(row.locator(".pa-row-name")).to_have_text(["序号", "工作任务", "细化措施", "部门分工"])
    expect(row).not_to_contain_text(" | ")
    page.screenshot(path=str(OUTPUT / "annex_row.png"))
    answer.locator("button.pa-copy").click()
    expect(answer.locator("button.pa-copy")).to_have_text("已复制 · Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    lines = copied.splitlines()
    assert "市农业农村局" in lines[0]
    assert any(
        line.startswith("[1] 晋城 · 晋城市推动大规模设备更新") and "晋市政发〔2024〕12号" in line
        for line in lines
    )

    ask(page, "那苏州呢？")
    page.wait_for_timeout(800)  # the browser's storage is written after the answer
    page.reload()
    page.wait_for_selector("#pa-question textarea")
    questions = page.locator("#pa-chatbot .pa-question")
    expect(questions).to_have_count(2)
    expect(questions.first).to_have_text("晋城老旧农业机械报废更新由哪个部门牵头？")
    expect(page.locator("#pa-chatbot .pa-answer")).to_have_count(2)
    page.screenshot(path=str(OUTPUT / "restored_after_reload.png"))

    answer = ask(page, "Which department is responsible?")  # the follow-up still knows the topic
    expect(answer.locator(".pa-context")).to_contain_text("苏州")
    page.wait_for_timeout(800)
    with page.expect_download() as download:
        page.locator("#pa-export").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename.endswith(".md")
    assert (
        "## 1. 晋城老旧农业机械报废更新由哪个部门牵头？" in text
        and "## 3. Which department is responsible?" in text
    )
    assert "晋市政发〔2024〕12号" in text
    context.close()
