"""The app in real Chromium as a newcomer meets it: light and dark themes, a phone, filter conflicts,
the small rough edges. `python app.py` on the bundled corpus; screenshots in test-output/newcomer/."""

from __future__ import annotations

import pytest

from tests.browser_app import (
    CHROMIUM,
    DESKTOP,
    OUTPUT,
    PHONE,
    ask,
    contrast,
    dismiss_messages,
    launch,
    off_screen,
    start_app,
    stop,
    wait_until_served,
)

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

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
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


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
