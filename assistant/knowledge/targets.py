"""Quantitative targets in a clause: the figure, unit and qualifier as written, the indicator and the years.

What counts as a quantitative target: a stated figure the plan commits to reach, do or grant, namely
a level, share or ratio to reach (占比达到85%, 车桩比达到1.9:1), a growth over a baseline (较2023年增长30%
左右, 增长约一倍), an amount of work to complete (新建40家绿色工厂, 更新改造约1400公里, 每年实施1000个以上
项目), or an amount or cap of support (补助资金不超过20万元). A figure is a number with a unit of count, size,
capacity or money, a percentage, a ratio (1.9:1) or a multiple (一倍).
Not targets: years and dates (到2027年, “2024消费促进年”), numbering, figures inside names and grades (5G,
国Ⅲ, 1级能效), durations and conditions saying which objects are meant (使用15年以上的电梯, 超过20年的装置,
“…方面294项国家标准”: the size of a set defined elsewhere), the government's own organisation (15个工作
小组, 15项工作任务), and vague amounts (一批, 全覆盖). Durations (年, 月, 日) are never targets here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.records import Clause, Document, Target
from assistant.words import alternation, units

UNITS: tuple[str, ...] = units("target")  # data/units.json
PREFIX_QUALIFIERS: tuple[str, ...] = (
    "最高不超过", "最多不超过", "不得超过", "不得低于", "不少于", "不低于", "不超过", "不高于", "不多于",
    "控制在", "超过", "高于", "低于", "多于", "少于", "大约", "至少", "最高", "最多", "最低", "约", "超",
    "近", "逾",
)  # fmt: skip
SUFFIX_QUALIFIERS: tuple[str, ...] = ("及以上", "以上", "左右", "以下", "以内", "上下")
# Nouns after a count that make it a count of the plan's own organisation, not a target.
ORGANISATION_NOUNS: tuple[str, ...] = (
    "工作小组", "工作组", "小组", "专班", "工作任务", "重点任务", "任务", "措施", "举措", "条意见", "方面",
)  # fmt: skip
# Words before a count that make it the size of a set named elsewhere ("…方面294项国家标准").
SET_MARKERS: tuple[str, ...] = ("方面", "领域", "方面的", "领域的")

_NUMBER = r"\d+(?:\.\d+)?"
_UNIT = alternation(tuple(sorted(set(UNITS), key=len, reverse=True)))  # longest first
_AMOUNT = rf"{_NUMBER}(?:多|余)?[万亿千百]?(?:多|余)?(?:{_UNIT})"
_FIGURE = re.compile(
    rf"(?<![\d.A-Za-z第])(?:(?P<ratio>{_NUMBER}[:：]{_NUMBER})(?![\d])"
    rf"|(?P<amount>{_AMOUNT}(?:{_AMOUNT})?)"
    r"|(?P<multiple>[一二两三四五六七八九十]+倍|翻[一两二三四]番))"
)
_DEADLINE = re.compile(
    r"(?:到|至|截至|截止到?|力争|争取|在|于)(?P<a>\d{4})年(?!的?基础)"
    r"|(?<![较比\d])(?P<b>\d{4})年(?:底|末)"
    r"|^(?P<c>\d{4})年[，,]"
)
_BASELINE = re.compile(
    r"(?:较|比|相比|相较于?)(\d{4})年|(?:与|同)(\d{4})年(?:底|末)?相比|以(\d{4})年为基|(\d{4})年的?基础上"
)
_RECURRING = re.compile(r"每年|年均|逐年|每一年")
_LIST_LEAD = re.compile(r"分别(?:达到|达|为|是|提高到|提高|提升到|提升|增长|增加|下降|降低|减少)?$")
_SEGMENT_BREAK = "，,；;：:|"
_LEADING_WORDS = (
    "累计", "完成", "实现", "力争", "争取", "其中", "全市", "确保", "对", "使", "共", "、", "和", "及", "并",
)  # fmt: skip
_TRAILING_WORDS = (
    "达到", "提高到", "提升到", "提高", "提升", "增长", "增加", "下降", "降低", "减少", "分别", "累计", "达", "为",
) + PREFIX_QUALIFIERS  # fmt: skip
_LEADING_TIME = re.compile(r"^(?:力争|争取)?(?:到|至|在)?\d{4}年(?:底|末|前)?")
_TRAILING_BASELINE = re.compile(r"(?:较|比|相比|相较于?)\d{4}年(?:底|末)?$")
_INDICATOR_LIMIT = 40


@dataclass(frozen=True)
class Figure:
    """A figure found in a sentence: the value's span and the qualifiers around it."""

    start: int  # of the value
    end: int
    outer_start: int  # including a prefix qualifier
    outer_end: int  # including a suffix qualifier
    value: str
    unit: str
    prefix: str
    suffix: str


