"""Load a corpus: a directory of documents (with an optional manifest.json) or a JSONL file of records."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.documents.cleaning import clean_text
from assistant.documents.periods import time_extra
from assistant.errors import AssistantError
from assistant.jsonl import JsonlError, parse_jsonl
from assistant.records import Document

MANIFEST = "manifest.json"
_FIELDS = ("title", "city", "province", "level", "doc_number", "issue_date", "issuer", "source")


class CorpusError(AssistantError):
    """A corpus the user named cannot be read at all (one clear line)."""


@dataclass
class Corpus:
    documents: list[Document]
    problems: list[str] = field(default_factory=list)  # one line per file that could not be read


def load_corpus(path: Path | str) -> list[Document]:
    """The documents of a corpus directory or JSONL file (unreadable files are skipped)."""
    return read_corpus(path).documents


def read_corpus(path: Path | str) -> Corpus:
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"corpus not found: {path}")
    if path.is_dir():
        return _read_directory(path)
    if path.suffix.lower() in (".jsonl", ".json"):
        return _read_jsonl(path)
    return _read_files([path], {})


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_document(doc_id: str, raw_text: str, meta: dict, inferred: dict | None = None) -> Document:
    """A Document from raw text: cleaned, with manifest metadata overriding what was inferred."""
    merged = {key: str(value) for key, value in (inferred or {}).items() if key in _FIELDS and value}
    merged.update({key: str(meta[key]) for key in _FIELDS if meta.get(key)})
    extra = {
        key: value
        for key, value in meta.items()
        if key not in _FIELDS and key not in ("doc_id", "text", "file")
    }
    text, title = clean_text(raw_text), merged.get("title") or doc_id
    extra = {**time_extra(text, title, merged.get("issue_date", "")), **extra}  # periods.py: dates in force
    return Document(
        doc_id=doc_id,
        title=title,
        text=text,
        city=merged.get("city", ""),
        province=merged.get("province", ""),
        doc_number=merged.get("doc_number", ""),
        issue_date=merged.get("issue_date", ""),
        issuer=merged.get("issuer", ""),
        level=merged.get("level", ""),
        source=merged.get("source", ""),
        content_hash=sha256_text(raw_text),
        extra=extra,
    )


def load_manifest(directory: Path) -> dict[str, dict]:
    """Manifest entries by file name and by doc_id."""
    path = directory / MANIFEST
    if not path.exists():
        return {}
    try:
        entries = json.loads(path.read_text(encoding="utf-8")).get("documents", [])
    except (json.JSONDecodeError, AttributeError) as exc:
        raise CorpusError(f"{path}: not a valid manifest ({exc})") from exc
    by_key: dict[str, dict] = {}
    for entry in entries:
        for key in (entry.get("file"), entry.get("doc_id")):
            if key:
                by_key[key] = entry
    return by_key


def _read_directory(directory: Path) -> Corpus:
    from assistant.documents.readers import SUPPORTED_SUFFIXES

    files = sorted(
        p for p in directory.iterdir() if p.is_file() and p.name != MANIFEST and not p.name.startswith(".")
    )
    problems = [
        f"{p.name}: unsupported file type, skipped"
        for p in files
        if p.suffix.lower() not in SUPPORTED_SUFFIXES
    ]
    files = [p for p in files if p.suffix.lower() in SUPPORTED_SUFFIXES]
    corpus = _read_files(files, load_manifest(directory))
    corpus.problems[:0] = problems
    return corpus


def _read_files(files: list[Path], manifest: dict[str, dict]) -> Corpus:
    from assistant.documents.metadata import infer_metadata
    from assistant.documents.readers import ReadError, read_document_text

    corpus = Corpus([])
    for file in files:
        try:
            raw = read_document_text(file)
        except ReadError as exc:
            corpus.problems.append(str(exc))
            continue
        meta = manifest.get(file.name) or manifest.get(file.stem) or {}
        doc_id = str(meta.get("doc_id") or file.stem)
        corpus.documents.append(make_document(doc_id, raw, meta, infer_metadata(raw, file.stem)))
    return corpus


def _read_jsonl(path: Path) -> Corpus:
    from assistant.documents.metadata import infer_metadata

    corpus = Corpus([])
    seen: set[str] = set()
    try:
        records = parse_jsonl(path.read_text(encoding="utf-8"), where=f"{path}:")
    except (JsonlError, UnicodeDecodeError) as exc:
        raise CorpusError(str(exc)) from exc
    for number, record in records:
        if not record.get("doc_id") or not isinstance(record.get("text"), str):
            raise CorpusError(f'{path}:{number}: each line needs "doc_id" and "text"')
        doc_id = str(record["doc_id"])
        if doc_id in seen:
            raise CorpusError(f"{path}:{number}: duplicate doc_id {doc_id!r}")
        seen.add(doc_id)
        if not record["text"].strip():
            corpus.problems.append(f"{doc_id}: empty text, skipped")
            continue
        inferred = infer_metadata(record["text"], doc_id, str(record.get("title") or ""))
        corpus.documents.append(make_document(doc_id, record["text"], record, inferred))
    return corpus
