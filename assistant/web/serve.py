"""Open the retriever and serve the app: loopback by default; anything wider is explicit and warned about."""

from __future__ import annotations

import ipaddress
import sys
import threading
import time
from pathlib import Path

from assistant.feedback import DEFAULT_FEEDBACK_FILE


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
        print(f"warm-up failed: {error}", file=sys.stderr)


def serve(
    host: str = "127.0.0.1",
    port: int | None = 7860,
    share: bool = False,
    index_dir: Path | str | None = None,
    feedback_path: Path | str = DEFAULT_FEEDBACK_FILE,
) -> int:
    """Open the index (building it when needed), build the interface and serve it until interrupted."""
    started = time.perf_counter()
    for warning in exposure_warnings(host, share):
        print(warning, file=sys.stderr)
    from assistant.retriever import Retriever
    from assistant.web.app import build_app, launch

    print("opening the index…", file=sys.stderr)
    retriever = Retriever.open(index_dir)
    demo = build_app(retriever, feedback_path=feedback_path)
    threading.Thread(target=warm_up, args=(retriever,), daemon=True).start()
    print(
        f"ready in {time.perf_counter() - started:.1f} s; feedback is logged to {feedback_path}",
        file=sys.stderr,
    )
    launch(demo, host=host, port=port, share=share)
    return 0
