"""Progress lines on stderr for the entry points (`python -m assistant`, `python -m evaluation`, app.py).

Library modules log through `logging.getLogger(__name__)`; an entry point calls `show_progress()` once, so
those lines reach the user as plain text, as the prints they replaced did.
"""

from __future__ import annotations

import logging
import sys

PROGRESS_LOGGERS = ("assistant", "evaluation")


class StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is when a line is logged (a test's capture, a redirected stream):
    the project's info lines and other libraries' warnings (bm25s, for one, logs debug lines)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("%(message)s"))
        self.addFilter(_shown)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:  # StreamHandler.__init__ assigns one; the current stderr wins
        pass


def _shown(record: logging.LogRecord) -> bool:
    own = record.name.split(".", 1)[0] in PROGRESS_LOGGERS
    return record.levelno >= (logging.INFO if own else logging.WARNING)


def show_progress() -> None:
    """Send the project's info lines and every library's warnings to stderr as plain text; calling it
    again adds no second handler."""
    root = logging.getLogger()
    if not any(isinstance(handler, StderrHandler) for handler in root.handlers):
        root.addHandler(StderrHandler())
    for name in PROGRESS_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)
