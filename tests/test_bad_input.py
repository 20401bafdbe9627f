"""Bad questions, bad files and damaged indexes: each gets a clear message and nothing is lost."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

from assistant.config import PROJECT_ROOT
from assistant.documents.corpus import read_corpus
from assistant.indexing.index_store import (
    CURRENT,
    LOCK,
    IndexProblem,
    active_build,
    build_index,
    load_index,
    read_manifest,
)
from assistant.search.retriever import EMPTY_NOTICE, Retriever, open_retriever
from tests.cli_helpers import one_error_line, run, use_fake_model
from tests.fakes import FakeEncoder
from tests.samples import docs, write_corpus

DOCS = Path(__file__).resolve().parent / "data" / "docs"


@pytest.fixture()
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus")


@pytest.fixture()
def retriever(tmp_path):
    build_index(docs(), tmp_path / "index", FakeEncoder(), progress=False)
    return Retriever.load(tmp_path / "index", encoder=FakeEncoder())


# ---- questions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("question", ["", " ", "\n\t\u3000 ", "\x00\x07\x1b"])
def test_empty_questions_ask_for_a_question(retriever, question):
    result = retriever.search(question)
    assert result.hits == () and not result.answerable and result.notices == (EMPTY_NOTICE,)


def test_control_characters_are_dropped(retriever):
    result = retriever.search("老旧\x00电梯\x1b[31m更新\x07\r\n", k=1)
    assert result.question == "老旧 电梯 [31m更新"
    assert "电梯" in result.hits[0].chunk.text and result.notices == ()


def test_mixed_scripts_are_searched_as_text(retriever):
    result = retriever.search("Elevator лифт エレベーター 🚌 电梯 العربية", k=1)
    assert result.question.startswith("Elevator лифт") and "电梯" in result.hits[0].chunk.text


@pytest.mark.parametrize("question", ["？？？", "!!!...", "……——《》", "🚌🚌"])
def test_a_question_without_words_is_not_answered(retriever, question):
    result = retriever.search(question)
    assert result.question == question and not result.answerable


def test_html_and_javascript_are_only_text(retriever):
    question = "<script>alert('电梯')</script><img src=x onerror=alert(1)> 老旧电梯"
    result = retriever.search(question, k=1)
    assert result.question == question  # kept verbatim: escaping is the interface's job
    assert "电梯" in result.hits[0].chunk.text


def test_html_in_a_document_is_indexed_verbatim(tmp_path):
    text = "丙市方案\n一、任务\n1．推进<b>电梯</b>更新。<script>alert('x')</script>（市住建局牵头负责）\n"
    (tmp_path / "bing.txt").write_text(text, encoding="utf-8")
    build_index(read_corpus(tmp_path).documents, tmp_path / "index", FakeEncoder(), progress=False)
    hit = Retriever.load(tmp_path / "index", encoder=FakeEncoder()).search("电梯", k=1).hits[0]
    assert "<script>alert('x')</script>" in hit.chunk.text and hit.chunk.lead == ("市住建局",)


def test_a_100000_character_question_via_the_cli(corpus, tmp_path, monkeypatch, capsys):
    use_fake_model(monkeypatch)
    assert run(capsys, "index", "--corpus", corpus, "--index", tmp_path / "index")[0] == 0
    question = "公交车辆占比是多少？" * 10_000
    code, out, _ = run(capsys, "ask", question, "--index", tmp_path / "index", "--json")
    payload = json.loads(out)
    assert code == 0 and len(question) == 100_000 and len(payload["question"]) == 1000
    assert any("truncated" in notice for notice in payload["notices"])
    assert "公交" in payload["results"][0]["text"]


# ---- files ---------------------------------------------------------------------------------------


@pytest.fixture()
def messy_corpus(tmp_path):
    """Two good documents (UTF-8 and GBK) among files that cannot be read."""
    directory = tmp_path / "messy"
    directory.mkdir()
    shutil.copy(DOCS / "wuhu_fangan_utf8.txt", directory)
    shutil.copy(DOCS / "shandong_xize_gbk.txt", directory)
    pdf = (DOCS / "zibo_fangan.pdf").read_bytes()
    docx = (DOCS / "zhuzhou_fangan.docx").read_bytes()
    text = "苏州市推动大规模设备更新实施方案，推进老旧住宅电梯更新改造。"
    files = {
        "empty.txt": b"",
        "garbage.txt": bytes(range(256)) * 16,
        "table.xlsx": b"PK\x03\x04" + bytes(200),
        "truncated.pdf": pdf[: len(pdf) // 2],
        "broken.docx": docx[:4000],
        "wrong_encoding.txt": text.encode() + "晋城市方案".encode("gbk") * 3 + text.encode(),
    }
    for name, data in files.items():
        (directory / name).write_bytes(data)
    (directory / ".removed").mkdir()
    shutil.copy(DOCS / "changzhou_cuoshi_utf8_bom.md", directory / ".removed")  # removed: not indexed
    return directory


BAD_FILES = ("broken.docx", "empty.txt", "garbage.txt", "table.xlsx", "truncated.pdf", "wrong_encoding.txt")


def test_read_corpus_reports_each_bad_file_and_keeps_the_rest(messy_corpus):
    corpus = read_corpus(messy_corpus)
    assert sorted(doc.doc_id for doc in corpus.documents) == ["shandong_xize_gbk", "wuhu_fangan_utf8"]
    assert sorted(problem.split(":")[0] for problem in corpus.problems) == sorted(BAD_FILES)
    assert "产品" not in "".join(corpus.problems)  # messages, not file contents


def test_index_command_skips_bad_files_by_name(messy_corpus, tmp_path, monkeypatch, capsys):
    use_fake_model(monkeypatch)
    code, out, err = run(capsys, "index", "--corpus", messy_corpus, "--index", tmp_path / "index")
    skipped = [line for line in err.splitlines() if line.startswith("skipped: ")]
    assert code == 0 and out == "" and "Traceback" not in err
    assert sorted(line.split(":")[1].strip() for line in skipped) == sorted(BAD_FILES)
    assert "indexed 2 documents" in err
    assert {doc.doc_id for doc in load_index(tmp_path / "index").documents} == {
        "shandong_xize_gbk",
        "wuhu_fangan_utf8",
    }


def test_an_invalid_corpus_manifest_is_one_line(corpus, tmp_path, monkeypatch, capsys):
    use_fake_model(monkeypatch)
    (corpus / "manifest.json").write_text('{"documents": [', encoding="utf-8")
    code, _, err = run(capsys, "index", "--corpus", corpus, "--index", tmp_path / "index")
    assert code == 2 and "manifest.json: not a valid manifest" in one_error_line(err)


# ---- damaged indexes -----------------------------------------------------------------------------


def _truncate_vectors(build: Path) -> None:
    data = (build / "embeddings.npy").read_bytes()
    (build / "embeddings.npy").write_bytes(data[: len(data) // 3])


def _corrupt_chunks(build: Path) -> None:
    lines = (build / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
    (build / "chunks.jsonl").write_text("\n".join(lines[:-1]) + '\n{"chunk_id": ', encoding="utf-8")


def _edit_manifest(**changes):
    def edit(build: Path) -> None:
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
        manifest.update(changes)
        (build / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    return edit


def _garble_manifest(build: Path) -> None:
    (build / "manifest.json").write_bytes(b"\x00\xff not json")


def _delete_embeddings(build: Path) -> None:
    (build / "embeddings.npy").unlink()


def _delete_build(build: Path) -> None:
    shutil.rmtree(build)


FAULTS = {
    "truncated vector file": _truncate_vectors,
    "corrupted chunks file": _corrupt_chunks,
    "older manifest format": _edit_manifest(format_version=0),
    "another model": _edit_manifest(model_id="intfloat/multilingual-e5-large"),
    "unreadable manifest": _garble_manifest,
    "missing embeddings": _delete_embeddings,
    "CURRENT names a deleted build": _delete_build,
}


@pytest.fixture(params=list(FAULTS), ids=list(FAULTS))
def damaged(request, corpus, tmp_path):
    """An index of `corpus` with one fault; returns the index directory."""
    index_dir = tmp_path / "index"
    build = build_index(
        read_corpus(corpus).documents, index_dir, FakeEncoder(), corpus_path=str(corpus), progress=False
    )
    FAULTS[request.param](build)
    return index_dir


def test_a_damaged_index_is_rebuilt_from_its_corpus(damaged, corpus):
    retriever = open_retriever(damaged, encoder=FakeEncoder(), corpus=corpus)
    assert "农机" in retriever.search("农机报废更新", k=1).hits[0].chunk.text
    assert len(load_index(damaged, model_id=FakeEncoder.model_id).chunks) == 4


def test_without_a_corpus_argument_the_manifest_names_the_corpus_or_the_command(damaged):
    # Where the manifest can still be read, the corpus it records rebuilds the index;
    # where it cannot, nothing says which corpus to use, so the error names the command.
    try:
        manifest = read_manifest(damaged)
    except IndexProblem:
        manifest = None
    if manifest is None:
        with pytest.raises(IndexProblem, match=r"python -m assistant index"):
            open_retriever(damaged, encoder=FakeEncoder())
    else:
        retriever = open_retriever(damaged, encoder=FakeEncoder())
        assert "农机" in retriever.search("农机报废更新", k=1).hits[0].chunk.text


def test_a_damaged_index_whose_corpus_is_gone_names_the_command(damaged, corpus):
    shutil.rmtree(corpus)
    with pytest.raises(IndexProblem, match=r"python -m assistant index"):
        open_retriever(damaged, encoder=FakeEncoder())


def test_the_cli_refuses_a_damaged_index_in_one_line(damaged, corpus, monkeypatch, capsys):
    shutil.rmtree(corpus)
    use_fake_model(monkeypatch)
    code, out, err = run(capsys, "ask", "农机报废更新", "--index", damaged)
    assert code == 2 and out == "" and "python -m assistant index" in one_error_line(err)


# ---- builds that collide or crash ----------------------------------------------------------------


def test_a_build_while_another_runs_is_refused(corpus, tmp_path, monkeypatch, capsys):
    use_fake_model(monkeypatch)
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    with FileLock(str(index_dir / LOCK), timeout=0):
        code, _, err = run(capsys, "index", "--corpus", corpus, "--index", index_dir)
    assert code == 2 and "another build of" in one_error_line(err) and active_build(index_dir) is None
    assert run(capsys, "index", "--corpus", corpus, "--index", index_dir)[0] == 0


def test_the_lock_is_released_after_a_failed_build(tmp_path):
    class CrashingEncoder(FakeEncoder):
        def encode_passages(self, texts, **kwargs):
            raise MemoryError("out of memory")

    with pytest.raises(MemoryError):
        build_index(docs(), tmp_path, CrashingEncoder(), progress=False)
    with FileLock(str(tmp_path / LOCK), timeout=0):
        pass  # free again
    assert build_index(docs(), tmp_path, FakeEncoder(), progress=False) == active_build(tmp_path)


_KILLED_BUILD = """
import sys, time
from pathlib import Path
import assistant.indexing.keyword
from assistant.documents.corpus import read_corpus
from assistant.indexing.index_store import build_index
from tests.fakes import FakeEncoder

