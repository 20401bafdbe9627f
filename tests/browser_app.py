"""Helpers for browser tests: start `python app.py`, open headless Chromium, ask, measure contrast."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output" / "newcomer"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# The marks of every browser test module: `-m browser` selects them, and they skip without Debian's chromium.
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
    ),
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
ANSWER_TIMEOUT = 60_000  # milliseconds

# The WCAG 2 contrast ratio of an element's text against the first opaque background behind it.
CONTRAST_JS = """(element) => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let node = element, bg = null;
  while (node && node.nodeType === 1) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) { bg = c; break; }
    node = node.parentElement;
  }
  bg = bg || [255, 255, 255];
  const fg = parse(getComputedStyle(element).color);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return {ratio: (a + 0.05) / (b + 0.05), fg: getComputedStyle(element).color, bg: `rgb(${bg.slice(0, 3)})`};
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(args: list[str], log: Path, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """`python app.py --port P ARGS` with its output in `log`; returns the process and its address."""
    port = free_port()
    environment = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1", **(env or {})}
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "app.py", "--port", str(port), *args],
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return process, f"http://127.0.0.1:{port}/"


def wait_until_served(url: str, process: subprocess.Popen, timeout: float = 900) -> float:
    """Seconds until `url` answers 200; raises when the process ends or the time runs out."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"app.py exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} not served within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


@contextmanager
def chromium(timeout_ms: int = 15_000) -> Iterator:
    """Headless Debian Chromium driven by Playwright; `expect` waits up to `timeout_ms`."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=timeout_ms)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, url: str, **options):
    """A new page (zh-CN, desktop size unless `options` say otherwise) on the app, once its chat is ready."""
    page = browser.new_context(**{"viewport": DESKTOP, "locale": "zh-CN", **options}).new_page()
    page.goto(url)
    page.wait_for_selector("#pa-question textarea")
    return page


def ask(page, question: str):
    """Type a question, press Enter and wait for its answer; returns the answer's locator."""
    answers = page.locator("#pa-chatbot .pa-answer")
    before = answers.count()
    box = page.locator("#pa-question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        f"document.querySelectorAll('#pa-chatbot .pa-answer').length > {before}", timeout=ANSWER_TIMEOUT
    )
    page.wait_for_timeout(300)
    return answers.nth(before)


def contrast(locator) -> dict:
    return locator.evaluate(CONTRAST_JS)


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0: nothing off screen sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def dismiss_messages(page) -> None:
    for button in page.locator("button.toast-close").all():
        if button.is_visible():
            button.click()
    page.wait_for_timeout(400)


# Visible elements that reach past the right edge of the window (including those clipped inside a
# sideways-scrolling box): what a phone user cannot see without scrolling sideways.
OFF_SCREEN_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('.gradio-container *')) {
    if (!el.checkVisibility || !el.checkVisibility()) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > window.innerWidth + 1 || r.left < -1) {
      out.push(`${el.tagName}.${String(el.className).slice(0, 40)}#${el.id} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }
  return out;
}"""


def off_screen(page) -> list[str]:
    return page.evaluate(OFF_SCREEN_JS)
