"""The one build path (assistant/indexing/build.py) and the progress lines of the entry points."""

from __future__ import annotations

import json
import logging

import pytest

from assistant.documents.corpus import CorpusError
from assistant.indexing.build import build_from_corpus, indexed_line, open_or_build
from assistant.indexing.index_store import IndexProblem, active_build, load_index, load_targets
from assistant.logs import StderrHandler, show_progress
from tests.fakes import FakeEncoder
from tests.samples import write_corpus


class CountingEncoder(FakeEncoder):
    """A FakeEncoder that counts the passages it embeds, to tell a load from a build."""

    def __init__(self) -> None:
        self.passages = 0

    def encode_passages(self, texts, **kwargs):
        self.passages += len(texts)
        return super().encode_passages(texts, **kwargs)


def test_a_build_reports_skipped_files_and_writes_the_side_files(tmp_path, caplog):
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "表格.xlsx").write_bytes(b"PK")
    with caplog.at_level(logging.INFO, logger="assistant"):
        built = build_from_corpus(corpus, tmp_path / "index", FakeEncoder(), progress=False)
    assert built.skipped == ["表格.xlsx: unsupported file type, skipped"]
    assert "skipped: 表格.xlsx: unsupported file type, skipped" in caplog.messages
    assert built.build == active_build(tmp_path / "index")
    assert indexed_line(built.build) == f"indexed 2 documents, 4 chunks into {built.build}"
    # the side files every shipped index carries: 乙市's 3000 farm machines with its lead department
    targets = [t for t in load_targets(load_index(tmp_path / "index")) if t.doc_id == "jin"]
    assert any("3000" in t.value for t in targets)
    rows = (built.build / "responsibilities.jsonl").read_text(encoding="utf-8").splitlines()
    assert {tuple(json.loads(row)["lead"]) for row in rows} >= {("市交通局",), ("市农业农村局",)}


def test_skipped_files_can_be_left_to_the_caller_to_report(tmp_path, caplog):
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "空白.txt").write_text("", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="assistant"):
        built = build_from_corpus(corpus, tmp_path / "index", FakeEncoder(), report_skipped=False)
    assert built.skipped == ["空白.txt: the file is empty (no text)"]
    assert not [m for m in caplog.messages if m.startswith("skipped:")]


def test_a_corpus_without_a_readable_document_is_refused(tmp_path):
    corpus = tmp_path / "空的"
    corpus.mkdir()
    (corpus / "空白.txt").write_text("   ", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"^no readable documents in .*空的$"):
        build_from_corpus(corpus, tmp_path / "index", FakeEncoder())
    assert active_build(tmp_path / "index") is None


def test_a_missing_index_is_built_from_the_corpus(tmp_path, caplog):
    corpus = write_corpus(tmp_path / "corpus")
    with caplog.at_level(logging.INFO, logger="assistant"):
        index = open_or_build(tmp_path / "index", FakeEncoder(), corpus, progress=False)
    assert len(index.chunks) == 4 and index.manifest["corpus_path"] == str(corpus.resolve())
    assert any(m.startswith("no index yet in") and m.endswith("(2 documents)") for m in caplog.messages)


def test_a_missing_index_without_a_corpus_names_the_command(tmp_path):
    with pytest.raises(IndexProblem, match="python -m assistant index"):
        open_or_build(tmp_path / "index", FakeEncoder())


def test_a_fresh_index_is_only_loaded(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    first = build_from_corpus(corpus, tmp_path / "index", FakeEncoder(), progress=False).build
    encoder = CountingEncoder()
    index = open_or_build(tmp_path / "index", encoder)  # the corpus comes from the manifest
    assert index.directory == first and encoder.passages == 0


def test_a_changed_corpus_is_rebuilt_before_loading(tmp_path, caplog):
    corpus = write_corpus(tmp_path / "corpus")
    first = build_from_corpus(corpus, tmp_path / "index", FakeEncoder(), progress=False).build
    (corpus / "bing.txt").write_text(
        "丙市家电以旧换新方案\n一、任务\n1．开展家电以旧换新。购买一级能效家电给予补贴。（市商务局牵头负责）\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.INFO, logger="assistant"):
        index = open_or_build(tmp_path / "index", FakeEncoder(), progress=False)
    assert index.directory != first and "bing" in {doc.doc_id for doc in index.documents}
    assert any("changed since the index was built; rebuilding" in m for m in caplog.messages)


def test_show_progress_adds_one_handler_writing_to_the_current_stderr(capsys):
    show_progress()
    show_progress()
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, StderrHandler)]
    assert len(handlers) == 1
    logging.getLogger("assistant.indexing.build").info("索引已建立")
    logging.getLogger("bm25s").debug("Building index from tokens")  # other libraries: warnings only
    assert capsys.readouterr().err == "索引已建立\n"
