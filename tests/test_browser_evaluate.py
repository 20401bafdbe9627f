"""The Evaluate tab in real Chromium (`python app.py --evaluate`, the real model, one plan of 晋城): the hit
test, a bad file refused, a question set run, a miss opened to its passages, a download, two runs compared;
screenshots in light and dark themes and at 390 px. Runs are kept in a temporary home, so no real run is touched."""

from __future__ import annotations

import json
import os
import time

import pytest

from tests.browser_app import (
    BROWSER_TESTS,
    DESKTOP,
    OUTPUT,
    PHONE,
    ROOT,
    chromium,
    dismiss_messages,
    horizontal_overflow,
    open_page,
    start_app,
    stop,
    wait_until_served,
)

pytestmark = BROWSER_TESTS

# Four questions the plan answers and one it does not; "jc-miss" asks for a figure the plan (cut before
# its consumer-goods part) does not hold, so that every configuration has a miss to open.
QUESTIONS = [
    {
        "id": "jc-cars",
        "question": "晋城二手车交易量要增长多少",
        "evidence": [["二手车交易量较2023年增长45%"]],
    },
    {
        "id": "jc-lead",
        "question": "老旧小区设备更新谁牵头",
        "evidence": [["市住建局"]],
        "category": "department",
    },
    {"id": "jc-bus", "question": "晋城公交车怎么更新", "evidence": [["城市公交新能源车型替代"]]},
    {
        "id": "jc-miss",
        "question": "晋城买冰箱补贴多少钱",
        "evidence": [["每台补贴500元"]],
        "category": "detail",
    },
    {"id": "sz-none", "question": "深圳的充电桩补贴标准", "evidence": [], "category": "unanswerable"},
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    base = tmp_path_factory.mktemp("evaluate")
    corpus = base / "corpus"
    corpus.mkdir()
    text = (ROOT / "corpus" / "004_5a083e21a000c248.txt").read_text(encoding="utf-8")
    (corpus / "jincheng.txt").write_text(text[: text.index("（五）提升教育设备水平")], encoding="utf-8")
    home = base / "home"  # runs kept here; the model is the one already materialised
    home.mkdir()
    real_home = os.environ.get("POLICY_ASSISTANT_HOME") or os.path.expanduser("~/.cache/policy-assistant")
    os.makedirs(os.path.join(real_home, "models"), exist_ok=True)  # a first start materialises it there
    (home / "models").symlink_to(os.path.join(real_home, "models"))
    good = base / "晋城问题.jsonl"
    good.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in QUESTIONS), encoding="utf-8")
    bad = base / "坏的问题集.csv"
    bad.write_text("question,category\n晋城二手车交易量要增长多少,target\n", encoding="utf-8")
    args = ["--index", str(base / "index"), "--corpus", str(corpus), "--evaluate"]
    process, url = start_app(args, OUTPUT / "evaluate_app.log", env={"POLICY_ASSISTANT_HOME": str(home)})
    try:
        wait_until_served(url, process)
        yield {"url": url, "good": good, "bad": bad, "home": home}
    finally:
        stop(process)


def _open_evaluate(page, sub_tab: str) -> None:
    page.get_by_role("tab", name="评测", exact=True).click()
    page.get_by_role("tab", name=sub_tab).click()


