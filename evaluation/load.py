"""`python -m evaluation.load`: a bounded load test of the web app's API on loopback.

Starts the app (`app.py`, the real index) on a free 127.0.0.1 port, lets N clients call `/chat` or
`/search` back to back for a fixed time, and prints a Markdown table: requests, errors, throughput,
p50/p95/max latency, the app's peak RSS and CPU use, and the machine's load average. Progress goes to
stderr; the exit status is 1 when any request failed. Every wait has a deadline, so a run stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DEV_QUESTIONS = Path(__file__).resolve().parent / "data" / "dev.jsonl"

# The inputs of each named endpoint (assistant/web/app.py), all of them: over plain HTTP Gradio fills no
# defaults. chat(question, history, cities, documents, k) and search(question, k, cities, documents).
ENDPOINTS: dict[str, Callable[[str], list]] = {
    "chat": lambda question: [question, [], [], [], 5],
    "search": lambda question: [question, 5, [], []],
}
# A field every successful result of the endpoint has.
RESULT_FIELD = {"chat": "reply", "search": "results"}


class RequestFailed(RuntimeError):
    """A call that did not end with the endpoint's result."""


@dataclass(frozen=True)
class LoadResult:
    """What one timed run measured: latencies of the successful calls and the messages of failed ones."""

    endpoint: str
    clients: int
    seconds: float
    elapsed: float
    latencies: tuple[float, ...]
    errors: tuple[str, ...]

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.errors)


@dataclass(frozen=True)
class AppStats:
    """The app process and the machine during a run: RSS in MB, CPU seconds, 1-minute load averages."""

    rss_start_mb: float
    peak_rss_mb: float
    cpu_seconds: float
    load_start: float
    load_max: float
    load_end: float


def call_endpoint(http, url: str, endpoint: str, question: str, timeout: float) -> dict:
    """One call through Gradio's HTTP API: POST the inputs, then read the event stream to its result."""
    started = time.monotonic()
    reply = http.post(f"{url}/gradio_api/call/{endpoint}", json={"data": ENDPOINTS[endpoint](question)})
    reply.raise_for_status()
    event_id = reply.json()["event_id"]
    event = ""
    with http.stream("GET", f"{url}/gradio_api/call/{endpoint}/{event_id}") as stream:
        stream.raise_for_status()
        for line in stream.iter_lines():
            if time.monotonic() - started > timeout:
                raise RequestFailed(f"no result within {timeout:g} s")
            if line.startswith("event:"):
                event = line.removeprefix("event:").strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                return _result(endpoint, event, line.removeprefix("data:"))
    raise RequestFailed("the event stream ended without a result")


def _result(endpoint: str, event: str, data: str) -> dict:
    payload = json.loads(data)
    if event == "error":
        message = payload.get("error") if isinstance(payload, dict) else payload
        raise RequestFailed(f"app error: {str(message).splitlines()[0] if message else 'no message'}")
    result = payload[0] if isinstance(payload, list) and payload else None
    if not isinstance(result, dict) or RESULT_FIELD[endpoint] not in result:
        raise RequestFailed(f"unexpected result: {data[:120]}")
    return result


def run_load(
    url: str,
    endpoint: str,
    questions: Sequence[str],
    clients: int = 20,
    seconds: float = 60.0,
    timeout: float = 60.0,
    seed: int = 2024,
) -> LoadResult:
    """`clients` threads call `endpoint` back to back with random `questions` for `seconds`; a call still
    running at the end is waited for up to `timeout` seconds and then counted as an error."""
    import httpx

    check_loopback(url)
    if endpoint not in ENDPOINTS:
        raise ValueError(f"unknown endpoint {endpoint!r}; expected one of {', '.join(ENDPOINTS)}")
    if not questions or clients < 1 or seconds <= 0:
        raise ValueError("a load test needs questions, at least one client and a positive duration")
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    started = time.monotonic()
    end = started + seconds

    def client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        # trust_env=False: no proxy settings from the environment, the calls stay on loopback.
        with httpx.Client(timeout=timeout, trust_env=False) as http:
            while time.monotonic() < end:
                question = rng.choice(questions)
                begun = time.perf_counter()
                try:
                    call_endpoint(http, url, endpoint, question, timeout)
                    failure = ""
                except Exception as error:  # every kind of failure is counted, none stops the run
                    failure = f"{type(error).__name__}: {error}"
                took = time.perf_counter() - begun
                with lock:
                    if failure:
                        errors.append(failure)
                    else:
                        latencies.append(took)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    hard_deadline = end + timeout + 30.0  # the last calls' timeout, plus a heartbeat interval of slack
    for thread in threads:
        thread.join(max(0.0, hard_deadline - time.monotonic()))
    elapsed = time.monotonic() - started
    with lock:
        unfinished = [
            f"client {n} still busy at the hard deadline" for n, t in enumerate(threads) if t.is_alive()
        ]
        return LoadResult(endpoint, clients, seconds, elapsed, tuple(latencies), tuple(errors + unfinished))


def check_loopback(url: str) -> None:
    """Refuse any address but this machine's: a load test must never reach another host."""
    from assistant.web.serve import is_loopback

    host = urlsplit(url).hostname or ""
    if not is_loopback(host):
        raise ValueError(f"{url} is not a loopback address; the load test only runs against this machine")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_command(port: int, index: str | None, feedback: Path) -> list[str]:
    """The real app on loopback, with the default index (built from corpus/ when missing) or `index`."""
    command = [
        sys.executable,
        "app.py",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--feedback",
        str(feedback),
    ]
    return [*command, "--index", index] if index else command


