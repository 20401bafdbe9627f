"""Add documents to an index's corpus directory or remove them from it, then rebuild the index.

The corpus directory (`corpus_path` in the active build's manifest) is the source of truth: `add`
copies files into it, `remove` moves them to `<corpus>/.removed/` (nothing is deleted), and the index
is rebuilt by `build.build_from_corpus`, which embeds again only chunks whose text it has not embedded before.
When the rebuild fails, the corpus changes are undone, so corpus and working index still agree.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import DEFAULT_CORPUS_DIR, DEFAULT_INDEX_DIR
from assistant.documents.corpus import MANIFEST, load_manifest, sha256_text
from assistant.errors import AssistantError
from assistant.indexing.build import build_from_corpus
from assistant.indexing.index_store import LOCK, active_build, read_manifest

REMOVED_DIR = ".removed"
_ONE_DOCUMENT_FIELDS = ("title", "doc_number")  # cannot be shared by several files


class IngestError(AssistantError):
    """The corpus cannot be changed as asked (one clear line)."""


@dataclass(frozen=True)
class Change:
    """What happened to one document: added, replaced, updated (metadata only), unchanged or removed."""

    doc_id: str
    action: str
    file: str


@dataclass
class IngestReport:
    changes: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line per named file or id not handled
    skipped: list[str] = field(default_factory=list)  # other corpus files the rebuild could not read
    build: Path | None = None  # the new active build; None when nothing changed

    @property
    def changed(self) -> bool:
        return any(change.action != "unchanged" for change in self.changes)


class _Journal:
    """The corpus edits made so far, undone in reverse order when the rebuild fails."""

    def __init__(self) -> None:
        self._undo: list[Callable[[], None]] = []

    def copy(self, source: Path, target: Path) -> None:
        tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
        self._undo.append(lambda: target.unlink(missing_ok=True))

    def move(self, source: Path, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        self._undo.append(lambda: os.replace(target, source))

    def write_json(self, path: Path, data: dict) -> None:
        before = path.read_bytes() if path.exists() else None
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
        self._undo.append(
            lambda: path.write_bytes(before) if before is not None else path.unlink(missing_ok=True)
        )

    def undo(self) -> None:
        for step in reversed(self._undo):
            step()
        self._undo.clear()

    def __enter__(self) -> _Journal:
        return self

    def __exit__(self, kind, exc, traceback) -> None:
        """On any failure (Ctrl-C included) undo the edits; a failure the user can act on becomes one line."""
        if exc is None:
            return
        self.undo()
        if isinstance(exc, AssistantError | OSError):
            raise IngestError(f"{exc}; the corpus was left as it was") from exc


def resolve_corpus(index_dir: Path | None, corpus: Path | str | None, *, create: bool = False) -> Path:
    """The corpus directory to change: `corpus` if given, else the one the index was built from."""
    index_dir = Path(index_dir) if index_dir else DEFAULT_INDEX_DIR
    recorded = read_manifest(index_dir).get("corpus_path") if active_build(index_dir) else None
    if corpus or recorded:
        path = Path(corpus or recorded)
    elif index_dir == DEFAULT_INDEX_DIR:
        path = DEFAULT_CORPUS_DIR
    else:
        raise IngestError(f"no corpus is known for the index {index_dir}; give it with --corpus DIR")
    if path.is_file():
        raise IngestError(
            f"the corpus {path} is a file; add/remove need a directory corpus (put the documents in a "
            f"directory and run: python -m assistant index --corpus DIR --index {index_dir})"
        )
    if not path.exists():
        if not (create and corpus):
            raise IngestError(
                f"corpus directory {path} not found; run: python -m assistant index --corpus DIR --index {index_dir}"
            )
        path.mkdir(parents=True)
    return path


def corpus_files(corpus_dir: Path) -> dict[str, Path]:
    """The corpus's document files by doc_id (the manifest's doc_id for the file, else its stem)."""
    from assistant.documents.readers import SUPPORTED_SUFFIXES

    manifest = load_manifest(corpus_dir)
    files = sorted(p for p in corpus_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    return {
        _doc_id(p.name, manifest): p
        for p in files
        if p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != MANIFEST
    }


def add_documents(
    files: Sequence[Path | str],
    index_dir: Path | str | None = None,
    *,
    corpus: Path | str | None = None,
    replace: bool = False,
    metadata: dict[str, str] | None = None,
    encoder=None,
) -> IngestReport:
    """Copy readable files into the corpus (doc_id = file stem) and rebuild; unreadable ones are reported."""
    from assistant.documents.readers import ReadError, read_document_text

    index_dir = Path(index_dir) if index_dir else DEFAULT_INDEX_DIR
    metadata = {key: value for key, value in (metadata or {}).items() if value}
    shared = [key for key in _ONE_DOCUMENT_FIELDS if key in metadata]
    if shared and len(files) > 1:
        raise IngestError(f"--{shared[0].replace('_', '-')} names one document; give one file with it")
    corpus_dir = resolve_corpus(index_dir, corpus, create=True)
    _check_not_building(index_dir)
    existing = corpus_files(corpus_dir)
    hashes = _indexed_hashes(index_dir)
    report, journal = IngestReport(), _Journal()
    manifest, ids_by_key, manifest_changed = _raw_manifest(corpus_dir), load_manifest(corpus_dir), False
    with journal:
        for source in dict.fromkeys(Path(f) for f in files):
            if source.name.startswith("."):
                report.problems.append(
                    f"{source.name}: hidden files (name starting with '.') are not indexed"
                )
                continue
            try:
                raw = read_document_text(source)
            except ReadError as exc:
                report.problems.append(str(exc))
                continue
            doc_id = _doc_id(source.name, ids_by_key)
            action = _place_file(source, raw, doc_id, corpus_dir, existing, hashes, replace, journal, report)
            if action is None:
                continue
            file_name = existing[doc_id].name
            if _set_entry(manifest, doc_id, file_name, metadata):
                manifest_changed = True
                action = "updated" if action == "unchanged" else action
            report.changes.append(Change(doc_id, action, file_name))
        if manifest_changed:
            journal.write_json(corpus_dir / MANIFEST, manifest)
        if report.changed:
            report.build, report.skipped = build_from_corpus(
                corpus_dir, index_dir, encoder, report_skipped=False
            )
    return report


def remove_documents(
    doc_ids: Sequence[str],
    index_dir: Path | str | None = None,
    *,
    corpus: Path | str | None = None,
    encoder=None,
) -> IngestReport:
    """Move the documents' files to <corpus>/.removed/ (manifest entries too) and rebuild."""
    index_dir = Path(index_dir) if index_dir else DEFAULT_INDEX_DIR
    corpus_dir = resolve_corpus(index_dir, corpus)
    _check_not_building(index_dir)
    existing = corpus_files(corpus_dir)
    by_name = {path.name: doc_id for doc_id, path in existing.items()}
    report, journal = IngestReport(), _Journal()
    wanted: list[str] = []
    for name in dict.fromkeys(doc_ids):
        doc_id = name if name in existing else by_name.get(name)
        if doc_id is None:
            report.problems.append(f"{name}: no such document in {corpus_dir}")
        elif doc_id not in wanted:
            wanted.append(doc_id)
    if wanted and len(wanted) == len(existing):
        raise IngestError(f"removing {', '.join(wanted)} would leave {corpus_dir} empty; nothing was removed")
    with journal:
        manifest = _raw_manifest(corpus_dir)
        removed_entries = []
        for doc_id in wanted:
            path = existing[doc_id]
            journal.move(path, _free_name(corpus_dir / REMOVED_DIR, path.name))
            removed_entries.extend(_pop_entries(manifest, doc_id, path.name))
            report.changes.append(Change(doc_id, "removed", path.name))
        if removed_entries:
            journal.write_json(corpus_dir / MANIFEST, manifest)
            archive = _raw_manifest(corpus_dir / REMOVED_DIR)
            archive["documents"].extend(removed_entries)
            journal.write_json(corpus_dir / REMOVED_DIR / MANIFEST, archive)
        if report.changed:
            report.build, report.skipped = build_from_corpus(
                corpus_dir, index_dir, encoder, report_skipped=False
            )
    return report


