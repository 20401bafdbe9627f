"""Staff add documents from the page, in real Chromium: the tab exists only with an admin token, a wrong
token is refused, a PDF is added (and then answers), a broken file is named; a fresh index and corpus in a
temporary directory, so the bundled ones are never touched."""

from __future__ import annotations

import shutil
import time

import pytest

from tests.browser_app import (
    BROWSER_TESTS,
    OUTPUT,
    ROOT,
    ask,
    chromium,
    open_page,
    start_app,
    stop,
    wait_until_served,
)

pytestmark = BROWSER_TESTS

TOKEN = "晋城-staff-2024"
PDF = ROOT / "tests" / "data" / "docs" / "zibo_fangan.pdf"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`python app.py --admin-token …` on a small corpus of one plan, indexed on start."""
    base = tmp_path_factory.mktemp("admin")
    corpus = base / "corpus"
    corpus.mkdir()
    text = (ROOT / "corpus" / "004_5a083e21a000c248.txt").read_text(encoding="utf-8")
    (corpus / "jincheng.txt").write_text(text[: text.index("（五）提升教育设备水平")], encoding="utf-8")
    broken = base / "uploads" / "损坏的文件.pdf"
    broken.parent.mkdir()
    broken.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")  # cut off: no pages, no end-of-file marker
    pdf = base / "uploads" / "zibo_fangan.pdf"
    shutil.copy(PDF, pdf)
    args = ["--index", str(base / "index"), "--corpus", str(corpus), "--admin-token", TOKEN]
    process, url = start_app(args, OUTPUT / "admin_app.log")
    try:
        wait_until_served(url, process)
        yield {"url": url, "corpus": corpus, "pdf": pdf, "broken": broken, "index": base / "index"}
    finally:
        stop(process)


def test_staff_add_a_pdf_a_broken_file_is_named_and_the_new_document_answers(server):
    from playwright.sync_api import expect

    with chromium() as browser:
        page = open_page(browser, server["url"])
        before = ask(page, "淄博新能源公交车占比目标是多少？")
        expect(before.locator(".pa-not-found")).to_be_visible()  # 淄博 is not in the corpus yet
        builds = sorted(p.name for p in server["index"].glob("build-*"))

        page.get_by_role("tab", name="添加文件").click()
        page.locator("#pa-admin-files input[type=file]").set_input_files(
            [str(server["pdf"]), str(server["broken"])]
        )
        page.wait_for_timeout(1500)
        page.locator("#pa-admin-token input").fill("wrong token")
        page.locator("#pa-admin-add").click()
        result = page.locator("#pa-admin-result")
        expect(result).to_contain_text("口令不对")
        assert sorted(p.name for p in server["index"].glob("build-*")) == builds  # nothing was rebuilt
        assert not (server["corpus"] / "zibo_fangan.pdf").exists()

        page.locator("#pa-admin-token input").fill(TOKEN)
        page.locator("#pa-admin-add").click()
        expect(result).to_contain_text("已加入", timeout=600_000)
        expect(result).to_contain_text("zibo_fangan.pdf")
        expect(result.locator(".pa-admin-problems")).to_contain_text("损坏的文件.pdf")
        page.screenshot(path=str(OUTPUT / "admin_added.png"))
        assert (server["corpus"] / "zibo_fangan.pdf").exists()

        page.get_by_role("tab", name="问答").click()
        answer = ask(page, "淄博新能源公交车占比目标是多少？")
        expect(answer.locator(".pa-reply")).to_contain_text("90%")
        expect(answer.locator(".pa-card").first.locator(".pa-place")).to_have_text("淄博")
        page.screenshot(path=str(OUTPUT / "admin_new_document_answers.png"))


def test_without_a_token_the_panel_is_absent_and_the_endpoint_refuses(server, tmp_path):
    process, url = start_app(["--index", str(server["index"])], OUTPUT / "no_admin_app.log")
    try:
        wait_until_served(url, process)
        with chromium() as browser:
            page = open_page(browser, url)
            assert page.get_by_role("tab", name="添加文件").count() == 0
            assert page.locator("#pa-admin-add").count() == 0
        from gradio_client import Client

        client = Client(url, verbose=False)
        names = str(client.view_api(return_format="dict", print_info=False))
        assert "add" not in [
            n.strip("/") for n in client.view_api(return_format="dict", print_info=False)["named_endpoints"]
        ]
        assert "admin" not in names
        started = time.monotonic()
        with pytest.raises(Exception):  # noqa: B017  (any refusal; there is no such endpoint)
            client.predict(TOKEN, [str(server["pdf"])], api_name="/add")
        assert time.monotonic() - started < 60
    finally:
        stop(process)
