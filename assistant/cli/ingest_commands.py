"""`python -m assistant add FILE…` and `remove DOC_ID…`: change an index's corpus and rebuild it.

Exit status 0 when everything named was handled; 2 (one line each on stderr) when a file could not be
added or an id was not found, after the others were still added or removed and indexed.
"""

from __future__ import annotations

import sys

_METADATA_OPTIONS = (
    ("title", "the document's title (one file only)"),
    ("city", "the city the document is about"),
    ("province", "the province the document is about"),
    ("doc-number", "the document number, e.g. 苏府〔2024〕12号 (one file only)"),
    ("issue-date", "the date it was issued, e.g. 2024-05-22"),
    ("issuer", "the issuing authority"),
)


def register(subparsers) -> None:
    """Add the `add` and `remove` subcommands to the main parser's subparsers."""
    p = subparsers.add_parser(
        "add", help="add documents to the index's corpus directory and update the index"
    )
    p.add_argument(
        "files", nargs="+", metavar="FILE", help=".txt/.md/.pdf/.docx files; doc_id = file name stem"
    )
    p.add_argument("--replace", action="store_true", help="replace a different document with the same doc_id")
    for name, help_text in _METADATA_OPTIONS:
        p.add_argument(f"--{name}", help=f"{help_text}; written to the corpus manifest.json")
    _location_options(p)
    p.set_defaults(func=cmd_add)

    p = subparsers.add_parser(
        "remove", help="remove documents (moved to <corpus>/.removed/) and update the index"
    )
    p.add_argument("doc_ids", nargs="+", metavar="DOC_ID", help="doc_id or file name of a corpus document")
    _location_options(p)
    p.set_defaults(func=cmd_remove)


def _location_options(parser) -> None:
    parser.add_argument("--index", help="index directory (default: index/)")
    parser.add_argument("--corpus", help="corpus directory (default: the one the index was built from)")


def cmd_add(args) -> int:
    from assistant.indexing.ingest import add_documents

    metadata = {
        name.replace("-", "_"): getattr(args, name.replace("-", "_")) for name, _ in _METADATA_OPTIONS
    }
    return _run(
        add_documents, args.files, args.index, corpus=args.corpus, replace=args.replace, metadata=metadata
    )


def cmd_remove(args) -> int:
    from assistant.indexing.ingest import remove_documents

    return _run(remove_documents, args.doc_ids, args.index, corpus=args.corpus)


def _run(operation, *args, **kwargs) -> int:
    from assistant.indexing.ingest import print_report

    report = operation(*args, **kwargs)  # an IngestError reaches main() as one line
    print_report(report, sys.stderr)
    if not report.changes and not report.problems:
        print("nothing to do", file=sys.stderr)
    return 2 if report.problems else 0
