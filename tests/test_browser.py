"""End to end in a real browser: `python app.py` on the bundled corpus, driven by headless Chromium."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import pytest

from tests.browser_app import (
    BROWSER_TESTS,
    ROOT,
    chromium,
    dismiss_messages,
    start_app,
    stop,
    wait_until_served,
)

pytestmark = BROWSER_TESTS

OUTPUT = ROOT / "test-output" / "browser"
STARTUP_TIMEOUT = 900  # seconds; a fresh checkout builds its index first
ANSWER_TIMEOUT = 60_000  # milliseconds
XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
TIMINGS: dict[str, object] = {"answers": {}}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`python app.py` on a free loopback port; stopped at the end of the module."""
    feedback = tmp_path_factory.mktemp("feedback") / "feedback.jsonl"
    process, url = start_app(["--feedback", str(feedback)], OUTPUT / "app.log")
    try:
        try:
            TIMINGS["startup_to_served_page_s"] = round(wait_until_served(url, process, STARTUP_TIMEOUT), 2)
        except (RuntimeError, TimeoutError) as problem:
            pytest.fail(f"{problem}:\n{(OUTPUT / 'app.log').read_text(errors='replace')[-3000:]}")
        yield {"url": url, "feedback": feedback}
    finally:
        stop(process)
        _write_timings()


