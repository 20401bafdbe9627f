"""Sector listings: a business describing itself ("我们是做农机的") gets every measure of its sector, per city.

Each listed clause is shown by its own heading and its first sentence, quoted verbatim and cited, in
document order; clauses are grouped by the documents' own action areas (`sectors.sector_of`). Only a
question that asks what applies to a sector is answered this way: a question about one figure or one
measure that happens to name a sector word ("苏州新能源公交占比目标是多少？") is left to ordinary retrieval.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.chat.answer import intent_of, language_of, sentence_spans
from assistant.chat.reply_sentence import DEPARTMENT_NOTE
from assistant.documents.places import english_name, mentioned_places, place_aliases, same_place
from assistant.knowledge.sectors import BUSINESS_TERMS, SECTOR_ENGLISH, sector_of, sectors, sectors_for_query
from assistant.records import Answer, Chunk, Clause, Document, Hit
from assistant.search.expansion import expansion_terms
from assistant.words import stop_words

# "我们是做农机的", "我在晋城开了一家家电店", "本公司生产空调": the asker describes a business of their own.
SELF_DESCRIPTION = re.compile(
    r"(我们|我|咱们|咱|我司|本公司|我公司|我们公司|我厂|本厂|本企业|我单位|本单位)(在\S{1,8}?)?(主要|是一家|是)?"
    r"(做|搞|经营|从事|生产|销售|运营|卖|开了?(一|两|几)?(家|个|间|所|座)|是\S{0,12}?"
    r"(企业|公司|厂|店|商|合作社|医院|学校|景区|酒店|单位|银行|机构|车行|站|场|社|户))"
)
# "有什么政策", "哪些措施", "能享受", "适用": the question asks what applies, not about one figure.
APPLIES = re.compile(
    r"(有没有|有哪些|有什么|有啥|哪些|什么|啥)(相关的?)?(政策|措施|支持|扶持|优惠|补贴|补助|奖励|好处|举措)"
    r"|能享受|可以享受|可享受|享受(哪些|什么|啥)|适用|相关的?(政策|措施)|(政策|措施)(有哪些|是什么)"
)
ENGLISH_SELF = re.compile(
    r"\b(we|i)\s+(are|am|make|sell|run|own|operate|manufacture|produce|build|repair|trade)\b"
    r"|\bour\s+(company|business|firm|shop|store|factory|farm|dealership|plant)\b",
    re.I,
)
ENGLISH_APPLIES = re.compile(
    r"\b(support|measures?|polic(y|ies)|incentives?|help|subsid(y|ies))\b[^?]*\b(for|to)\b[^?]*"
    r"\b(compan(y|ies)|business(es)?|firms?|dealers?|dealerships?|factor(y|ies)|manufacturers?|makers?|"
    r"farms?|farmers|sectors?|industr(y|ies)|shops?|stores?|enterprises?|operators?)\b",
    re.I,
)
# Words that describe the asker or ask the question; what is left after them names a specific topic.
FILLERS = stop_words("business_fillers")  # data/stopwords.json
# A household's or a person's own question ("家里旧冰箱换新有啥优惠") is about one measure, not a sector.
PERSONAL = re.compile(r"家里|家中|我家|自家|个人|居民|市民|消费者|老人")
MAX_RESIDUE = 2  # Chinese characters left after the fillers: more means a specific question
_FIRST_SENTENCE_LIMIT = 90  # characters; a longer first sentence is cut at a comma
_HEADING_MARK = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[）)．.、\s]")
_BUSINESS_PATTERNS = tuple(re.compile(pattern) for pattern, _ in BUSINESS_TERMS)
_CJK = re.compile(r"[\u4e00-\u9fff]")

TEXTS = {
    "zh": {
        "intro": "与“{areas}”领域相关的条款，按城市和文件顺序列出：",
        "place": "{place}：",
        "no_place": "未注明地区的文件",
        "sep": "：",
        "list": "、",
    },
    "en": {
        "intro": "Clauses on {areas}, by city, in document order:",
        "place": "{place}:",
        "no_place": "Documents of no particular place",
        "sep": ": ",
        "list": ", ",
    },
}


def sector_question(question: str) -> list[str]:
    """The sectors a question asks the measures of, or [] when it is not such a question."""
    if intent_of(question).name in ("figure", "department"):
        return []
    if language_of(question) == "en":
        found = sectors_for_query(" ".join([question, *expansion_terms(question)]))
        asks = ENGLISH_SELF.search(question) or ENGLISH_APPLIES.search(question)
        return found if found and asks else []
    found = sectors_for_query(question)
    described = SELF_DESCRIPTION.search(question)
    asks = described or (APPLIES.search(question) and not PERSONAL.search(question))
    return found if found and asks and len(_residue(question)) <= MAX_RESIDUE else []


def sector_answer(
    retriever, question: str, cities: Sequence[str] = (), doc_ids: Sequence[str] = (), lang: str | None = None
) -> Answer | None:
    """Every clause of the sectors `question` asks about, per city, quoted and cited; None when the
    question is not a sector question or the documents have no clause of its sectors."""
    areas = sector_question(question)
    if not areas:
        return None
    places = _places(retriever, question, cities)
    if places is None:
        return None
    documents = [d for d in retriever.documents if d.place in places and (not doc_ids or d.doc_id in doc_ids)]
    grouped = clauses_by_place(documents, retriever.clauses, areas)
    if not grouped:
        return None
    lang = lang or language_of(question)
    return _listing(question, areas, grouped, retriever.chunks, lang)


def clauses_by_place(
    documents: Sequence[Document], clauses: Sequence[Clause], areas: Sequence[str]
) -> dict[str, list[Clause]]:
    """The clauses of `areas` in each place's documents (places in the documents' order), in document order;
    a clause with no sentence of its own beyond its heading is left out."""
    of_document: dict[str, list[Clause]] = {d.doc_id: [] for d in documents}
    for clause in clauses:
        if clause.doc_id in of_document and sector_of(clause.path, clause.text) in areas:
            of_document[clause.doc_id].append(clause)
    grouped: dict[str, list[Clause]] = {}
    for document in documents:
        own = sorted(of_document[document.doc_id], key=lambda c: c.order)
        found = [c for c in own if first_sentence(c)]
        if found:
            grouped.setdefault(document.place, []).extend(found)
    return grouped


def first_sentence(clause: Clause) -> str:
    """The clause's first sentence after its heading, verbatim (cut at a comma when long); '' if none.

    An annex table row ("4 | 推动… | 研究制定…。 | 市农业农村局牵头…") starts at its first cell that is
    neither a number nor the row's heading."""
    text = _body_of_row(clause) if " | " in clause.text else clause.text
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if _is_heading(sentence, clause) or DEPARTMENT_NOTE.match(sentence) or len(sentence) < 6:
            continue
        return _cut(sentence).rstrip("；;，,")
    return ""


