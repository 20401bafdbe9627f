"""Adding documents from the page, without a browser: the token, the checks, the swap, a failed build."""

from __future__ import annotations

import pytest

from assistant.search.retriever import Retriever
from assistant.web.admin_settings import AdminSettings, admin_token, token_ok
from assistant.web.admin_view import add_files, checked_files
from assistant.web.live import LiveRetriever
from tests.cli_helpers import build_index_with_fake_model
from tests.fakes import FakeEncoder
from tests.samples import BING


def test_the_token_comes_from_the_command_line_or_the_environment(monkeypatch):
    monkeypatch.delenv("POLICY_ASSISTANT_ADMIN_TOKEN", raising=False)
    assert admin_token(None) is None and admin_token("  ") is None
    assert admin_token("口令") == "口令"
    monkeypatch.setenv("POLICY_ASSISTANT_ADMIN_TOKEN", "环境口令")
    assert admin_token(None) == "环境口令" and admin_token("命令行") == "命令行"


def test_only_the_right_token_passes():
    settings = AdminSettings("晋城-2024")
    assert token_ok(settings, "晋城-2024") and token_ok(settings, " 晋城-2024 ")
    assert not token_ok(settings, "") and not token_ok(settings, None) and not token_ok(settings, "晋城")


def test_files_of_other_types_or_too_large_are_named(tmp_path):
    small, big, image = tmp_path / "方案.txt", tmp_path / "大文件.pdf", tmp_path / "图片.png"
    small.write_text("一、目标", encoding="utf-8")
    big.write_bytes(b"%PDF" + b"0" * (1024 * 1024 + 10))
    image.write_bytes(b"\x89PNG")
    kept, problems = checked_files([small, big, image], max_megabytes=1)
    assert kept == [small]
    assert problems[0].startswith("大文件.pdf：超过 1 MB") and problems[1].startswith(
        "图片.png：不支持的文件类型"
    )


@pytest.fixture()
def served(tmp_path, monkeypatch):
    encoder = FakeEncoder()
    corpus, index = build_index_with_fake_model(tmp_path, monkeypatch, encoder)
    return corpus, index, LiveRetriever(Retriever.load(index, encoder=encoder))


def test_an_added_file_is_indexed_and_served_and_a_broken_one_named(served, tmp_path):
    corpus, index, live = served
    (tmp_path / "bing.txt").write_text(BING, encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n")
    page = add_files(AdminSettings("t", index), live, [tmp_path / "bing.txt", tmp_path / "scan.pdf"])
    assert "bing.txt (added)" in page and "scan.pdf: the PDF is truncated or corrupt" in page
    assert live.version == 1 and "bing" in {d.doc_id for d in live.documents}
    assert (corpus / "bing.txt").exists()


def test_a_failed_build_leaves_the_old_index_serving(served, tmp_path):
    corpus, index, live = served
    (tmp_path / "bing.txt").write_text(BING, encoding="utf-8")
    before = sorted(d.doc_id for d in live.documents)

    class Broken(FakeEncoder):
        def encode_passages(self, texts, **kwargs):
            raise RuntimeError("out of memory")

    live.current.encoder = Broken()
    page = add_files(AdminSettings("t", index), live, [tmp_path / "bing.txt"])
    assert "添加失败，旧索引仍在服务" in page and "RuntimeError" in page
    assert live.version == 0 and sorted(d.doc_id for d in live.documents) == before
    assert sorted(d.doc_id for d in Retriever.load(index, encoder=FakeEncoder()).documents) == before
    assert not (corpus / "bing.txt").exists()