@contextmanager
def running_app(command: Sequence[str], url: str, startup_timeout: float = 900.0) -> Iterator[int]:
    """Run `command` (an app serving `url`) from the project root until it answers; yields its pid and
    stops it on exit. Its output goes to a temporary log, shown when it fails to start."""
    check_loopback(url)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        process = subprocess.Popen(list(command), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_serving(url, process, startup_timeout, log)
            yield process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


def _wait_until_serving(url: str, process: subprocess.Popen, timeout: float, log) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            tail = "".join(log.readlines()[-15:])
            raise RuntimeError(f"the app exited with status {process.returncode}:\n{tail}")
        try:
            if httpx.get(f"{url}/gradio_api/info", timeout=5, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the app did not serve {url} within {timeout:g} s")


@contextmanager
def watching(pid: int, every: float = 1.0) -> Iterator[list[AppStats]]:
    """Sample the app's RSS and the load average while the block runs; the list holds one AppStats after."""
    samples: list[float] = [os.getloadavg()[0]]
    rss_start, cpu_start = _proc_status(pid, "VmRSS"), _cpu_seconds(pid)
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(every):
            samples.append(os.getloadavg()[0])

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stats: list[AppStats] = []
    try:
        yield stats
    finally:
        stop.set()
        sampler.join(every + 1.0)
        load_end = os.getloadavg()[0]
        stats.append(
            AppStats(
                rss_start,
                _proc_status(pid, "VmHWM"),
                _cpu_seconds(pid) - cpu_start,
                samples[0],
                max([*samples, load_end]),
                load_end,
            )
        )


def _proc_status(pid: int, field: str) -> float:
    """A memory field of /proc/PID/status in MB (NaN where /proc cannot be read)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (fields 14 and 15 of /proc/PID/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def summary_row(result: LoadResult, stats: AppStats | None = None) -> dict[str, str]:
    """The table's columns for one run, formatted."""
    from evaluation.timing import latency_summary

    latency = latency_summary(result.latencies)
    row = {
        "endpoint": f"/{result.endpoint}",
        "clients": str(result.clients),
        "duration s": f"{result.elapsed:.1f}",
        "requests": str(result.requests),
        "errors": str(len(result.errors)),
        "throughput req/s": f"{len(result.latencies) / result.elapsed:.2f}",
        "p50 ms": f"{latency['p50_ms']:.0f}",
        "p95 ms": f"{latency['p95_ms']:.0f}",
        "max ms": f"{max(result.latencies, default=float('nan')) * 1000:.0f}",
    }
    if stats is not None:
        row["app RSS MB (start / peak)"] = f"{stats.rss_start_mb:.0f} / {stats.peak_rss_mb:.0f}"
        row["app CPU cores used"] = f"{stats.cpu_seconds / result.elapsed:.2f}"
        row["load avg 1 min (start / max / end)"] = (
            f"{stats.load_start:.2f} / {stats.load_max:.2f} / {stats.load_end:.2f}"
        )
    return row


def markdown_table(rows: Sequence[dict[str, str]]) -> str:
    header = list(rows[0])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row[column] for column in header) + " |" for row in rows]
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--seconds", type=float, default=60.0, help="duration of each run (default 60)")
    parser.add_argument(
        "--endpoint", choices=[*ENDPOINTS, "both"], default="chat", help="API endpoint (default chat)"
    )
    parser.add_argument("--questions", type=Path, default=DEV_QUESTIONS, help="question set (JSONL)")
    parser.add_argument("--index", help="index directory for the app (default: the project's index/)")
    parser.add_argument("--url", help="an app already running on loopback, instead of starting one")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds allowed per call (default 60)")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the question draws")


def run_from_args(args: argparse.Namespace) -> int:
    from evaluation.questions import read_questions

    questions = [q.question for q in read_questions(args.questions)]
    endpoints = list(ENDPOINTS) if args.endpoint == "both" else [args.endpoint]
    if args.url:
        check_loopback(args.url)
        rows = _measure(args.url.rstrip("/"), None, endpoints, questions, args)
    else:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        with tempfile.TemporaryDirectory() as scratch:
            command = app_command(port, args.index, Path(scratch) / "feedback.jsonl")
            print(f"starting the app on {url} …", file=sys.stderr)
            with running_app(command, url) as pid:
                rows = _measure(url, pid, endpoints, questions, args)
    print(markdown_table(rows))
    return 0 if all(row["errors"] == "0" for row in rows) else 1


def _measure(url: str, pid: int | None, endpoints: list[str], questions: list[str], args) -> list[dict]:
    import httpx

    rows = []
    with httpx.Client(timeout=600, trust_env=False) as http:  # warm-up: the first call loads the model
        for endpoint in endpoints:
            call_endpoint(http, url, endpoint, questions[0], timeout=600)
    for endpoint in endpoints:
        print(f"/{endpoint}: {args.clients} clients for {args.seconds:g} s …", file=sys.stderr)
        if pid is None:
            result, stats = _run(url, endpoint, questions, args), None
        else:
            with watching(pid) as watched:
                result = _run(url, endpoint, questions, args)
            stats = watched[0]
        for message in sorted(set(result.errors))[:5]:
            print(f"  error ({result.errors.count(message)}×): {message}", file=sys.stderr)
        rows.append(summary_row(result, stats))
    return rows


def _run(url: str, endpoint: str, questions: list[str], args) -> LoadResult:
    return run_load(url, endpoint, questions, args.clients, args.seconds, args.timeout, args.seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.load", description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0 or args.timeout <= 0:
        parser.error("--clients, --seconds and --timeout must be positive")
    try:
        return run_from_args(args)
    except (OSError, RuntimeError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
