"""`python -m assistant …`: index, retrieve (the evaluators' batch contract), ask, targets, measures.

Heavy modules are imported only by the subcommand that needs them. Errors a user can fix print one
line on stderr and exit with status 2; data goes to stdout, progress to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.documents.places import same_place
from assistant.errors import AssistantError
from assistant.jsonl import JsonlError, parse_jsonl
from assistant.search.hits import hit_json


class UserError(AssistantError):
    """A problem with the command line the user can fix; printed as one line."""


def as_of_day(text: str) -> str:
    """--as-of: a YYYY-MM-DD day, or a usage error."""
    from datetime import date

    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_time_options(parser: argparse.ArgumentParser) -> None:
    """--as-of and --in-force (issue 13): the day statuses are judged on, and in-force documents only."""
    parser.add_argument("--as-of", type=as_of_day, help="judge in force / ended on this day (default today)")
    parser.add_argument("--in-force", action="store_true", help="only documents in force on that day")


def dated_status(hit) -> str:
    """ "印发 2026-07-03 · 现行有效 In force" for a citation."""
    from assistant.knowledge.standing import status_label

    parts = [
        f"印发 {hit.issued}" if hit.issued else "",
        status_label(hit.status, "zh"),
        status_label(hit.status, "en"),
    ]
    return " · ".join(p for p in parts[:2] if p) + (f" {parts[2]}" if parts[2] else "")


def _retriever(args):
    """The retriever over --index, built first when it is missing, stale or unreadable."""
    from assistant.search.retriever import open_retriever

    return open_retriever(args.index, corpus=getattr(args, "corpus", None))


def cmd_index(args) -> int:
    from assistant.config import DEFAULT_CORPUS_DIR, DEFAULT_INDEX_DIR
    from assistant.indexing.build import build_from_corpus, indexed_line

    built = build_from_corpus(args.corpus or DEFAULT_CORPUS_DIR, args.index or DEFAULT_INDEX_DIR)
    print(indexed_line(built.build), file=sys.stderr)
    return 0


def _read_questions(path: str) -> list[dict]:
    file = Path(path)
    if not file.exists():
        raise UserError(f"questions file not found: {path}")
    try:
        records = parse_jsonl(file.read_text(encoding="utf-8"), where=f"{path}:")
    except (JsonlError, UnicodeDecodeError) as exc:
        raise UserError(str(exc)) from exc
    for number, record in records:
        if "id" not in record or not isinstance(record.get("question"), str):
            raise UserError(f'{path}:{number}: each line needs "id" and "question"')
    return [record for _, record in records]


def cmd_retrieve(args) -> int:
    questions = _read_questions(args.questions)
    retriever = _retriever(args)
    batch = 256
    for start in range(0, len(questions), batch):
        part = questions[start : start + batch]
        results = retriever.search_batch(
            [q["question"] for q in part], k=args.k, mode=args.mode, as_of=args.as_of, in_force=args.in_force
        )
        for record, result in zip(part, results, strict=True):
            line = {
                "id": record["id"],
                "answerable": result.answerable,
                "results": [hit_json(h) for h in result.hits],
            }
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        print(f"{min(start + batch, len(questions))}/{len(questions)} questions", file=sys.stderr)
    return 0


def cmd_ask(args) -> int:
    from assistant.config import MAX_CITATIONS, MIN_CITATIONS
    from assistant.search.query import prepare_question

    if not prepare_question(args.question)[0]:  # checked before any model is loaded
        raise UserError(
            'the question is empty; ask for example: python -m assistant ask "苏州新能源公交占比目标是多少？"'
        )
    if not MIN_CITATIONS <= args.k <= MAX_CITATIONS:
        raise UserError(f"--k must be between {MIN_CITATIONS} and {MAX_CITATIONS} (clauses to cite)")
    from assistant.web.session import ask

    retriever = _retriever(args)
    cities = tuple(args.city or ())
    unknown = [c for c in cities if c not in retriever.cities]
    if unknown:
        raise UserError(f"unknown city {unknown[0]!r}; the corpus covers: {', '.join(retriever.cities)}")
    answer = ask(
        retriever, args.question, cities=cities, k=args.k, as_of=args.as_of, in_force=args.in_force
    ).answer
    if args.json:
        payload = {
            "question": answer.question,
            "answerable": answer.answerable,
            "reply": answer.reply,
            "notices": list(answer.notices),
            "results": [hit_json(h) for h in answer.hits],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(answer.reply)
    for notice in answer.notices:
        print(notice)
    for hit in answer.hits:
        chunk = hit.chunk
        number = hit.rank if answer.answerable else "·"
        print(
            f"\n[{number}] {chunk.city or chunk.province} · {chunk.title}"
            f"{' ' + chunk.doc_number if chunk.doc_number else ''}"
        )
        print(f"    {dated_status(hit)}")
        print(f"    {chunk.section}")
        if chunk.lead or chunk.support:
            print(f"    牵头: {'、'.join(chunk.lead) or '—'}   配合: {'、'.join(chunk.support) or '—'}")
        print("    " + chunk.text.replace("\n", "\n    "))
    return 0


def cmd_targets(args) -> int:
    from assistant.knowledge.target_table import empty_message, filter_targets, render

    targets, leads, places = _stored_targets(args)
    if args.city and not any(same_place(args.city, place) for place in places):
        raise UserError(f"unknown city {args.city!r}; the corpus covers: {', '.join(places)}")
    rows = filter_targets(targets, city=args.city, year=args.year, sector=args.sector)
    if not rows:
        print(
            empty_message(targets if not args.city else filter_targets(targets, city=args.city)),
            file=sys.stderr,
        )
    output = "csv" if args.csv else "json" if args.json else "table"
    text = render(rows, output, leads)
    sys.stdout.write("\ufeff" + text if output == "csv" else text)  # a BOM, so that Excel reads UTF-8
    return 0


def _stored_targets(args) -> tuple[list, dict, list[str]]:
    """Targets, lead departments by clause and places, read from the index's plain files: no model is
    loaded unless the index has to be built first."""
    from assistant.config import DEFAULT_INDEX_DIR
    from assistant.indexing.index_store import active_build
    from assistant.records import Target

    build = active_build(Path(args.index) if args.index else DEFAULT_INDEX_DIR)
    if build is None or not (build / "targets.jsonl").exists():
        build = _retriever(args).index.directory
    targets = [Target(**row) for row in _rows(build / "targets.jsonl")]
    leads = {
        (row["doc_id"], row["clause_id"]): tuple(row.get("lead") or ())
        for row in _rows(build / "responsibilities.jsonl")
    }
    documents = _rows(build / "documents.jsonl")
    places = sorted({d.get("city") or d.get("province") or "" for d in documents} - {""})
    return targets, leads, places


def cmd_measures(args) -> int:
    from assistant.config import DEFAULT_INDEX_DIR
    from assistant.indexing.index_store import active_build
    from assistant.knowledge.extras import MEASURES_FILE
    from assistant.knowledge.measure_table import filter_measures, render
    from assistant.records import Measure

    build = active_build(Path(args.index) if args.index else DEFAULT_INDEX_DIR)
    if build is None or not (build / MEASURES_FILE).exists():
        build = _retriever(args).index.directory  # builds the index first; no model load otherwise
    measures = [Measure.from_json(row) for row in _rows(build / MEASURES_FILE)]
    places = sorted({m.place for m in measures} - {""})
    if args.city and not any(same_place(args.city, place) for place in places):
        raise UserError(f"unknown city {args.city!r}; the measures cover: {', '.join(places)}")
    rows = filter_measures(
        measures, city=args.city, who=args.who, instrument=args.instrument, in_force=args.in_force
    )
    if not rows:
        print("no measure matches these filters", file=sys.stderr)
    output = "csv" if args.csv else "json" if args.json else "table"
    text = render(rows, output)
    sys.stdout.write("\ufeff" + text if output == "csv" else text)  # a BOM, so that Excel reads UTF-8
    return 0


def _rows(path: Path) -> list[dict]:
    return [row for _, row in parse_jsonl(path.read_text(encoding="utf-8"))] if path.exists() else []


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant", description="Policy question answering with cited clauses."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="build the index from a corpus directory or JSONL file")
    p.add_argument("--corpus", help="directory of .txt/.md/.pdf/.docx (+ manifest.json) or a JSONL file")
    p.add_argument("--index", help="index directory (default: index/)")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("retrieve", help="batch retrieval: one JSON line per question (EVAL_FORMAT.md)")
    p.add_argument("--questions", required=True)
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--index")
    p.add_argument("--mode", default="hybrid", choices=["hybrid", "dense", "keyword"])
    add_time_options(p)
    p.set_defaults(func=cmd_retrieve)

    p = sub.add_parser("ask", help="ask one question and print the cited clauses")
    p.add_argument("question")
    p.add_argument("--city", action="append", help="only this city's documents (repeatable)")
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--index")
    p.add_argument("--json", action="store_true")
    add_time_options(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("targets", help="the table of quantitative targets, with their clauses")
    p.add_argument("--city")
    p.add_argument("--year", help="deadline year, e.g. 2027")
    p.add_argument("--sector", help="an action area (汽车, 农业, …) or a business description (农机)")
    p.add_argument("--index")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="JSON lines")
    output.add_argument("--csv", action="store_true")
    p.set_defaults(func=cmd_targets)

    p = sub.add_parser("measures", help="the table of support measures (who, what, how much, until when)")
    p.add_argument("--city")
    p.add_argument("--who", choices=["个人", "企业"])
    p.add_argument("--instrument", help="补贴, 补助, 奖励, 贴息, 贷款, 担保, 税费减免, 消费券, 礼包 …")
    p.add_argument("--in-force", action="store_true", help="leave out measures whose window has ended")
    p.add_argument("--index")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="JSON lines")
    output.add_argument("--csv", action="store_true")
    p.set_defaults(func=cmd_measures)

    from assistant.cli.ingest_commands import register

    register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from assistant.logs import show_progress

    show_progress()
    args = build_parser().parse_args(argv)
    if getattr(args, "k", 1) is not None and getattr(args, "k", 1) < 1:
        print("error: --k must be at least 1", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