def stall(texts):  # the build directory already holds its first files when this runs
    Path(sys.argv[3]).write_text("building")
    time.sleep(60)

assistant.indexing.keyword.KeywordIndex.build = staticmethod(stall)
build_index(read_corpus(sys.argv[1]).documents, Path(sys.argv[2]), FakeEncoder(), progress=False)
"""


def test_a_build_killed_half_way_leaves_the_old_index_working(corpus, tmp_path):
    index_dir, ready = tmp_path / "index", tmp_path / "ready"
    old = build_index(read_corpus(corpus).documents[:1], index_dir, FakeEncoder(), progress=False)
    process = subprocess.Popen(
        [sys.executable, "-c", _KILLED_BUILD, str(corpus), str(index_dir), str(ready)], cwd=PROJECT_ROOT
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists(), "the child build did not start"
        with pytest.raises(IndexProblem, match="another build"):
            build_index(docs(), index_dir, FakeEncoder(), progress=False)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    half_built = [p for p in index_dir.glob("build-*") if p != old]
    assert len(half_built) == 1 and not (half_built[0] / "manifest.json").exists()
    assert (index_dir / CURRENT).read_text(encoding="utf-8") == old.name
    assert len(load_index(index_dir).documents) == 1  # the old index still answers
    new = build_index(
        read_corpus(corpus).documents, index_dir, FakeEncoder(), progress=False
    )  # lock not stuck
    assert len(load_index(index_dir).documents) == 2
    assert sorted(index_dir.glob("build-*")) == sorted([old, new])  # the half-built directory was cleared
