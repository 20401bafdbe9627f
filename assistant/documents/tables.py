"""Rebuild tables that a PDF text extraction spread over many short lines, one row a line.

A table is recognised by a header line of short cells that starts with 序号 (or 编号), followed by rows
that each open with their number on a line of its own. Each row becomes one line with cells joined by
" | ", the same shape a Word table row has after reading, so later stages treat both alike.
"""

from __future__ import annotations

import re

CELL_SEPARATOR = " | "
_HEADER = re.compile(r"^(序号|编号)(\s+\S{1,12}){2,7}$")
_ROW_NUMBER = re.compile(r"^\d{1,3}$")
_TABLE_END = re.compile(r"^(抄送|印发|附件|主送|[（(]此件)")
_SHORT_CELL_LINE = 8


def rebuild_tables(lines: list[str]) -> list[str]:
    """Return `lines` with every recognised table folded into one line per row."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if _HEADER.match(line) and CELL_SEPARATOR not in line:
            header = line.split()
            rows, end = _read_rows(lines, i + 1, header)
            if rows:
                out.append(CELL_SEPARATOR.join(header))
                out.extend(rows)
                i = end
                continue
        out.append(lines[i])
        i += 1
    return out


def _read_rows(lines: list[str], start: int, header: list[str]) -> tuple[list[str], int]:
    rows: list[str] = []
    current: list[str] | None = None
    number = ""
    expected = 1
    i = start
    while i < len(lines):
        line = lines[i].strip()
        if not line or line.split() == header:
            i += 1
            continue
        if _TABLE_END.match(line):
            break
        if _ROW_NUMBER.match(line) and int(line) == expected:
            if current is not None:
                rows.append(_format_row(number, current, len(header)))
            current, number, expected = [], line, expected + 1
        elif current is None:
            return [], start
        else:
            current.append(line)
        i += 1
    if current is not None:
        rows.append(_format_row(number, current, len(header)))
    return rows, i


def _format_row(number: str, lines: list[str], n_columns: int) -> str:
    """Split a row's lines into cells: a short-line label, the long-line body, a short-line tail."""
    cells = _split_cells(lines) if n_columns >= 4 else ["".join(lines)]
    return CELL_SEPARATOR.join([number, *cells])


def _split_cells(lines: list[str]) -> list[str]:
    first_long = next((k for k, line in enumerate(lines) if len(line) > _SHORT_CELL_LINE), None)
    last_sentence = max((k for k, line in enumerate(lines) if line.endswith("。")), default=None)
    if first_long is None or last_sentence is None or last_sentence < first_long:
        return ["".join(lines)]
    label = "".join(line.replace(" ", "") for line in lines[:first_long])
    body = "".join(lines[first_long : last_sentence + 1])
    tail = "".join(lines[last_sentence + 1 :])
    return [cell for cell in (label, body, tail) if cell]