def _place_file(source, raw, doc_id, corpus_dir, existing, hashes, replace, journal, report) -> str | None:
    """Copy `source` into the corpus unless it is already there; the action taken, or None (a problem)."""
    target = corpus_dir / source.name
    current = existing.get(doc_id)
    if current is not None and _same_file(source, current):
        return "unchanged"
    digest = sha256_text(raw)
    twin = hashes.get(digest)
    if twin is not None and twin != doc_id:
        report.problems.append(
            f"{source.name}: same text as document {twin!r} already in the corpus; not added"
        )
        return None
    if current is not None and not replace:
        report.problems.append(
            f"{source.name}: the corpus already has a different document {doc_id!r} ({current.name}); "
            "add --replace to replace it"
        )
        return None
    if current is not None:
        journal.move(current, _free_name(corpus_dir / REMOVED_DIR, current.name))
    journal.copy(source, target)
    existing[doc_id] = target
    hashes[digest] = doc_id
    return "replaced" if current is not None else "added"


def _check_not_building(index_dir: Path) -> None:
    """Refuse before touching the corpus while another process is building this index."""
    from filelock import FileLock, Timeout

    if not index_dir.is_dir():
        return
    lock = FileLock(str(index_dir / LOCK), timeout=0)
    try:
        lock.acquire()
    except Timeout as exc:
        raise IngestError(
            f"another build of {index_dir} is running; wait for it to finish and try again"
        ) from exc
    lock.release()


