"""Domain words kept as plain data files: units of measure, document-type title words and stop words.

Each list lives once in `data/` and is read once; modules of every layer ask here for the words of
their use ("target" units, "line" title words, the "search" stop words) instead of keeping a copy.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.config import DATA_DIR

UNITS_FILE = DATA_DIR / "units.json"
TITLE_WORDS_FILE = DATA_DIR / "title_words.json"
STOPWORDS_FILE = DATA_DIR / "stopwords.json"
MEASURE_WORDS_FILE = DATA_DIR / "measure_words.json"
SENTENCE_MARKS_FILE = DATA_DIR / "sentence_marks.json"
QUESTION_WORDS_FILE = DATA_DIR / "question_words.json"


@lru_cache(maxsize=4)
def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def units(role: str) -> tuple[str, ...]:
    """The units of measure with `role` ("target", "count", "多少", "几"), in the file's order."""
    return tuple(entry["unit"] for entry in _load(UNITS_FILE)["units"] if role in entry["roles"])


def condition_needs(lang: str) -> dict[str, str]:
    """Condition phrase of a measure ("符合条件的") → what the asker needs, in `lang`, longest phrase first."""
    entries = sorted(_load(MEASURE_WORDS_FILE)["conditions"], key=lambda e: -len(e["phrase"]))
    return {entry["phrase"]: entry[lang] for entry in entries}


def support_kinds() -> tuple[tuple[str, str], ...]:
    """(how a question asks for a kind of support, how a clause states it): credit, tax, land, awards."""
    return tuple((entry["asked"], entry["states"]) for entry in _load(MEASURE_WORDS_FILE)["support_kinds"])


def title_words(role: str) -> tuple[str, ...]:
    """The document-type words that end a title, for `role` ("title" or "line"), in the file's order."""
    return tuple(
        entry["word"] for entry in _load(TITLE_WORDS_FILE)["document_types"] if role in entry["roles"]
    )


def stop_words(use: str) -> tuple[str, ...]:
    """The stop or filler words of one use ("search", "follow_up_zh", …), in the file's order."""
    return tuple(_load(STOPWORDS_FILE)[use])


def alternation(words: tuple[str, ...]) -> str:
    """A regular-expression alternation of `words`, each escaped, in their order."""
    return "|".join(re.escape(word) for word in words)


@lru_cache(maxsize=4)
def sentence_mark(name: str) -> re.Pattern[str]:
    """The pattern of one kind of sentence mark in data/sentence_marks.json ("overview")."""
    return re.compile("|".join(_load(SENTENCE_MARKS_FILE)[name]))


def question_words(name: str) -> tuple[str, ...]:
    """One list of data/question_words.json: "slot" (where a question's answer goes), "list" (asks for a list)."""
    return tuple(_load(QUESTION_WORDS_FILE)[name])
