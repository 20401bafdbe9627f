"""Question sets kept as a table (CSV or XLSX), for evaluators who write them in a spreadsheet.

Columns: `question` and `evidence` (alternatives separated by `|`, groups by `;`; empty: the corpus does
not answer it), optional `id` (default `row-N`), `category`, `lang`, `doc_id` and `reply_evidence` (same
form as `evidence`). Each row becomes the JSONL record of EVAL_FORMAT.md; an error names the row's line.
Only the ASCII separators split: Chinese evidence often holds a full-width `；`.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from evaluation.questions import FormatError, Question, question_of, read_questions, unique

REQUIRED = ("question", "evidence")
OPTIONAL = ("id", "category", "lang", "doc_id", "reply_evidence")
TABLE_SUFFIXES = (".csv", ".xlsx")
SUFFIXES = (".jsonl", ".json", *TABLE_SUFFIXES)


def read_question_file(path: str | os.PathLike[str]) -> list[Question]:
    """A question set from a JSONL, CSV or XLSX file, by its name's ending."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise FormatError(f"{path.name}: not a question set; use JSONL, CSV or XLSX ({', '.join(SUFFIXES)})")
    if suffix in (".jsonl", ".json"):
        return read_questions(path)
    rows = _xlsx_rows(path) if suffix == ".xlsx" else csv_rows(_decoded(path))
    return table_questions(rows)


def split_evidence(text: str) -> list[list[str]]:
    """`a|b;c` → [["a", "b"], ["c"]]; blank alternatives and groups are dropped; "" → [] (unanswerable)."""
    groups = [[a.strip() for a in group.split("|") if a.strip()] for group in text.split(";")]
    return [group for group in groups if group]


def csv_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of a CSV text with a header line; blank rows skipped."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise FormatError("the file is empty") from None
    except csv.Error as err:
        raise FormatError(f"line 1: {err}") from None
    rows = []
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((reader.line_num, dict(zip(header, cells, strict=False))))
    except csv.Error as err:
        raise FormatError(f"line {reader.line_num}: {err}") from None
    return [(1, dict.fromkeys(header, "")), *rows]


def table_questions(rows: list[tuple[int, dict]]) -> list[Question]:
    """Questions from (line, row) pairs whose first pair is the header (its keys are the columns)."""
    if not rows:
        raise FormatError("the file is empty")
    columns = {_column(name) for name in rows[0][1]}
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        found = ", ".join(sorted(c for c in columns if c)) or "none"
        raise FormatError(f"line 1: no {' or '.join(repr(m) for m in missing)} column (found: {found})")
    numbered = []
    for number, row in rows[1:]:
        cells = {_column(k): _cell(v) for k, v in row.items() if k is not None}
        record = {key: cells.get(key, "") for key in (*REQUIRED, *OPTIONAL)}
        record["id"] = record["id"] or f"row-{number}"
        record["evidence"] = split_evidence(record["evidence"])
        record["reply_evidence"] = split_evidence(record["reply_evidence"])
        numbered.append((number, question_of(number, record)))
    if not numbered:
        raise FormatError("the file has a header but no question")
    return unique(numbered)


def _column(name: object) -> str:
    return str(name or "").strip().lower()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a spreadsheet's number id 7.0 is the id "7"
    return str(value).strip()


def _decoded(path: Path) -> str:
    """UTF-8 (with or without BOM), else GB18030, as Excel on a Chinese system saves CSV."""
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FormatError(f"{path.name}: neither UTF-8 nor GB18030 text")


def _xlsx_rows(path: Path) -> list[tuple[int, dict]]:
    """(row number, row) of the first sheet, the first row the header; blank rows skipped."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 (zip, XML or openpyxl errors: all mean "not a readable XLSX")
        raise FormatError(f"{path.name}: not a readable XLSX workbook ({type(err).__name__})") from None
    try:
        sheet = book.worksheets[0]
        lines = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    if not lines:
        raise FormatError("the file is empty")
    header = [_column(cell) for cell in lines[0]]
    rows = [(1, dict.fromkeys(header, ""))]
    for number, cells in enumerate(lines[1:], start=2):
        if any(_cell(c) for c in cells):
            rows.append((number, dict(zip(header, cells, strict=False))))
    return rows
