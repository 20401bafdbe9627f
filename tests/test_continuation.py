"""A quote ending in a colon that closes its passage takes what it introduces from the next passage."""

from assistant.chat.answer import compose
from assistant.chat.continuation import continued
from assistant.chat.reply_sentence import Quote, ask_of
from assistant.records import Chunk, Hit, Retrieval

INTRO = "为依法科学有序防控疫情，现将依法履行疫情信息登记报告义务有关事项通告如下："
FIRST = "一、任何单位、组织和个人，应当服从各级政府发布的防控疫情的决定、公告，主动如实报告病情、旅居史。"
SECOND = "二、新冠肺炎病人、疑似病人及其密切接触者，必须按防控要求提供疫区行程。"


def _hit(chunk_id: str, text: str, rank: int, doc: str = "d") -> Hit:
    return Hit(
        Chunk(f"{doc}#{chunk_id}", doc, f"{doc}#{chunk_id}", "", text, text, city="大理"), 1.0 / rank, rank
    )


def _continued(numbered: list[tuple[int, Hit]], question: str = "大理市要求市民履行哪些义务？") -> Quote:
    return continued(Quote(1, INTRO, False), numbered[0][1], numbered, ask_of(question))


def test_the_next_clause_of_the_document_among_the_hits_is_quoted_after_the_introduction():
    numbered = [
        (1, _hit("c000", f"关于依法履行疫情信息登记报告义务的通告\n{INTRO}", 1)),
        (2, _hit("c002", SECOND, 2)),
    ]
    numbered.append((3, _hit("c001", FIRST, 3)))
    quote = _continued(numbered)
    assert quote.number == 3
    assert quote.text == f"{INTRO}[1] {FIRST}"


def test_without_the_next_passage_among_the_hits_the_quote_stays_as_it_was():
    numbered = [
        (1, _hit("c000", INTRO, 1)),
        (2, _hit("c002", SECOND, 2)),
        (3, _hit("c001", FIRST, 3, doc="e")),
    ]
    assert _continued(numbered) == Quote(1, INTRO, False)


def test_a_colon_inside_its_passage_is_no_passage_end():
    numbered = [(1, _hit("c000", f"{INTRO}\n{FIRST}", 1)), (2, _hit("c001", SECOND, 2))]
    assert _continued(numbered) == Quote(1, INTRO, False)


def test_the_part_of_a_long_clause_continues_in_its_next_part_not_the_next_clause():
    numbered = [(1, _hit("c004.1", INTRO, 1)), (2, _hit("c005", SECOND, 2)), (3, _hit("c004.2", FIRST, 3))]
    assert _continued(numbered).number == 3


def test_the_reply_cites_both_passages_each_after_its_own_words():
    hits = (_hit("c000", INTRO, 1), _hit("c001", FIRST, 2))
    reply = compose(
        Retrieval("大理市要求市民履行哪些义务？", hits, True), "大理市要求市民履行哪些义务？"
    ).reply
    assert reply == f"{INTRO}[1] {FIRST}[2]"
