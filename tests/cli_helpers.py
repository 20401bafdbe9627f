"""Running the command line in-process with a fake model: exit status and output, one-line errors."""

from __future__ import annotations

from pathlib import Path

from assistant.cli import commands as cli
from tests.fakes import FakeEncoder
from tests.samples import write_corpus


def use_fake_model(monkeypatch, encoder=None) -> None:
    """Every `load_encoder()` the CLI makes returns a FakeEncoder (or the given encoder)."""
    encoder = encoder or FakeEncoder()
    monkeypatch.setattr("assistant.model.embedding.load_encoder", lambda name=None: encoder)


def run(capsys, *argv) -> tuple[int, str, str]:
    """cli.main in-process: exit status, stdout, stderr."""
    code = cli.main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    """The single `error: …` line a user error prints, with no traceback."""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    return lines[0]


def build_index_with_fake_model(tmp_path: Path, monkeypatch, encoder=None) -> tuple[Path, Path]:
    """A corpus of 甲市 and 乙市 and its index, built with `python -m assistant index` and `encoder`."""
    use_fake_model(monkeypatch, encoder)
    corpus = write_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    assert cli.main(["index", "--corpus", str(corpus), "--index", str(index)]) == 0
    return corpus, index
