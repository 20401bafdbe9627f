"""The load test, shortened: 4 clients for a few seconds against the app served on the fake retriever."""

from __future__ import annotations

import sys
import time

import pytest

from evaluation.load import LoadResult, free_port, markdown_table, run_load, running_app, summary_row

QUESTIONS = [
    "苏州新能源公交占比目标是多少？",
    "晋城二手车交易量要增长多少？",
    "汽车以旧换新补贴标准是什么？",
    "Which department leads the bus replacement?",
    "深圳的家电补贴标准是多少？",  # not answered by the fake documents: still a successful call
]
SECONDS = 5.0
TIMEOUT = 20.0
# run_load waits for calls still running at the end (at most TIMEOUT) and then 30 s more at most.
BOUND = SECONDS + TIMEOUT + 30.0


@pytest.fixture(scope="module")
def fake_app(tmp_path_factory):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    feedback = tmp_path_factory.mktemp("load") / "feedback.jsonl"
    command = [sys.executable, "-m", "tests.web_fakes", str(port), str(feedback)]
    with running_app(command, url, startup_timeout=120) as pid:
        yield url, pid


@pytest.mark.parametrize("endpoint", ["chat", "search"])
def test_four_clients_get_answers_without_errors_and_stop_by_themselves(fake_app, endpoint):
    url, _ = fake_app
    started = time.monotonic()
    result = run_load(url, endpoint, QUESTIONS, clients=4, seconds=SECONDS, timeout=TIMEOUT)
    assert time.monotonic() - started < BOUND
    assert result.errors == ()
    assert result.requests >= 4 and len(result.latencies) == result.requests
    assert result.elapsed >= SECONDS


def test_failed_calls_are_counted_not_raised():
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    result = run_load(closed, "search", QUESTIONS, clients=2, seconds=0.5, timeout=5)
    assert result.requests == len(result.errors) > 0 and result.latencies == ()
    assert all(error.startswith("ConnectError") for error in result.errors)


@pytest.mark.parametrize("url", ["http://192.168.1.5:7860", "http://example.org", "http://0.0.0.0:7860"])
def test_only_loopback_addresses_are_loaded(url):
    with pytest.raises(ValueError, match="loopback"):
        run_load(url, "chat", QUESTIONS, clients=1, seconds=0.1)


def test_the_table_has_one_row_per_run():
    # 3 successful calls of 100, 200 and 300 ms and one error in 2 s: 1.5 successful calls per second;
    # numpy's linear-interpolation p50 of (100, 200, 300) is 200 and p95 is 200 + 0.9 × 100 = 290.
    result = LoadResult("chat", 4, 2.0, 2.0, (0.1, 0.2, 0.3), ("RequestFailed: app error: 出错了",))
    table = markdown_table([summary_row(result)])
    header, rule, row = table.splitlines()
    assert header.startswith("| endpoint | clients |") and rule.startswith("|---|")
    assert row == "| /chat | 4 | 2.0 | 4 | 1 | 1.50 | 200 | 290 | 300 |"