def clause_heading(clause: Clause) -> str:
    """The clause's own heading (the last step of its path)."""
    return clause.path[-1] if clause.path else ""


def _listing(
    question: str, areas: Sequence[str], grouped: dict[str, list[Clause]], chunks: Sequence[Chunk], lang: str
) -> Answer:
    texts = TEXTS[lang]
    chunks_of: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        chunks_of.setdefault(chunk.clause_id, []).append(chunk)
    names = [area if lang == "zh" else f"{SECTOR_ENGLISH.get(area, area)} ({area})" for area in areas]
    lines = [texts["intro"].format(areas=texts["list"].join(names))]
    hits: list[Hit] = []
    for place, clauses in grouped.items():
        label = _place_label(place, lang)
        lines.append(texts["place"].format(place=label))
        for clause in clauses:
            own = chunks_of.get(clause.clause_id, [])
            sentence = first_sentence(clause)
            cited = next((c for c in own if sentence.rstrip("…") in c.text), None)
            if cited is None:
                continue
            first_rank = len(hits) + 1
            hits += [Hit(chunk, 1.0, len(hits) + i) for i, chunk in enumerate(own, 1)]
            number = first_rank + own.index(cited)
            lines.append(f"{clause_heading(clause)}{texts['sep']}{sentence}[{number}]")
    return Answer(question, True, "\n".join(lines), tuple(hits))


def _place_label(place: str, lang: str) -> str:
    if not place:
        return TEXTS[lang]["no_place"]
    return place if lang == "zh" else f"{english_name(place) or place} ({place})"


def _places(retriever, question: str, cities: Sequence[str]) -> list[str] | None:
    """The corpus places to list: those named in the question (None if it names one outside the corpus),
    narrowed by the city filter; with neither, also the documents that name no place."""
    known = list(dict.fromkeys(d.place for d in retriever.documents if d.place))
    named = mentioned_places(question, known)
    places = known if named or cities else [*known, ""]  # "": documents of no place, e.g. national ones
    if named:
        places = [p for p in known if any(same_place(p, n) for n in named)]
        if len(places) < len(named):
            return None
    if cities:
        places = [p for p in places if any(same_place(p, c) for c in cities)]
    return places


def _residue(question: str) -> str:
    """The Chinese characters of a question left after business words, places, cues and fillers."""
    rest = question
    for pattern in (*_BUSINESS_PATTERNS, APPLIES, SELF_DESCRIPTION):
        rest = pattern.sub(" ", rest)
    for area in sectors():
        rest = rest.replace(area, " ")
    for place in mentioned_places(question):
        for alias in sorted(place_aliases(place), key=len, reverse=True):
            rest = rest.replace(alias, " ")
    for word in sorted(FILLERS, key=len, reverse=True):
        rest = rest.replace(word, "")
    return "".join(_CJK.findall(rest))


def _body_of_row(clause: Clause) -> str:
    cells = [cell.strip() for cell in clause.text.split(" | ")]
    heading = clause_heading(clause)
    return next((cell for cell in cells if cell and not cell.isdigit() and cell not in heading), "")


def _is_heading(sentence: str, clause: Clause) -> bool:
    bare = sentence.rstrip("。.；;").strip()
    return any(bare == h.strip() or bare in h for h in clause.path) or bool(
        _HEADING_MARK.match(sentence) and len(bare) <= 30 and "，" not in bare
    )


def _cut(sentence: str) -> str:
    if len(sentence) <= _FIRST_SENTENCE_LIMIT:
        return sentence
    cut = max(sentence.rfind(mark, 0, _FIRST_SENTENCE_LIMIT) for mark in "，,；;：:")
    return sentence[: cut if cut > 10 else _FIRST_SENTENCE_LIMIT] + "…"