def compact(text: str) -> str:
    """Text without white space, except a single space between two ASCII words (PDF line joins)."""
    text = re.sub(r"(?<=[A-Za-z])\s+(?=[A-Za-z])", "\u0000", text)
    return re.sub(r"\s+", "", text).replace("\u0000", " ")


def extract_targets(clause: Clause, document: Document) -> list[Target]:
    """Every quantitative target in one clause, in text order."""
    targets: list[Target] = []
    carried_deadline = ""
    for full in _full_sentences(clause.text):
        figures = _targets_only(full, find_figures(full))
        indicators = _indicators(full, figures)
        for figure, indicator in zip(figures, indicators, strict=True):
            targets.append(
                Target(
                    doc_id=clause.doc_id,
                    clause_id=clause.clause_id,
                    section=clause.section,
                    city=document.place,
                    indicator=indicator,
                    value=figure.value,
                    unit=figure.unit,
                    qualifier=_qualifier(figure, figures, full),
                    deadline_year=_deadline(full, figure)
                    or ("" if _recurring(full, figure) else carried_deadline),
                    baseline_year=_baseline(full, figure),
                    sentence=_sentence_part(full, figure.start),
                )
            )
        years = [_year(m) for m in _DEADLINE.finditer(full)]
        carried_deadline = years[-1] if years else carried_deadline
    return targets


def extract_document_targets(clauses: list[Clause], document: Document) -> list[Target]:
    """The targets of all of a document's clauses, in document order."""
    return [
        t for clause in clauses if clause.doc_id == document.doc_id for t in extract_targets(clause, document)
    ]


def find_figures(sentence: str) -> list[Figure]:
    """Every number with a unit, ratio or multiple in a compact sentence, with its qualifiers."""
    figures = []
    for match in _FIGURE.finditer(sentence):
        start, end = match.span()
        prefix = next((q for q in PREFIX_QUALIFIERS if sentence.endswith(q, 0, start)), "")
        suffix = next((q for q in SUFFIX_QUALIFIERS if sentence.startswith(q, end)), "")
        value = match.group(0)
        figures.append(
            Figure(start, end, start - len(prefix), end + len(suffix), value, _unit_of(match), prefix, suffix)
        )
    return figures


def _targets_only(sentence: str, figures: list[Figure]) -> list[Figure]:
    """Drop conditions, sizes of sets named elsewhere and counts of the plan's own organisation."""
    kept = []
    for figure in figures:
        after = sentence[figure.outer_end :]
        before = sentence[: figure.outer_start]
        is_condition = after.startswith("的") and bool(
            figure.prefix or figure.suffix or before.endswith("在")
        )
        is_set_size = before.endswith(SET_MARKERS)
        is_organisation = after.startswith(ORGANISATION_NOUNS)
        if not (is_condition or is_set_size or is_organisation):
            kept.append(figure)
    return kept


def _unit_of(match: re.Match[str]) -> str:
    if match.group("ratio"):
        return ""
    if match.group("multiple"):
        return "番" if match.group(0).endswith("番") else "倍"
    parts = re.findall(rf"{_NUMBER}(?:多|余)?((?:[万亿千百])?(?:多|余)?(?:{_UNIT}))", match.group(0))
    return "+".join(part.replace("多", "").replace("余", "") for part in parts)


def _full_sentences(text: str) -> list[str]:
    """Compact sentences split at 。！？ and line breaks (a ；-part stays inside its sentence)."""
    return [s for s in (compact(part) for part in re.split(r"[。！？!?\n]", text)) if s]


def _sentence_part(full: str, position: int) -> str:
    """The part of a sentence between ； marks that holds `position`."""
    start = max(full.rfind("；", 0, position), full.rfind(";", 0, position)) + 1
    ends = [i for i in (full.find("；", position), full.find(";", position)) if i >= 0]
    return full[start : min(ends)] if ends else full[start:]


def _year(match: re.Match[str]) -> str:
    return match.group("a") or match.group("b") or match.group("c")


def _deadline(full: str, figure: Figure) -> str:
    """The deadline nearest before the figure in its sentence, else the first after it in its ；-part."""
    before = [m for m in _DEADLINE.finditer(full) if m.start() < figure.start]
    if before:
        return _year(before[-1])
    part_end = _part_end(full, figure.end)
    after = [m for m in _DEADLINE.finditer(full) if figure.end <= m.start() < part_end]
    return _year(after[0]) if after else ""


def _recurring(full: str, figure: Figure) -> bool:
    """A yearly figure ("每年实施1000个以上") has no deadline of its own."""
    return bool(_RECURRING.search(full, _segment_start(full, figure.outer_start), figure.start))


def _part_end(full: str, position: int) -> int:
    ends = [i for i in (full.find("；", position), full.find(";", position)) if i >= 0]
    return min(ends) if ends else len(full)


