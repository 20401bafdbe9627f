from __future__ import annotations

import json

import pytest
from filelock import FileLock

from assistant.indexing.build import build_from_corpus
from assistant.indexing.index_store import CURRENT, LOCK, build_index, load_index
from assistant.indexing.ingest import (
    REMOVED_DIR,
    Change,
    IngestError,
    add_documents,
    remove_documents,
)
from assistant.indexing.vectors import vector_texts
from assistant.search.retriever import Retriever
from tests.fakes import FakeEncoder
from tests.samples import BING, JIN, SUZ, write_corpus


class CountingEncoder(FakeEncoder):
    """FakeEncoder that records every passage it is asked to embed."""

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def encode_passages(self, texts, **kwargs):
        self.embedded.extend(texts)
        return super().encode_passages(texts)


class BrokenEncoder(FakeEncoder):
    def encode_passages(self, texts, **kwargs):
        raise RuntimeError("the model crashed")


@pytest.fixture()
def corpus(tmp_path):
    """A corpus directory with 甲市 (suz.txt) and 乙市 (jin.txt), indexed into tmp_path/index."""
    directory = write_corpus(tmp_path / "corpus")
    build_from_corpus(directory, tmp_path / "index", FakeEncoder())
    return directory


@pytest.fixture()
def index_dir(corpus):
    return corpus.parent / "index"


@pytest.fixture()
def bing(tmp_path):
    path = tmp_path / "incoming" / "bing.txt"
    path.parent.mkdir()
    path.write_text(BING, encoding="utf-8")
    return path


def snapshot(directory):
    """Every file under a directory (hidden ones included) with its bytes."""
    return {
        str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()
    }


def test_add_embeds_only_the_new_documents_chunks(corpus, index_dir, bing):
    encoder = CountingEncoder()
    report = add_documents([bing], index_dir, encoder=encoder)
    assert report.changes == [Change("bing", "added", "bing.txt")] and not report.problems
    assert (corpus / "bing.txt").read_text(encoding="utf-8") == BING
    index = load_index(index_dir, model_id=FakeEncoder.model_id)
    assert {doc.doc_id for doc in index.documents} == {"suz", "jin", "bing"}
    new_chunks = [chunk for chunk in index.chunks if chunk.doc_id == "bing"]
    new_texts, _ = vector_texts(new_chunks)  # each new chunk's own text and its sentence views
    assert len(new_chunks) == 3 and sorted(encoder.embedded) == sorted(new_texts)
    assert index.manifest["corpus_path"] == str(corpus.resolve())
    hit = Retriever(index, FakeEncoder()).search("家电以旧换新补贴", k=1).hits[0]
    assert hit.chunk.doc_id == "bing" and hit.chunk.lead == ("市商务局",)


def test_adding_the_same_file_again_changes_nothing(corpus, index_dir, bing):
    add_documents([bing], index_dir, encoder=FakeEncoder())
    active = (index_dir / CURRENT).read_text(encoding="utf-8")
    encoder = CountingEncoder()
    report = add_documents([bing, corpus / "suz.txt"], index_dir, encoder=encoder)
    assert [c.action for c in report.changes] == ["unchanged", "unchanged"]
    assert report.build is None and encoder.embedded == []
    assert (index_dir / CURRENT).read_text(encoding="utf-8") == active


def test_a_different_file_with_the_same_name_needs_replace(corpus, index_dir, tmp_path):
    changed = tmp_path / "jin.txt"
    changed.write_text(JIN.replace("3000", "4000"), encoding="utf-8")
    before = snapshot(corpus)
    report = add_documents([changed], index_dir, encoder=FakeEncoder())
    assert report.changes == [] and report.build is None
    assert report.problems == [
        "jin.txt: the corpus already has a different document 'jin' (jin.txt); add --replace to replace it"
    ]
    assert snapshot(corpus) == before

    encoder = CountingEncoder()
    report = add_documents([changed], index_dir, replace=True, encoder=encoder)
    assert report.changes == [Change("jin", "replaced", "jin.txt")]
    # only the edited clause: its own text and its one sentence view
    assert len(encoder.embedded) == 2 and all("4000" in text for text in encoder.embedded)
    assert (corpus / REMOVED_DIR / "jin.txt").read_text(encoding="utf-8") == JIN  # the old version is kept
    assert any("4000" in chunk.text for chunk in load_index(index_dir).chunks)


