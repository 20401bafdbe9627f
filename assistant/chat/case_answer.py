"""The case calculator: a question that states its case gets the rule for that case, computed and cited.

A case is what the asker says of themselves: a price (发票18万元), a count (买2台空调), a grade (一级能效), a
day (7月买车). The cited clauses' measures (knowledge.measures) are read for bands, caps, limits and
windows, and the reply says which band holds and what it gives, the cap or limit that binds, and whether the
day falls in the window: `18万元在15万元（含）至20万元档：每辆补贴3000元[1]`, then the band's own sentence.
It never states more than the text: a case outside every band, or after the window, is said to be so, and a
question whose case no cited measure reads gets no case line (the usual reply follows).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from assistant.documents.periods import cn_number, extract_time
from assistant.knowledge.amounts import (
    bands_of,
    bound_words,
    find_amounts,
    hand_money,
    in_band,
    main_and_cap,
    measure_words,
)
from assistant.knowledge.measures import measure_texts
from assistant.knowledge.targets import compact
from assistant.records import Band, Hit

_PRICE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<mag>万|千)?\s*(?:元|块)"
    r"|(?:发票|售价|价格|价钱|车价|花了?|标价|总价)[^\d，,。？?]{0,6}?(?P<num2>\d+(?:\.\d+)?)\s*(?P<mag2>万|千)"
)
_COUNT = re.compile(
    r"(?P<n>\d+|[一两二三四五六七八九十]+)\s*(?P<unit>台|辆|件|套|部|个|人|名|户|家|%|％)(?!月|年|工作日|季度)"
)
# a figure that bounds a band ("对参保职工30人（含）以下的企业", "5万元以上的") names the rule's band, not
# the asker's own case
_BAND_BOUND = re.compile(
    r"\s*(?:[（(]含[）)]|[（(]不含[）)])?\s*(?:及|或)?(?:以下|以上|以内|之内|以外|及以上|及以下)"
)
_PRICE_OF = re.compile(r"售价|价格|价款|发票|成交价|合同额|销售额|车价|购买金额|实付|实际支付")
_SAME_UNIT = {"名": "人", "位": "人", "％": "%"}  # a count of 名 is a count of 人
_GRADE = re.compile(r"(?P<n>[一二三四五1-5])级(?:能效|水效)")
_DAY = re.compile(
    r"(?:(?P<y>20\d\d)年)?(?P<m>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(?:(?P<d>\d{1,2})[日号])?"
)
_WAY_WORD = {"up": "增长", "down": "下降", "same": "持平"}  # how the computed line names the case's change
_CLOSE = 0.75  # a measure sharing this share of the best one's words with the question is about it too


@dataclass(frozen=True)
class Case:
    """What a question says of the asker's case; None where it says nothing."""

    price: float | None = None  # 元
    price_words: str = ""
    counts: tuple[tuple[int, str], ...] = ()  # every count the question states: ((40, "人"), (1, "家"))
    grade: int | None = None
    month: tuple[int | None, int, int | None] | None = None  # (year, month, day)
    month_words: str = ""
    change: str = ""  # which way the stated share went: "up", "down", "same" (no change, read as 0%)

    def __bool__(self) -> bool:
        return bool(self.counts) or any(x is not None for x in (self.price, self.grade, self.month))

    def count_of(self, units: set[str] | str) -> tuple[int, str] | None:
        """The stated count in one of `units` ("40名员工" for 人), if any."""
        return next(((n, unit) for n, unit in self.counts if unit in units), None)


def case_of(question: str) -> Case:
    """The case a question states: its price, count, energy grade and the day or month it names."""
    price = next((m for m in _PRICE.finditer(question) if not _BAND_BOUND.match(question, m.end())), None)
    value = None
    if price:
        number, magnitude = (price["num"], price["mag"]) if price["num"] else (price["num2"], price["mag2"])
        value = hand_money(number, magnitude or "")
        words = f"{number}{magnitude or ''}元"
    counts = tuple(
        (cn_number(m["n"]), _SAME_UNIT.get(m["unit"], m["unit"]))
        for m in _COUNT.finditer(re.sub(_PRICE, "", question))
        if cn_number(m["n"]) and not _BAND_BOUND.match(m.string, m.end())
    )
    change = _change_of(question)
    if change == "same" and not any(unit == "%" for _, unit in counts):
        counts += ((0, "%"),)
    grade = _GRADE.search(question)
    day = _DAY.search(question)
    return Case(
        price=value,
        price_words=words if price else "",
        counts=counts,
        grade=cn_number(grade["n"]) if grade else None,
        month=(int(day["y"]) if day["y"] else None, cn_number(day["m"]), int(day["d"]) if day["d"] else None)
        if day
        else None,
        month_words=day[0] if day else "",
        change=change,
    )


