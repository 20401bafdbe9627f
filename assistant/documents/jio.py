"""jionlp (PyPI), the maintained Chinese parser of times and telephone numbers, loaded on first use.

Importing jionlp takes most of a second and prints a banner to stdout (its word segmenter, jiojio, too),
which would corrupt the command line's JSON output: it is imported once, with stdout sent to stderr. Its
time parser also logs a full traceback (to the root logger, at ERROR) for every phrase it cannot read
("早晚", "3次"); those are expected misses, so the root logger drops records raised from jionlp's own files.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=1)
def jionlp() -> Any:
    """The jionlp module, imported quietly the first time it is needed."""
    with contextlib.redirect_stdout(sys.stderr):
        import jionlp as module
    logging.getLogger().addFilter(_not_from(Path(module.__file__).parent))
    return module


def _not_from(package: Path) -> Callable[[logging.LogRecord], bool]:
    """A log filter that drops the records logged from `package`'s files at ERROR or below (jionlp logs each
    phrase it cannot read, with its traceback, through the root logger)."""
    folder = str(package)
    return lambda record: record.levelno > logging.ERROR or not record.pathname.startswith(folder)


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