def test_an_evaluator_tests_a_question_runs_a_set_opens_a_miss_and_downloads(server):
    from playwright.sync_api import expect

    with chromium() as browser:
        page = open_page(browser, server["url"])
        _open_evaluate(page, "命中测试 · Hit test")
        page.locator("#pa-hit-question textarea").fill("晋城二手车交易量要增长多少")
        page.locator("#pa-hit-evidence textarea").fill("二手车交易量较2023年增长45%")
        page.locator("#pa-hit-go").click()
        result = page.locator("#pa-hit-result")
        expect(result).to_contain_text("evidence complete at rank", timeout=60_000)
        expect(result.locator(".pa-hit-rules li")).to_have_count(3)
        assert result.locator(".pa-hit-table tbody tr").count() >= 1

        _open_evaluate(page, "评测问题集 · Run a question set")
        upload = page.locator("#pa-eval-file input[type=file]")
        upload.set_input_files(str(server["bad"]))
        page.wait_for_timeout(1000)
        page.locator("#pa-eval-run").click()
        status = page.locator("#pa-eval-status")
        expect(status).to_contain_text("line 1: no 'evidence' column")
        assert not (server["home"] / "eval-runs").exists() or not any(
            (server["home"] / "eval-runs").iterdir()
        )

        page.locator("#pa-eval-file button[aria-label='清除']").click()
        upload.set_input_files(str(server["good"]))
        page.wait_for_timeout(1000)
        page.locator("#pa-eval-run").click()
        expect(status).to_contain_text("完成", timeout=300_000)
        summary = page.locator("#pa-eval-summary table").first
        expect(summary).to_contain_text("naive-bm25")
        kept = json.loads(next((server["home"] / "eval-runs").glob("*/results.json")).read_text("utf-8"))
        hit1 = summary.locator("tr", has_text="hybrid").first.locator("td").nth(3)
        assert hit1.inner_text() == f"{kept['configs']['hybrid']['overall']['hit@1']:.3f}"

        miss = page.locator(".pa-eval-miss", has_text="jc-miss").first
        miss.locator("summary").click()
        expect(miss.locator(".pa-eval-passages li").first).to_be_visible()
        expect(miss).to_contain_text("每台补贴500元")
        dismiss_messages(page)
        page.screenshot(path=str(OUTPUT / "evaluate_light.png"), full_page=True)

        with page.expect_download() as download:
            page.locator("#pa-eval-downloads tr:has(td[aria-label='results.json']) a").click()
        assert json.loads(open(download.value.path(), encoding="utf-8").read())["configs"] == kept["configs"]

        page.locator("#pa-eval-run").click()  # the same set again: two runs to compare
        runs = server["home"] / "eval-runs"
        for _ in range(600):
            if len(list(runs.glob("*/results.json"))) == 2:
                break
            time.sleep(0.5)
        second = max(p.parent.name for p in runs.glob("*/results.json"))
        expect(status).to_contain_text(second, timeout=60_000)
        _open_evaluate(page, "对比两次评测 · Compare runs")
        page.locator("#pa-eval-compare").click()
        comparison = page.locator("#pa-eval-comparison table")
        expect(comparison).to_contain_text("hit@1")
        expect(page.locator("#pa-eval-comparison")).to_contain_text("hybrid: 0 lost")
        page.screenshot(path=str(OUTPUT / "evaluate_compare.png"))

        dark = open_page(browser, server["url"], viewport=DESKTOP, color_scheme="dark")
        _open_evaluate(dark, "命中测试 · Hit test")
        dark.locator("#pa-hit-question textarea").fill("老旧小区设备更新谁牵头")
        dark.locator("#pa-hit-go").click()
        expect(dark.locator("#pa-hit-result .pa-hit-verdict")).to_be_visible(timeout=60_000)
        dark.screenshot(path=str(OUTPUT / "evaluate_dark_hit_test.png"), full_page=True)
        _open_evaluate(dark, "评测问题集 · Run a question set")
        dark.locator("#pa-eval-file input[type=file]").set_input_files(str(server["good"]))
        dark.wait_for_timeout(1000)
        dark.locator("#pa-eval-configs label", has_text="dense").click()  # three configurations this time
        dark.locator("#pa-eval-run").click()
        expect(dark.locator("#pa-eval-status")).to_contain_text("完成", timeout=300_000)
        expect(dark.locator("#pa-eval-summary table").first).not_to_contain_text("dense")
        dark.locator(".pa-eval-miss summary").first.click()
        dismiss_messages(dark)
        dark.screenshot(path=str(OUTPUT / "evaluate_dark_results.png"), full_page=True)
        dark.context.close()

        phone = open_page(browser, server["url"], viewport=PHONE, is_mobile=True, has_touch=True)
        _open_evaluate(phone, "命中测试 · Hit test")
        phone.locator("#pa-hit-question textarea").fill("老旧小区设备更新谁牵头")
        phone.locator("#pa-hit-go").click()
        expect(phone.locator("#pa-hit-result .pa-hit-verdict")).to_be_visible(timeout=60_000)
        phone.screenshot(path=str(OUTPUT / "evaluate_phone.png"), full_page=True)
        assert phone.evaluate("window.innerWidth") == PHONE["width"]  # not zoomed out to fit something wide
        assert horizontal_overflow(phone) <= 1