def test_a_new_format_of_a_document_replaces_it_under_the_same_doc_id(corpus, index_dir, tmp_path):
    markdown = tmp_path / "jin.md"
    markdown.write_text(JIN.replace("3000", "5000"), encoding="utf-8")
    assert "different document 'jin' (jin.txt)" in add_documents([markdown], index_dir).problems[0]
    report = add_documents([markdown], index_dir, replace=True, encoder=FakeEncoder())
    assert report.changes == [Change("jin", "replaced", "jin.md")]
    assert sorted(p.name for p in corpus.iterdir() if p.is_file()) == ["jin.md", "suz.txt"]


def test_unreadable_files_are_reported_by_name_and_the_others_added(corpus, index_dir, bing, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "garbage.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    (bad / ".hidden.txt").write_text(BING, encoding="utf-8")
    files = [
        bad / "empty.txt",
        bing,
        bad / "garbage.txt",
        bad / "sheet.xlsx",
        bad / "missing.txt",
        bad / ".hidden.txt",
    ]
    report = add_documents(files, index_dir, encoder=FakeEncoder())
    assert report.changes == [Change("bing", "added", "bing.txt")]
    assert [line.split(":")[0] for line in report.problems] == [
        "empty.txt",
        "garbage.txt",
        "sheet.xlsx",
        "missing.txt",
        ".hidden.txt",
    ]
    assert "unsupported file type .xlsx" in report.problems[2]
    assert sorted(p.name for p in corpus.iterdir()) == ["bing.txt", "jin.txt", "suz.txt"]
    assert len(load_index(index_dir).documents) == 3


def test_the_same_text_under_another_name_is_not_added_twice(corpus, index_dir, tmp_path):
    copy = tmp_path / "suz_copy.txt"
    copy.write_text(SUZ, encoding="utf-8")
    report = add_documents([copy], index_dir, encoder=FakeEncoder())
    assert report.problems == ["suz_copy.txt: same text as document 'suz' already in the corpus; not added"]
    assert not (corpus / "suz_copy.txt").exists()


def test_metadata_options_go_into_the_manifest(corpus, index_dir, bing):
    metadata = {"title": "丙市设备更新实施方案（修订）", "city": "丙市", "doc_number": "丙政发〔2024〕7号"}
    report = add_documents([bing], index_dir, metadata=metadata, encoder=FakeEncoder())
    assert report.changes == [Change("bing", "added", "bing.txt")]
    entries = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["documents"]
    assert entries == [{"doc_id": "bing", "file": "bing.txt", **metadata}]
    document = next(d for d in load_index(index_dir).documents if d.doc_id == "bing")
    assert (document.title, document.city, document.doc_number) == (
        "丙市设备更新实施方案（修订）",
        "丙市",
        "丙政发〔2024〕7号",
    )

    # Metadata of a document already in the corpus can be corrected the same way.
    report = add_documents([corpus / "suz.txt"], index_dir, metadata={"city": "甲市"}, encoder=FakeEncoder())
    assert report.changes == [Change("suz", "updated", "suz.txt")] and report.build is not None
    assert {d.doc_id: d.city for d in load_index(index_dir).documents}["suz"] == "甲市"


def test_a_title_names_one_document_only(corpus, index_dir, bing):
    with pytest.raises(IngestError, match="--title names one document"):
        add_documents([bing, corpus / "suz.txt"], index_dir, metadata={"title": "某方案"})


def test_remove_moves_the_file_aside_and_embeds_nothing(corpus, index_dir):
    (corpus / "manifest.json").write_text(
        json.dumps({"documents": [{"doc_id": "jin", "file": "jin.txt", "city": "乙市"}]}, ensure_ascii=False),
        encoding="utf-8",
    )
    add_documents([corpus / "jin.txt"], index_dir, encoder=FakeEncoder())  # index the manifest's city
    encoder = CountingEncoder()
    report = remove_documents(["jin"], index_dir, encoder=encoder)
    assert report.changes == [Change("jin", "removed", "jin.txt")] and encoder.embedded == []
    assert (corpus / REMOVED_DIR / "jin.txt").read_text(encoding="utf-8") == JIN
    assert json.loads((corpus / "manifest.json").read_text(encoding="utf-8")) == {"documents": []}
    archived = json.loads((corpus / REMOVED_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert archived["documents"][0]["city"] == "乙市"
    index = load_index(index_dir)
    assert {doc.doc_id for doc in index.documents} == {"suz"} and {c.doc_id for c in index.chunks} == {"suz"}


def test_remove_by_file_name_and_unknown_ids(corpus, index_dir, bing):
    add_documents([bing], index_dir, encoder=FakeEncoder())
    report = remove_documents(["bing.txt", "北京方案"], index_dir, encoder=FakeEncoder())
    assert report.changes == [Change("bing", "removed", "bing.txt")]
    assert report.problems == [f"北京方案: no such document in {corpus}"]
    # Removing it again: the earlier removal is not overwritten.
    add_documents([bing], index_dir, encoder=FakeEncoder())
    remove_documents(["bing"], index_dir, encoder=FakeEncoder())
    assert sorted(p.name for p in (corpus / REMOVED_DIR).iterdir()) == ["bing.txt", "bing.txt.1"]


def test_removing_every_document_is_refused(corpus, index_dir):
    before = snapshot(corpus)
    with pytest.raises(IngestError, match="would leave .* empty; nothing was removed"):
        remove_documents(["suz", "jin"], index_dir, encoder=FakeEncoder())
    assert snapshot(corpus) == before


def test_a_jsonl_corpus_cannot_be_changed(tmp_path, bing):
    records = tmp_path / "docs.jsonl"
    records.write_text(
        json.dumps({"doc_id": "suz", "text": SUZ}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    from assistant.documents.corpus import load_corpus

    build_index(
        load_corpus(records), tmp_path / "index", FakeEncoder(), corpus_path=str(records), progress=False
    )
    for call in (
        lambda: add_documents([bing], tmp_path / "index"),
        lambda: remove_documents(["suz"], tmp_path / "index"),
    ):
        with pytest.raises(IngestError, match="is a file; add/remove need a directory corpus"):
            call()


def test_a_failed_rebuild_leaves_corpus_and_index_as_they_were(corpus, index_dir, bing):
    before, active = snapshot(corpus), (index_dir / CURRENT).read_text(encoding="utf-8")
    with pytest.raises(RuntimeError, match="the model crashed"):
        add_documents([bing], index_dir, metadata={"city": "丙市"}, encoder=BrokenEncoder())
    assert snapshot(corpus) == before  # the copied file and the manifest entry were taken back
    (corpus / "manifest.json").write_text('{"documents": []}', encoding="utf-8")
    before = snapshot(corpus)
    with pytest.raises(RuntimeError):
        add_documents([corpus / "jin.txt"], index_dir, metadata={"city": "乙市"}, encoder=BrokenEncoder())
    assert snapshot(corpus) == before  # an existing manifest is restored byte for byte
    assert (index_dir / CURRENT).read_text(encoding="utf-8") == active
    assert len(load_index(index_dir).documents) == 2


def test_a_running_build_is_reported_before_the_corpus_is_touched(corpus, index_dir, bing):
    before = snapshot(corpus)
    with FileLock(str(index_dir / LOCK), timeout=0):
        with pytest.raises(IngestError, match="another build of .* is running"):
            add_documents([bing], index_dir, encoder=FakeEncoder())
        with pytest.raises(IngestError, match="another build of .* is running"):
            remove_documents(["jin"], index_dir, encoder=FakeEncoder())
    assert snapshot(corpus) == before
    assert add_documents([bing], index_dir, encoder=FakeEncoder()).build is not None  # the lock was let go


def test_the_first_add_creates_corpus_and_index(tmp_path, bing):
    with pytest.raises(IngestError, match="no corpus is known for the index .*; give it with --corpus DIR"):
        add_documents([bing], tmp_path / "index")
    report = add_documents([bing], tmp_path / "index", corpus=tmp_path / "mine", encoder=FakeEncoder())
    assert report.changes == [Change("bing", "added", "bing.txt")]
    assert load_index(tmp_path / "index").manifest["corpus_path"] == str((tmp_path / "mine").resolve())
    # From now on the index remembers its corpus.
    assert remove_documents(["nothing"], tmp_path / "index").problems == [
        f"nothing: no such document in {tmp_path / 'mine'}"
    ]
