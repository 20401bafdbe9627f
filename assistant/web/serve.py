"""Open the retriever and serve the app: loopback by default; anything wider is explicit and warned about.

The port opens at once with a start-up page (`startup.py`) while the model loads and, on a first start,
the index is built; the chat takes over the same port when it is ready.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import time
from pathlib import Path

from assistant.chat.feedback import DEFAULT_FEEDBACK_FILE
from assistant.web.admin_settings import AdminSettings
from assistant.web.startup import ProgressEncoder, StartupServer, StartupStatus

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """Whether `host` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure_warnings(host: str, share: bool) -> list[str]:
    """Warnings for a server reachable from other machines (a non-loopback address or a share link)."""
    warnings = []
    if not is_loopback(host):
        warnings.append(
            f"WARNING: listening on {host}: other machines on the network can use this assistant."
        )
    if share:
        warnings.append("WARNING: --share publishes a public link: anyone with it can use this assistant.")
    return warnings


def warm_up(retriever) -> None:
    """Answer one question in the background, so the first person to ask does not wait for lazy loading."""
    from assistant.web.session import ask

    try:
        ask(retriever, "设备更新的目标是多少？")
    except Exception as error:  # a failed warm-up only costs the first question some time
        log.warning("warm-up failed: %s", error)


def open_retriever(index_dir: Path | str | None, corpus: Path | str | None, status: StartupStatus):
    """The retriever, building its index first when there is none yet (a first start), with progress.

    A missing index is built from `corpus`, else the bundled corpus, whatever the index directory."""
    from assistant.config import DEFAULT_CORPUS_DIR, DEFAULT_INDEX_DIR
    from assistant.indexing.build import open_or_build
    from assistant.indexing.index_store import active_build
    from assistant.model.embedding import load_encoder
    from assistant.search.retriever import Retriever

    index_path = Path(index_dir) if index_dir else DEFAULT_INDEX_DIR
    status.set_phase("model")
    encoder = ProgressEncoder(load_encoder(), status.embedded)
    source = Path(corpus) if corpus else DEFAULT_CORPUS_DIR
    first_start = active_build(index_path) is None and source.exists()
    status.set_phase("index" if first_start else "opening")
    index = open_or_build(
        index_path, encoder, corpus, fallback=source if first_start else None, progress=False
    )
    return Retriever(index, encoder)


def serve(
    host: str = "127.0.0.1",
    port: int | None = 7860,
    share: bool = False,
    index_dir: Path | str | None = None,
    feedback_path: Path | str = DEFAULT_FEEDBACK_FILE,
    corpus: Path | str | None = None,
    admin_token: str | None = None,
    evaluate: bool = False,
) -> int:
    """Show the start-up page at once, open the index (building it when needed), then serve the interface
    on the same port until interrupted."""
    started = time.perf_counter()
    for warning in exposure_warnings(host, share):
        log.warning(warning)
    status = StartupStatus()
    with StartupServer(host, port or 7860, status):
        log.info("starting; the page at http://%s:%s/ shows the progress", host, port or 7860)
        retriever = open_retriever(index_dir, corpus, status)
        status.set_phase("interface")
        from assistant.web.app import build_app, launch

        admin = None
        if admin_token:
            admin = AdminSettings(
                admin_token, Path(index_dir) if index_dir else None, Path(corpus) if corpus else None
            )
            log.info("staff can add documents from the page (Add documents tab, admin token required)")
        if evaluate:
            log.info("whole question sets can be evaluated from the page (Evaluate tab, /evaluate)")
        demo = build_app(retriever, feedback_path=feedback_path, admin=admin, evaluate=evaluate)
    threading.Thread(target=warm_up, args=(retriever,), daemon=True).start()
    log.info("ready in %.1f s; feedback is logged to %s", time.perf_counter() - started, feedback_path)
    limit = f"{admin.max_megabytes}mb" if admin else None
    launch(demo, host=host, port=port, share=share, max_file_size=limit)
    return 0
