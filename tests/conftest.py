"""Fixtures the test files share. Sample texts live in tests/samples.py, fakes in tests/fakes.py and
tests/web_fakes.py, command-line helpers in tests/cli_helpers.py."""

from __future__ import annotations

import pytest

from tests.cli_helpers import run, use_fake_model
from tests.samples import write_corpus


@pytest.fixture()
def paths(tmp_path, monkeypatch, capsys):
    """A fake model, a corpus of 甲市 and 乙市, and its index built with `python -m assistant index`."""
    use_fake_model(monkeypatch)
    corpus = write_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    code, _, err = run(capsys, "index", "--corpus", corpus, "--index", index)
    assert code == 0 and "indexed 2 documents, 4 chunks" in err, err
    return corpus, index