def _indexed_hashes(index_dir: Path) -> dict[str, str]:
    """doc_id by content hash for the documents of the active build (empty when there is none)."""
    build = active_build(index_dir)
    if build is None:
        return {}
    try:
        with (build / "documents.jsonl").open(encoding="utf-8") as rows:
            records = [json.loads(line) for line in rows if line.strip()]
    except (OSError, ValueError):
        return {}
    return {r["content_hash"]: r["doc_id"] for r in records if isinstance(r, dict) and r.get("content_hash")}


def _doc_id(file_name: str, manifest: dict[str, dict]) -> str:
    meta = manifest.get(file_name) or manifest.get(Path(file_name).stem) or {}
    return str(meta.get("doc_id") or Path(file_name).stem)


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    return a.name == b.name and a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()


def _free_name(directory: Path, name: str) -> Path:
    """`directory/name`, or name.1, name.2 … when an earlier removal already used it."""
    candidate, number = directory / name, 0
    while candidate.exists():
        number += 1
        candidate = directory / f"{name}.{number}"
    return candidate


def _raw_manifest(directory: Path) -> dict:
    path = directory / MANIFEST
    if not path.exists():
        return {"documents": []}
    data = json.loads(path.read_text(encoding="utf-8"))  # load_manifest has already rejected bad JSON
    data.setdefault("documents", [])
    return data


def _set_entry(manifest: dict, doc_id: str, file_name: str, metadata: dict[str, str]) -> bool:
    """Bring the document's manifest entry up to date (file name, given metadata); True when it changed.

    Without metadata and without an entry nothing is written: the loader infers what it needs.
    """
    entries = manifest["documents"]
    entry = next((e for e in entries if e.get("doc_id") == doc_id), None)
    entry = entry or next((e for e in entries if Path(str(e.get("file", ""))).stem == doc_id), None)
    if entry is None and not metadata:
        return False
    if entry is None:
        entry = {"doc_id": doc_id}
        entries.append(entry)
    before = dict(entry)
    entry.update({"doc_id": doc_id, "file": file_name, **metadata})
    return entry != before


def _pop_entries(manifest: dict, doc_id: str, file_name: str) -> list[dict]:
    entries = manifest["documents"]
    gone = [e for e in entries if e.get("doc_id") == doc_id or e.get("file") == file_name]
    manifest["documents"] = [e for e in entries if not any(e is g for g in gone)]
    return gone


def print_report(report: IngestReport, out=sys.stderr) -> None:
    """One line per change, skipped corpus file and problem."""
    lines: Iterable[str] = (
        *(f"{c.action}: {c.doc_id} ({c.file})" for c in report.changes),
        *(f"skipped: {line}" for line in report.skipped),
        *(f"error: {line}" for line in report.problems),
    )
    for line in lines:
        print(line, file=out)
    if report.build is not None:
        from assistant.indexing.build import indexed_line

        print(indexed_line(report.build), file=out)
