"""The Measures tab in real Chromium: `python app.py` on the bundled corpus, light and dark themes and a
390 px phone, the table and the finder form; screenshots in test-output/measures/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser_app import (
    BROWSER_TESTS,
    DESKTOP,
    PHONE,
    ROOT,
    chromium,
    contrast,
    dismiss_messages,
    off_screen,
    open_page,
    start_app,
    stop,
    wait_until_served,
)

pytestmark = BROWSER_TESTS

OUTPUT = ROOT / "test-output" / "measures"
WCAG_AA = 4.5
READ = {  # what must read well in both themes
    "amount": "#pa-measure-table td.pa-m-amount span",
    "instrument": "#pa-measure-table td.pa-m-instrument span",
    "clause": "#pa-measure-table td.pa-m-section a",
    "summary": "#pa-measure-table .pa-targets-summary",
}
FOUND = {  # what must read well in the finder's result
    "reply": "#pa-finder-result .pa-reply-line",
    "reference": "#pa-finder-result .pa-ref",
    "asked": "#pa-finder-result .pa-finder-asked",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    index = tmp_path_factory.mktemp("measures") / "index"
    process, url = start_app(["--index", str(index)], OUTPUT / "app.log")
    try:
        try:
            wait_until_served(url, process)
        except (RuntimeError, TimeoutError) as problem:
            pytest.fail(f"{problem}:\n{(OUTPUT / 'app.log').read_text(errors='replace')[-3000:]}")
        yield {"url": url}
    finally:
        stop(process)


@pytest.fixture(scope="module")
def browser(server):
    with chromium() as browser:
        yield browser


def _measures_tab(browser, url: str, **options):
    page = open_page(browser, url, **options)
    page.get_by_role("tab", name="措施").click()
    page.locator("#pa-measure-table tbody tr").first.wait_for()
    return page.context, page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_measures_tab_filters_reads_well_and_downloads_csv(browser, server, scheme):
    from playwright.sync_api import expect

    context, page = _measures_tab(browser, server["url"], viewport=DESKTOP, color_scheme=scheme)
    rows = page.locator("#pa-measure-table tbody tr")
    everything = rows.count()
    assert everything > 10  # the two plans name over twenty kinds of support

    page.locator("#pa-measure-instrument input").click()
    page.get_by_role("option", name="消费券", exact=True).click()
    expect(page.locator("#pa-measure-table .pa-targets-summary")).not_to_contain_text(f"共 {everything} 项")
    assert set(rows.locator("td.pa-m-instrument").all_inner_texts()) == {"消费券"}
    expect(rows.filter(has_text="家装消费券")).to_have_count(1)
    poor = {}
    for name, selector in READ.items():
        measured = contrast(page.locator(selector).first)
        if measured["ratio"] < WCAG_AA:
            poor[name] = measured
    dismiss_messages(page)
    page.screenshot(path=str(OUTPUT / f"measures_{scheme}.png"))

    with page.expect_download() as download:
        page.locator("#pa-measure-csv").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith("\ufeff".encode())  # so that Excel reads the file as UTF-8
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("地区,文件,对象") and len(lines) == rows.count() + 1
    assert all(",消费券," in line for line in lines[1:])
    _find(page)
    for name, selector in FOUND.items():
        measured = contrast(page.locator(selector).first)
        if measured["ratio"] < WCAG_AA:
            poor[name] = measured
    page.locator("#pa-finder").screenshot(path=str(OUTPUT / f"finder_{scheme}.png"))
    context.close()
    assert poor == {}, f"below {WCAG_AA}:1 in the {scheme} theme: {poor}"


def _find(page) -> None:
    """Fill the finder as a Suzhou manufacturer replacing production equipment; wait for the cited list."""
    from playwright.sync_api import expect

    page.locator("#pa-finder-place input").click()
    page.get_by_role("option", name="苏州", exact=True).click()
    page.locator("#pa-finder-action input").click()
    page.get_by_role("option", name="更新 · replace", exact=True).click()
    page.locator("#pa-finder-object input, #pa-finder-object textarea").first.fill("生产设备")
    page.locator("#pa-finder-find").click()
    result = page.locator("#pa-finder-result")
    expect(result.locator(".pa-reply .pa-ref").first).to_be_visible(timeout=60_000)
    expect(result.locator(".pa-finder-asked")).to_contain_text("我们是苏州的一家制造企业，想更新生产设备")
    cited = result.locator(".pa-card")
    assert cited.count() >= 1 and all("苏州" in t for t in cited.locator(".pa-place").all_inner_texts())


def test_the_measures_tab_fits_a_phone(browser, server):
    from playwright.sync_api import expect

    context, page = _measures_tab(browser, server["url"], viewport=PHONE, is_mobile=True, has_touch=True)
    amount = page.locator("#pa-measure-table td.pa-m-instrument").first
    expect(amount).to_be_visible()
    assert amount.bounding_box()["x"] + amount.bounding_box()["width"] <= PHONE["width"]
    page.wait_for_timeout(500)
    page.screenshot(path=str(OUTPUT / "measures_phone.png"), full_page=False)
    _find(page)
    page.locator("#pa-finder").screenshot(path=str(OUTPUT / "finder_phone.png"))
    outside = off_screen(page)
    context.close()
    assert outside == [], outside[:10]
