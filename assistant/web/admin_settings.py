"""Whether staff may add documents from the page, and with which token (light: imported before Gradio)."""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass
from pathlib import Path

TOKEN_VARIABLE = "POLICY_ASSISTANT_ADMIN_TOKEN"
MAX_MEGABYTES = 20


@dataclass(frozen=True)
class AdminSettings:
    """Where added documents go, and the token a request must carry."""

    token: str
    index_dir: Path | None = None
    corpus: Path | None = None
    max_megabytes: int = MAX_MEGABYTES


def admin_token(given: str | None) -> str | None:
    """The admin token from the command line or the environment; None (no upload) when neither is set."""
    token = (given or os.environ.get(TOKEN_VARIABLE) or "").strip()
    return token or None


def token_ok(settings: AdminSettings, offered: str | None) -> bool:
    return bool(offered) and hmac.compare_digest(settings.token.encode(), (offered or "").strip().encode())
