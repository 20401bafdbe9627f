"""jionlp (PyPI), the maintained Chinese parser of times and telephone numbers, loaded on first use.

Importing jionlp takes most of a second and prints a banner to stdout (its word segmenter, jiojio, too),
which would corrupt the command line's JSON output: it is imported once, with stdout sent to stderr.
"""

from __future__ import annotations

import contextlib
import sys
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def jionlp() -> Any:
    """The jionlp module, imported quietly the first time it is needed."""
    with contextlib.redirect_stdout(sys.stderr):
        import jionlp as module
    return module


def parse_time(text: str, base: tuple[int, int, int] | None = None) -> dict | None:
    """jionlp's reading of one time expression ("2025年3月1日0时至2025年3月31日24时") against a base
    day (year, month, day): {"type", "definition", "time": [start, end]} with "YYYY-MM-DD HH:MM:SS"
    bounds; None when jionlp cannot read it."""
    time_base = {"year": base[0], "month": base[1], "day": base[2]} if base else None
    try:
        with contextlib.redirect_stdout(sys.stderr):
            return jionlp().parse_time(text, time_base=time_base) if time_base else jionlp().parse_time(text)
    except Exception:  # jionlp raises plain ValueError/KeyError/TypeError on text it cannot read
        return None


def phone_numbers(text: str) -> list[str]:
    """The landline and mobile numbers in text, as written ("0571-86661234", "13812345678")."""
    with contextlib.redirect_stdout(sys.stderr):
        return list(jionlp().extract_phone_number(text, detail=False))
