"""A first start in real Chromium: the port opens at once with the build's progress, and the page opens
the chat by itself when the index is ready (a fresh index directory, a small corpus)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

from tests.browser_app import BROWSER_TESTS, DESKTOP, OUTPUT, ROOT, launch, start_app, stop

pytestmark = BROWSER_TESTS

FIRST_PAGE_WITHIN = 5.0  # seconds from `python app.py` to a page in the browser


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _small_corpus(directory):
    """The first measures of the bundled Jincheng plan: enough to build an index in seconds."""
    text = (ROOT / "corpus" / "004_5a083e21a000c248.txt").read_text(encoding="utf-8")
    directory.mkdir()
    (directory / "jincheng.txt").write_text(text[: text.index("（五）提升教育设备水平")], encoding="utf-8")
    return directory


def test_a_first_start_shows_its_progress_at_once_and_then_the_chat(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    corpus = _small_corpus(tmp_path / "corpus")
    log = OUTPUT / "first_start.log"
    started = time.monotonic()
    process, url = start_app(["--index", str(tmp_path / "index"), "--corpus", str(corpus)], log)
    try:
        first_page = None
        while first_page is None and time.monotonic() - started < 60:
            try:
                code, body = _fetch(url)
                first_page = time.monotonic() - started
            except OSError:
                time.sleep(0.1)
        assert first_page is not None and first_page < FIRST_PAGE_WITHIN, f"first page after {first_page} s"
        assert code == 503 and "政策问答助手".encode() in body  # a page, and a status scripts can wait on

        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
            page.goto(url)
            expect(page.locator("#phase")).to_contain_text("正在")
            seen = []
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline:
                status = json.loads(_fetch(url + "startup-status.json")[1] or b"{}") if _alive(url) else {}
                if status.get("phase") == "index" and status.get("total"):
                    seen.append(status)
                    if len(seen) == 1:
                        page.wait_for_timeout(1200)
                        page.screenshot(path=str(OUTPUT / "first_start_building.png"))
                        expect(page.locator("#count")).to_contain_text(f"/ {status['total']} 段文本")
                if status.get("phase") in ("interface", None):
                    break
                time.sleep(0.2)
            assert seen, "the page never showed the index being built"
            page.wait_for_selector("#pa-question textarea", timeout=600_000)  # no reload by hand
            page.screenshot(path=str(OUTPUT / "first_start_ready.png"))
            browser.close()
    finally:
        stop(process)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "build it with" not in text and "no index yet" in text


def _alive(url: str) -> bool:
    try:
        _fetch(url)
        return True
    except OSError:
        return False