def _baseline(full: str, figure: Figure) -> str:
    """The baseline year (较2023年…) in the figure's comma-separated segment, before the figure."""
    segment_start = _segment_start(full, figure.outer_start)
    found = [m for m in _BASELINE.finditer(full, segment_start, figure.start)]
    return next((year for year in found[-1].groups() if year), "") if found else ""


def _segment_start(text: str, position: int) -> int:
    return max(text.rfind(mark, 0, position) for mark in _SEGMENT_BREAK) + 1


def _qualifier(figure: Figure, figures: list[Figure], full: str) -> str:
    """Prefix and suffix qualifiers as written ("约", "以上", "超…以上"); a 分别 list shares its prefix."""
    prefix = figure.prefix or _list_prefix(figure, figures, full)
    inner = "余" if "余" in figure.value else "多" if "多" in figure.value else ""
    return "…".join(q for q in (prefix, inner, figure.suffix) if q)


def _list_prefix(figure: Figure, figures: list[Figure], full: str) -> str:
    run = _run_of(figure, figures, full)
    return run[0].prefix if run and run[0] is not figure else ""


def _run_of(figure: Figure, figures: list[Figure], full: str) -> list[Figure]:
    """The 分别 list ("分别超过95%、80%") that `figure` belongs to, or [] when it is in none."""
    for run in _runs(figures, full):
        if figure in run:
            return run
    return []


def _runs(figures: list[Figure], full: str) -> list[list[Figure]]:
    """Lists of figures joined only by 、/和/及 and led by 分别."""
    runs: list[list[Figure]] = []
    for figure in figures:
        if runs and full[runs[-1][-1].outer_end : figure.outer_start] in ("、", "和", "及"):
            runs[-1].append(figure)
        else:
            runs.append([figure])
    return [run for run in runs if len(run) > 1 and _LIST_LEAD.search(full[: run[0].outer_start])]


def _indicators(full: str, figures: list[Figure]) -> list[str]:
    """The indicator of each figure: the noun after it, else the words before it back to a break."""
    indicators = []
    for i, figure in enumerate(figures):
        previous_end = figures[i - 1].outer_end if i else 0
        next_start = figures[i + 1].outer_start if i + 1 < len(figures) else len(full)
        after = _after_phrase(full, figure.outer_end, next_start)
        indicator = after or _before_phrase(full, figure.outer_start, previous_end)
        # "数量翻一番，力争达到2000家": a figure with no words of its own shares the previous one's subject
        indicators.append(indicator or (indicators[-1] if indicators else ""))
    for run in _runs(figures, full):
        lead = _LIST_LEAD.search(full[: run[0].outer_start])
        assert lead is not None
        items = re.split(r"[、和]", _before_phrase(full, lead.start(), 0))
        if len(items) == len(run):
            for figure, item in zip(run, items, strict=True):
                indicators[figures.index(figure)] = _clean_phrase(item)
    return [indicator[:_INDICATOR_LIMIT] for indicator in indicators]


def _after_phrase(full: str, end: int, next_start: int) -> str:
    stops = [i for i in (full.find(mark, end) for mark in _SEGMENT_BREAK + "。") if i >= 0]
    stop = min([len(full), *stops])
    phrase = full[end : min(next_start, stop)]
    if next_start < stop:  # "16个噪声监测站点、环境监测设备67台": the next figure's words are its own
        phrase = phrase.split("、")[0]
    phrase = phrase.rstrip("、和及与并")
    if len(phrase) < 2 or phrase.startswith("的") or not re.match(r"[\u4e00-\u9fff“（(]", phrase):
        return ""
    return phrase


def _before_phrase(full: str, start: int, previous_end: int) -> str:
    segment_start = _segment_start(full, start)
    phrase = full[segment_start:start]
    if previous_end > segment_start:
        phrase = full[previous_end:start]
        phrase = phrase[phrase.rfind("、") + 1 :]
    return _clean_phrase(phrase)


def _clean_phrase(phrase: str) -> str:
    """Strip time phrases, baselines, qualifiers and linking verbs from the ends of an indicator phrase."""
    previous = None
    while phrase != previous:
        previous = phrase
        phrase = _LEADING_TIME.sub("", phrase)
        phrase = _TRAILING_BASELINE.sub("", phrase)
        for word in _LEADING_WORDS:
            if phrase.startswith(word) and len(phrase) > len(word) + 1:
                phrase = phrase[len(word) :]
        for word in _TRAILING_WORDS:
            if phrase.endswith(word) and len(phrase) > len(word) + 1:
                phrase = phrase[: -len(word)]
    phrase = phrase.strip("，,、；;：: ")
    return "" if phrase in _TRAILING_WORDS or phrase in _LEADING_WORDS else phrase