def _write_timings() -> None:
    answers = list(TIMINGS["answers"].values())
    if answers:
        TIMINGS["median_answer_s"] = round(statistics.median(answers), 3)
    (OUTPUT / "timings.json").write_text(json.dumps(TIMINGS, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.fixture(scope="module")
def browser(server):
    with chromium() as browser:
        yield browser


@pytest.fixture()
def page(browser, server):
    """A fresh page on the app for each test, so that no test depends on what an earlier one did."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.elsewhere = []  # requests to any host but this machine's loopback
    page.on("request", lambda r: None if r.url.startswith(server["url"]) else page.elsewhere.append(r.url))
    page.goto(server["url"])
    page.wait_for_selector("#pa-question textarea")
    yield page
    context.close()


def _ask(page, question: str):
    """Type a question, press Enter and wait for the new answer; returns its locator."""
    answers = page.locator("#pa-chatbot .pa-answer")
    before = answers.count()
    box = page.locator("#pa-question textarea")
    box.fill(question)
    started = time.monotonic()
    box.press("Enter")
    page.wait_for_function(
        f"document.querySelectorAll('#pa-chatbot .pa-answer').length > {before}", timeout=ANSWER_TIMEOUT
    )
    TIMINGS["answers"][question[:40]] = round(time.monotonic() - started, 3)
    page.wait_for_timeout(300)  # let the chat scroll the new answer into view
    return answers.nth(before)


def _follow_clause_link(page, holder, text: str) -> None:
    """Click the clause link inside `holder`; the Documents view must land on that clause, showing `text`."""
    from playwright.sync_api import expect

    href = holder.locator("a.pa-open").get_attribute("href")
    holder.locator("a.pa-open").click()
    target = page.locator("#pa-doc-text section.pa-target")
    expect(target).to_be_visible()
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text(text)
    assert href.endswith("#" + target.get_attribute("id"))


def test_an_answer_cites_the_clause_and_its_link_opens_the_documents_view(page, server):
    from playwright.sync_api import expect

    answer = _ask(page, "苏州新能源公交占比目标是多少？")
    expect(answer.locator(".pa-reply")).to_contain_text("85%")
    first = answer.locator(".pa-card").first
    expect(first.locator(".pa-place")).to_have_text("苏州")
    expect(first.locator(".pa-path")).to_contain_text("推动运输工具设备更新")
    expect(first.locator("mark.pa-quoted")).to_contain_text("85%")
    page.screenshot(path=str(OUTPUT / "answered_chat.png"))

    _follow_clause_link(page, first, "新能源城市公交车辆占比达到")
    expect(page.locator("#pa-outline .pa-outline-item").first).to_be_visible()
    page.screenshot(path=str(OUTPUT / "documents_view.png"))
    page.get_by_role("tab", name="问答").click()


def test_follow_ups_carry_the_topic_and_the_city(page):
    from playwright.sync_api import expect

    _ask(page, "苏州新能源公交占比目标是多少？")
    answer = _ask(page, "那晋城呢？")
    expect(answer.locator(".pa-context")).to_contain_text("晋城新能源公交占比目标是多少")
    expect(answer.locator(".pa-card").first.locator(".pa-place")).to_have_text("晋城")
    expect(answer.locator(".pa-card").first.locator(".pa-path")).to_contain_text("推进交通运输装备绿色更新")

    answer = _ask(page, "Which department is responsible?")
    expect(answer.locator(".pa-reply")).to_contain_text("Lead: 市交通局")
    page.screenshot(path=str(OUTPUT / "follow_ups.png"))


def test_a_question_the_corpus_does_not_answer_says_so(page):
    from playwright.sync_api import expect

    answer = _ask(page, "深圳的家电以旧换新补贴标准是多少？")
    expect(answer.locator(".pa-not-found")).to_contain_text("没有找到")
    assert answer.locator(".pa-badge").count() == 0 and answer.locator(".pa-ref").count() == 0


def test_html_in_a_question_is_shown_not_run(page):
    from playwright.sync_api import expect

    _ask(page, XSS)
    expect(page.locator("#pa-chatbot .pa-question").last).to_have_text(XSS)
    assert page.evaluate("window.__xss") is None


def test_a_huge_question_is_cut_with_a_notice(page):
    from playwright.sync_api import expect

    answer = _ask(page, "苏州新能源公交占比目标是多少？" + "请" * 100_000)
    expect(answer.locator(".pa-notice")).to_contain_text("1000")
    assert len(page.locator("#pa-chatbot .pa-question").last.inner_text()) <= 1000


def test_an_empty_question_gets_a_clear_message(page):
    from playwright.sync_api import expect

    page.locator("#pa-question textarea").fill("   ")
    page.locator("#pa-question textarea").press("Enter")
    expect(page.locator("#pa-chatbot .pa-message").last).to_contain_text("请输入一个问题")


def test_a_vote_is_logged_for_evaluators(page, server):
    _ask(page, "苏州新能源公交占比目标是多少？")
    page.locator("#pa-chatbot button[aria-label='赞'], #pa-chatbot button[aria-label='Like']").first.click()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not server["feedback"].exists():
        time.sleep(0.2)
    record = json.loads(server["feedback"].read_text(encoding="utf-8").splitlines()[0])
    assert (record["vote"], record["question"]) == ("up", "苏州新能源公交占比目标是多少？")
    assert "85%" in record["answer"] and record["citations"]


def test_the_targets_tab_filters_by_city_links_to_clauses_and_downloads_csv(page):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="目标").click()
    rows = page.locator("#pa-target-table tbody tr")
    expect(rows.first).to_be_visible()
    everything = rows.count()
    assert everything > 20  # the two plans state over fifty targets

    page.locator("#pa-target-cities input").click()
    page.get_by_role("option", name="晋城").click()
    page.keyboard.press("Escape")
    expect(page.get_by_role("option")).to_have_count(0)
    expect(page.locator("#pa-target-table .pa-targets-summary")).not_to_contain_text(f"共 {everything} 项")
    assert set(rows.locator("td.pa-t-city").all_inner_texts()) == {"晋城"}
    row = rows.filter(has_text="二手车交易量")
    expect(row).to_have_count(1)
    expect(row.locator("td.pa-t-value")).to_have_text("45%")
    expect(row.locator("td.pa-t-deadline_year")).to_have_text("2027")
    dismiss_messages(page)
    page.screenshot(path=str(OUTPUT / "targets_view.png"))

    with page.expect_download() as download:
        page.locator("#pa-target-csv").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith("\ufeff".encode())  # so that Excel reads the file as UTF-8
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:4] == ["doc_id", "clause_id", "section", "city"]
    assert len(lines) == rows.count() + 1 and all(",晋城," in line for line in lines[1:])
    assert any("二手车交易量" in line and "45%" in line for line in lines)

    _follow_clause_link(page, row, "二手车交易量")
    page.get_by_role("tab", name="问答").click()


def test_a_business_gets_every_measure_of_its_sector_per_city(page):
    from playwright.sync_api import expect

    answer = _ask(page, "我们是做农机的，有什么政策？")
    heads = answer.locator(".pa-reply-head")
    expect(heads).to_have_count(2)
    assert heads.all_inner_texts() == ["苏州：", "晋城："]
    expect(answer.locator(".pa-reply")).to_contain_text("推动农机设备更新")
    cards = answer.locator(".pa-card")
    assert answer.locator(".pa-ref").count() >= 3 and cards.count() >= answer.locator(".pa-ref").count()
    expect(cards.first.locator("mark.pa-quoted")).to_be_visible()
    dismiss_messages(page)
    page.screenshot(path=str(OUTPUT / "sector_listing.png"))


def test_nothing_is_requested_from_other_hosts(page):
    """The chat, the Documents view and the Targets tab load nothing from any host but this machine."""
    answer = _ask(page, "苏州新能源公交占比目标是多少？")
    _follow_clause_link(page, answer.locator(".pa-card").first, "新能源城市公交车辆占比达到")
    page.get_by_role("tab", name="目标").click()
    page.locator("#pa-target-table tbody tr").first.wait_for()
    assert page.elsewhere == []
