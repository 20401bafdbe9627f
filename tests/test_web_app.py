"""The app without a browser: a chat exchange, input checks, the named API endpoints, safe serving defaults."""

from __future__ import annotations

import socket

import pytest

from assistant.web.serve import exposure_warnings, is_loopback
from assistant.web.session import EMPTY_MESSAGE, ask, chat_result
from tests.web_fakes import FakeRetriever


@pytest.fixture(scope="module")
def retriever() -> FakeRetriever:
    return FakeRetriever.build()


def test_an_exchange_understands_a_follow_up(retriever):
    first = ask(retriever, "苏州新能源公交占比目标是多少？")
    second = ask(retriever, "那晋城呢？", [first.turn])
    assert first.understood_as == "" and second.understood_as == "晋城新能源公交占比目标是多少？"
    assert second.answer.hits[0].chunk.city == "晋城"


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
def test_an_empty_question_is_not_asked(retriever, question):
    assert ask(retriever, question) is None
    assert chat_result(retriever, question)["reply"] == EMPTY_MESSAGE


def test_a_huge_question_is_truncated_with_a_notice(retriever):
    exchange = ask(retriever, "苏州新能源公交占比目标是多少？" + "很" * 100_000)
    assert len(exchange.turn.query) <= 1000
    assert any("1000" in notice for notice in exchange.answer.notices)


def test_the_number_of_citations_is_kept_within_bounds(retriever):
    assert len(ask(retriever, "苏州新能源公交", k=2).answer.hits) == 2
    assert len(ask(retriever, "苏州新能源公交", k=0).answer.hits) == 1


def test_filters_reach_the_retriever(retriever):
    exchange = ask(retriever, "新能源公交车更新", cities=["晋城"])
    assert {hit.chunk.city for hit in exchange.answer.hits} == {"晋城"}


def test_chat_result_follows_the_history(retriever):
    result = chat_result(retriever, "Which department is responsible?", ["苏州新能源公交占比目标是多少？"])
    assert result["understood_as"] == "苏州新能源公交占比目标，Which department is responsible?"
    assert result["reply"].startswith("Lead: 市交通运输局")
    assert result["citations"][0]["clause_id"] == "sz-11" and result["related"] == []


def test_not_found_chat_result_has_related_clauses_but_no_citations(retriever):
    result = chat_result(retriever, "深圳的家电补贴标准是多少？")
    assert result["answerable"] is False and result["citations"] == [] and result["related"]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_only_exposure_is_warned_about():
    assert exposure_warnings("127.0.0.1", share=False) == []
    assert len(exposure_warnings("0.0.0.0", share=False)) == 1
    assert len(exposure_warnings("127.0.0.1", share=True)) == 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(retriever, tmp_path_factory):
    from assistant.knowledge.extras import targets
    from assistant.web.app import build_app, launch

    feedback = tmp_path_factory.mktemp("fb") / "feedback.jsonl"
    demo = build_app(retriever, feedback, targets(retriever.documents, retriever.clauses))
    url = launch(demo, port=_free_port(), block=False)
    yield url
    demo.close()


def test_chat_and_search_are_named_api_endpoints(served):
    from gradio_client import Client

    client = Client(served, verbose=False)
    endpoints = set(client.view_api(print_info=False, return_format="dict")["named_endpoints"])
    assert endpoints == {"/chat", "/search", "/chat_as_of", "/search_as_of", "/evaluate"}
    found = client.predict("苏州新能源公交占比目标是多少？", api_name="/search")
    assert found["answerable"] and found["results"][0]["clause_id"] == "sz-11"
    dated = client.predict(
        "苏州新能源公交占比目标是多少？", 5, [], [], "2026-02-15", True, api_name="/search_as_of"
    )
    assert dated["results"][0]["clause_id"] == "sz-11" and {"issued", "status"} <= set(dated["results"][0])
    chat = client.predict("那晋城呢？", ["苏州新能源公交占比目标是多少？"], api_name="/chat")
    assert chat["understood_as"] == "晋城新能源公交占比目标是多少？"
    assert chat["citations"][0]["city"] == "晋城"
