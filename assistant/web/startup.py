"""The page served while the app starts: the port opens at once and shows what is happening (loading the
model, building the index n/N texts with the time left), and the page opens the chat by itself when ready.

A small standard-library HTTP server answers until the Gradio app takes over the same port. It answers
503 (with Retry-After), so scripts that wait for a 200 wait for the chat itself.
"""

from __future__ import annotations

import html
import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from assistant.web.labels import STARTUP_PHASES

log = logging.getLogger(__name__)
STATUS_PATH = "/startup-status.json"


@dataclass
class StartupStatus:
    """What the start-up is doing; `done`/`total` count texts embedded while building the index."""

    phase: str = "starting"
    done: int = 0
    total: int = 0
    started: float = field(default_factory=time.monotonic)
    embedding_started: float = 0.0

    def embedded(self, done: int, total: int) -> None:
        """Count embedded texts (ProgressEncoder's report); the pace starts at the first call."""
        if done == 0:
            self.embedding_started = time.monotonic()
        self.done, self.total = done, total

    def set_phase(self, phase: str) -> None:
        self.phase = phase
        log.info("%s / %s", *STARTUP_PHASES[phase])

    def seconds_left(self) -> float | None:
        """Time left for the embedding, from its pace so far; None before the first batch."""
        if not (self.total and self.done and self.embedding_started):
            return None
        pace = (time.monotonic() - self.embedding_started) / self.done
        return pace * (self.total - self.done)

    def as_json(self) -> dict:
        left = self.seconds_left()
        zh, en = STARTUP_PHASES[self.phase]
        return {
            **{k: v for k, v in asdict(self).items() if k in ("phase", "done", "total")},
            "label": f"{zh} · {en}",
            "seconds_left": round(left) if left is not None else None,
            "elapsed": round(time.monotonic() - self.started),
        }


class ProgressEncoder:
    """An encoder that embeds passages in batches and reports (done, total) after each batch."""

    def __init__(self, encoder, on_batch: Callable[[int, int], None], batch: int = 32) -> None:
        self._encoder, self._on_batch, self._batch = encoder, on_batch, batch

    def __getattr__(self, name: str):
        return getattr(self._encoder, name)

    def encode_passages(self, texts: Sequence[str], *, batch_size: int = 32, progress: bool = False):
        import numpy as np

        parts, done = [], 0
        self._on_batch(0, len(texts))
        for start in range(0, len(texts), self._batch):
            part = texts[start : start + self._batch]
            parts.append(self._encoder.encode_passages(part, batch_size=batch_size))
            done += len(part)
            self._on_batch(done, len(texts))
            log.info("embedded %d/%d texts", done, len(texts))
        return np.concatenate(parts) if parts else np.zeros((0, self._encoder.dim), dtype=np.float32)


def status_page() -> str:
    """The start-up page: the phase, a progress bar, the time left; it reloads into the chat when ready."""
    rows = "".join(
        f'<li data-phase="{key}">{html.escape(zh)} · {html.escape(en)}</li>'
        for key, (zh, en) in STARTUP_PHASES.items()
        if key not in ("starting", "ready")
    )
    return _PAGE.replace("{{PHASES}}", rows).replace("{{STATUS}}", STATUS_PATH)


class StartupServer:
    """Serve the start-up page on (host, port) in a background thread until `close()`."""

    def __init__(self, host: str, port: int, status: StartupStatus) -> None:
        page = status_page().encode("utf-8")

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
                if self.path.split("?", 1)[0] == STATUS_PATH:
                    body, kind = json.dumps(status.as_json()).encode("utf-8"), "application/json"
                else:
                    body, kind = page, "text/html; charset=utf-8"
                self.send_response(503)
                self.send_header("Content-Type", kind)
                self.send_header("Retry-After", "2")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args) -> None:  # noqa: A002
                return

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> StartupServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop answering and free the port for the app."""
        self._server.shutdown()
        self._server.server_close()


_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政策问答助手 · 正在启动</title>
<style>
  :root { color-scheme: light dark; --ink: #1f2937; --muted: #5b6472; --bg: #f8fafc; --bar: #1d4ed8; --track: #e5e7eb; }
  @media (prefers-color-scheme: dark) {
    :root { --ink: #f1f5f9; --muted: #a3aebd; --bg: #0b0f19; --bar: #93c5fd; --track: #334155; }
  }
  body { margin: 0; font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif;
         background: var(--bg); color: var(--ink); }
  main { max-width: 560px; margin: 12vh auto 0; padding: 0 20px; }
  h1 { font-size: 22px; margin: 0 0 4px; } .en { color: var(--muted); font-size: 15px; font-weight: 500; }
  #phase { font-size: 17px; margin: 22px 0 10px; }
  .track { height: 8px; border-radius: 4px; background: var(--track); overflow: hidden; }
  #bar { height: 100%; width: 0; background: var(--bar); transition: width .4s; }
  #count { font-size: 14px; color: var(--muted); margin-top: 8px; min-height: 1.4em; }
  ol { color: var(--muted); font-size: 14px; line-height: 1.9; padding-left: 20px; }
  li.done { text-decoration: line-through; } li.now { color: var(--ink); font-weight: 600; }
  p.note { color: var(--muted); font-size: 13px; }
</style></head>
<body><main>
  <h1>政策问答助手 <span class="en">Policy Q&amp;A Assistant</span></h1>
  <div id="phase" role="status" aria-live="polite">正在启动 · Starting</div>
  <div class="track"><div id="bar"></div></div>
  <div id="count"></div>
  <ol id="phases">{{PHASES}}</ol>
  <p class="note">准备好后本页会自动打开问答界面。 · This page opens the chat by itself when it is ready.</p>
</main>
<script>
  const order = [...document.querySelectorAll("#phases li")].map((li) => li.dataset.phase);
  const show = (s) => {
    document.getElementById("phase").textContent = s.label;
    const i = order.indexOf(s.phase);
    document.querySelectorAll("#phases li").forEach((li, j) => {
      li.className = j < i ? "done" : j === i ? "now" : "";
    });
    const share = s.total ? s.done / s.total : 0;
    document.getElementById("bar").style.width = (s.phase === "index" ? share * 100 : i >= 2 ? 100 : 5) + "%";
    let text = "";
    if (s.phase === "index" && s.total) {
      text = `${s.done} / ${s.total} 段文本 · texts`;
      if (s.seconds_left !== null) text += ` · 约剩 ${s.seconds_left} 秒 · about ${s.seconds_left} s left`;
    }
    document.getElementById("count").textContent = text;
  };
  const poll = async () => {
    try {
      const response = await fetch("{{STATUS}}", {cache: "no-store"});
      if (response.status === 503) {
        show(await response.json());
      } else if ((await fetch(location.href, {cache: "no-store"})).ok) {
        location.reload();  // the app itself answers now
        return;
      }
    } catch (error) { /* the port changes hands: try again */ }
    setTimeout(poll, 1000);
  };
  poll();
</script></body></html>
"""
