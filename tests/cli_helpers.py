"""Building a small index the way the CLI does, with a fake model (for tests outside test_cli.py)."""

from __future__ import annotations

from pathlib import Path

from assistant.cli import commands as cli
from tests.test_index_store import JIN, SUZ


def build_index_with_fake_model(tmp_path: Path, monkeypatch, encoder) -> tuple[Path, Path]:
    """A corpus of 甲市 and 乙市 and its index, built with `python -m assistant index` and `encoder`."""
    monkeypatch.setattr("assistant.model.embedding.load_encoder", lambda name=None: encoder)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "suz.txt").write_text(SUZ, encoding="utf-8")
    (corpus / "jin.txt").write_text(JIN, encoding="utf-8")
    index = tmp_path / "index"
    assert cli.main(["index", "--corpus", str(corpus), "--index", str(index)]) == 0
    return corpus, index