def _change_of(question: str) -> str:
    """Which way the question says its share went: the change word nearest before its first percentage
    ("营收下降了40%" → down), else "same" for a no-change word with no figure after it ("和去年差不多")."""
    words = measure_words()["change_words"]
    share = re.search(r"\d+(?:\.\d+)?\s*[%％]", question)
    if share:
        before = question[max(0, share.start() - 8) : share.start()]
        found = [(before.rfind(w), way) for way in ("up", "down") for w in words[way] if w in before]
        return max(found)[1] if found else ""
    for word in words["same"]:
        at = question.find(word)
        if at >= 0 and not re.match(r"\s*[\d一二两三四五六七八九十百千万]", question[at + len(word) :]):
            return "same"
    return ""


def case_line(question: str, hits: Sequence[Hit], today: date | None = None) -> str:
    """The computed line and the band's sentence for the case the question states, cited; "" when the
    question states no case or no cited measure reads it."""
    case = case_of(question)
    if not case:
        return ""
    wanted = _bigrams(question)
    flat = {number: compact(hit.chunk.text) for number, hit in enumerate(hits, 1)}
    candidates = [
        (len(wanted & _bigrams(_sentence_of(text, flat[number]))), -number, number, hit, text)
        for number, hit in enumerate(hits, 1)
        for text in measure_texts(hit.chunk.text)
        if find_amounts(text)
    ]
    # the support asked about: the instrument word last named ("贷款额度200万元，财政贴息多少" asks for 贴息)
    asked = max(
        (w for e in measure_words()["instruments"] for w in e["words"] if w in question),
        key=question.rfind,
        default="",
    )
    named = [c for c in candidates if asked and asked in c[4]]
    candidates = named or candidates
    if not candidates:
        return ""
    # one document answers: that of the best-ranked hit holding such a measure (the reply's own source),
    # or, when its measures do not read the case, the next document of the same place in rank order, so
    # another place's rule never passes for the one asked about
    place = _place_of(hits[min(c[2] for c in candidates) - 1])
    candidates = [c for c in candidates if _place_of(c[3]) == place]
    best = max(c[0] for c in candidates)
    for document in dict.fromkeys(c[3].chunk.doc_id for c in sorted(candidates, key=lambda c: c[2])):
        line = _read_case(case, [c for c in candidates if c[3].chunk.doc_id == document], best, hits, today)
        if line:
            return line
    return ""


def _place_of(hit: Hit) -> tuple[str, str]:
    return hit.chunk.city, hit.chunk.province


def _sentence_of(measure: str, flat: str) -> str:
    """The sentence of the compacted passage `flat` that `measure` (a ；-part, compacted) comes from: its
    subject is often named before the ；("对…重点保障企业…，贷款额度最高不超过600万元；贷款额度在300万元以内的，…")."""
    at = flat.find(measure[:12])
    if at < 0:
        return measure
    start = max(flat.rfind(mark, 0, at) for mark in "。！？!?") + 1
    ends = [i for i in (flat.find(mark, at + len(measure)) for mark in "。！？!?") if i >= 0]
    return flat[start : min(ends, default=len(flat))] + measure


def _read_case(case: Case, candidates: list, best: int, hits: Sequence[Hit], today: date | None) -> str:
    """The line of the first measure of one document that reads the case, among the measures the question
    is about (nearly as many shared words as the best of any document), in that order; a measure far from
    the question never reads it."""
    for overlap, _, number, hit, text in sorted(candidates, key=lambda c: c[:2], reverse=True):
        if overlap < _CLOSE * best:
            break
        line = (
            _banded(case, text, number)
            or _counted(case, text, number)
            or _shared(case, text, number)
            or _graded(case, text, number)
        )
        if line:
            window = _window_line(case, hits, hit, number, today)
            return "\n".join(x for x in (line, window) if x)
    return ""


def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def _banded(case: Case, text: str, number: int) -> str:
    """The band that holds the case's price or count, or that none does."""
    bands = [band for band in bands_of(text) if _same_way(case, band)]
    figure, unit, words = _figure_for(case, bands)
    if figure is None:
        return ""
    holding = [band for band in bands if band.unit == unit and in_band(band, figure)]
    if not holding:
        conditions = "；".join(_band_label(band) for band in bands if band.unit == unit)
        return f"{words}不在所列档次内（{conditions}）[{number}]"
    band = max(holding, key=lambda b: (b.low or 0, -(b.high or 0)))  # "100人以上" over "50人以上"
    return f"{words}在{_band_label(band)}档：{band.amount}[{number}]\n{_band_sentence(text, band)}[{number}]"


def _figure_for(case: Case, bands: Sequence[Band]) -> tuple[float | None, str, str]:
    units = {band.unit for band in bands}
    if case.price is not None and "元" in units:
        return case.price, "元", case.price_words
    count = case.count_of(units)
    if count is not None:
        way = _WAY_WORD.get(case.change, "") if count[1] == "%" else ""
        return float(count[0]), count[1], way if case.change == "same" else f"{way}{count[0]}{count[1]}"
    return None, "", ""


