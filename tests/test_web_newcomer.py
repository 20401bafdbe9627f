"""The web layer without a browser, as a newcomer meets it: filter conflicts, feedback, export."""

from __future__ import annotations

import pytest

from assistant.web.session import ask, chat_result
from tests.web_fakes import FakeRetriever


@pytest.fixture(scope="module")
def retriever() -> FakeRetriever:
    return FakeRetriever.build()


def test_a_filter_that_excludes_the_place_asked_about_says_so(retriever):
    answer = ask(retriever, "苏州新能源公交车占比目标是多少？", cities=["晋城"]).answer
    assert not answer.answerable and answer.hits == ()
    assert "筛选条件只包括晋城" in answer.reply and "不包括问题所问的苏州" in answer.reply


def test_the_filter_conflict_is_explained_in_english_and_through_the_api(retriever):
    answer = ask(retriever, "What is the new-energy bus target in Suzhou?", cities=["晋城"]).answer
    assert "excludes Suzhou" in answer.reply and "(Jincheng)" in answer.reply
    result = chat_result(retriever, "苏州新能源公交车占比目标是多少？", cities=["晋城"])
    assert "不包括问题所问的苏州" in result["reply"] and result["citations"] == []


def test_a_follow_up_to_an_excluded_place_meets_the_filter_too(retriever):
    first = ask(retriever, "晋城新能源公交车更新", cities=["晋城"])
    second = ask(retriever, "那苏州呢？", [first.turn], cities=["晋城"])
    assert "不包括问题所问的苏州" in second.answer.reply


def test_a_filter_that_excludes_one_of_two_places_answers_the_other_with_a_notice(retriever):
    answer = ask(retriever, "苏州和晋城的设备投资增长目标分别是多少？", cities=["晋城"]).answer
    assert answer.answerable and {hit.chunk.city for hit in answer.hits} == {"晋城"}
    assert "筛选条件不包括苏州，以下只回答晋城的内容。" in answer.notices


def test_a_filter_that_includes_the_place_changes_nothing(retriever):
    answer = ask(retriever, "苏州新能源公交车占比目标是多少？", cities=["苏州"]).answer
    assert answer.answerable and not any("筛选" in notice for notice in answer.notices)