def _band_label(band: Band) -> str:
    """A band's bound as written, with the change words just before it ("营业收入下降30%以上" → "下降30%以上",
    "相比持平或增长20%以内" → "持平或增长20%以内")."""
    words = bound_words(band.condition)
    head = band.condition[: band.condition.rfind(words)]
    words_of = measure_words()["change_words"]
    change = "|".join(w for way in _WAY_WORD for w in words_of[way])
    joined = re.search(rf"(?:(?:{change})(?:或|和|及)?)+$", head)
    return head[joined.start() :] + words if joined else words


def _ways(band: Band) -> set[str]:
    """The ways of change a band's condition names ("相比持平或增长20%以内" → {"same", "up"})."""
    words = measure_words()["change_words"]
    return {way for way in _WAY_WORD if any(w in band.condition for w in words[way])}


def _same_way(case: Case, band: Band) -> bool:
    """Whether a band of shares can hold the case's share: a share that grew only in a band of growth, one
    that fell only in a band of decline, no change only in a band that names it (持平), and a share that
    went no way (裁员率3%) only in a band that names no change."""
    if band.unit != "%":
        return True
    ways = _ways(band)
    return case.change in ways if case.change else not ways


def _band_sentence(text: str, band: Band) -> str:
    """The ；-part of the measure that states the band."""
    parts = [p for p in re.split(r"[；;。]", text) if band.condition in p]
    return parts[0] if parts else text


def _counted(case: Case, text: str, number: int) -> str:
    """A per-unit amount times the count, capped by the limit or the cap the text states."""
    main, cap = main_and_cap(find_amounts(text))
    if main is None or main.share or not main.per or main.value is None:
        return ""
    count = case.count_of(_SAME_UNIT.get(main.per[0], main.per[0]))
    if count is None:
        return ""
    asked, unit = count
    limit = re.search(rf"(?:限购|限领|限补|限|最多)(?P<n>\d+|[一两二三四五])\s*{unit}", text)
    counted = min(asked, cn_number(limit["n"])) if limit else asked
    total = counted * main.value
    note = f"，{limit[0]}：按{counted}{unit}计" if limit and counted < asked else ""
    if cap is not None and cap.value is not None and cap is not main and total > cap.value:
        note += f"，{cap.written}"
        total = cap.value
    return f"{asked}{unit}{note}：{main.written}，共{_yuan(total)}[{number}]\n{text}[{number}]"


def _shared(case: Case, text: str, number: int) -> str:
    """A share of the price the question states, capped by the sum the text caps it at."""
    if case.price is None or bands_of(text):
        return ""
    main, cap = main_and_cap(find_amounts(text))
    if main is None or not main.share or main.value is None:
        return ""
    if not _PRICE_OF.search(text[max(0, main.start - 12) : main.start]):
        return ""  # "再贷款利率的50%": a share of something else than the price the question states
    total = case.price * main.value / 100
    note = ""
    if cap is not None and cap.value is not None and total > cap.value:
        note, total = f"，{cap.written}", cap.value
    most = "最多" if main.cap else ""  # "不超过2%": the text gives no more than this
    return f"{case.price_words}×{main.written}{note}：{most}{_yuan(total)}[{number}]\n{text}[{number}]"


def _graded(case: Case, text: str, number: int) -> str:
    """The part of a measure that names the asked energy grade and states an amount."""
    if case.grade is None:
        return ""
    names = (f"{case.grade}级", f"{'一二三四五'[case.grade - 1]}级")
    for part in re.split(r"[；;。]", text):
        if any(name in part for name in names) and find_amounts(part):
            return f"{names[1]}能效：{part}[{number}]"
    return ""


def _yuan(value: float) -> str:
    return f"{value / 10000:g}万元" if value >= 10000 and value % 1000 == 0 else f"{value:g}元"


def _window_line(case: Case, hits: Sequence[Hit], hit: Hit, number: int, today: date | None) -> str:
    """Whether the day the question names falls in the window of the measure's document."""
    if case.month is None:
        return ""
    for n, other in [(number, hit)] + [
        (i, h) for i, h in enumerate(hits, 1) if h.chunk.doc_id == hit.chunk.doc_id
    ]:
        facts = extract_time(other.chunk.text)
        if facts.start and facts.end:
            year = case.month[0] or int(facts.start[:4])
            first = date(year, case.month[1], case.month[2] or 1)
            last = date(year, case.month[1], case.month[2] or _month_end(year, case.month[1]))
            start, end = date.fromisoformat(facts.start), date.fromisoformat(facts.end)
            if last < start or first > end:
                return f"{case.month_words}不在{facts.start}至{facts.end}的期限内[{n}]"
            return f"{case.month_words}在{facts.start}至{facts.end}的期限内[{n}]"
    return ""


def _month_end(year: int, month: int) -> int:
    return ((date(year + month // 12, month % 12 + 1, 1)) - date(year, month, 1)).days
