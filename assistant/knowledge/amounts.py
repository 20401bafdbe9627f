"""Amounts of support as written and parsed: fixed sums, shares of a price, sums per unit, caps, and bands.

A band is the case a rule holds for ("售价15万元（含）至20万元的，每辆补贴3000元"): its bounds are read
as 民法典 第1259条 reads them: 以上、以下、以内 include the number, 超过、不满、低于、高于 do not, and a
written (含) / (不含) decides over both. Sums are parsed by a hand parser or by jionlp's `parse_money`
(`MONEY_PARSERS`); evaluation/measures_score.py measures both on the gold list.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from assistant.config import DATA_DIR
from assistant.records import Band

MEASURE_WORDS = DATA_DIR / "measures.json"

_NUMBER = r"\d+(?:\.\d+)?"
_CN_NUMBER = r"[零一二两三四五六七八九十百千]+"
_MAGNITUDE = r"万亿|亿|万|千|百"
_MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2, "": 1.0}
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_MONEY = re.compile(
    rf"(?P<num>{_NUMBER}|{_CN_NUMBER})\s*(?P<mag>{_MAGNITUDE})?\s*元(?![/／]?(?:[年月日天]|平方))?"
)
_SHARE = re.compile(rf"(?P<num>{_NUMBER})\s*[%％]")
_PER_BEFORE = re.compile(
    r"(?:每|按每)(?P<unit>[^\d，,。；;的]{1,3}?)(?:每[月年天])?"
    r"(?:最高|最多|补贴|补助|奖励|给予|发放|一次性|将|可|获得)*$"
)
_PER_AFTER = re.compile(r"^[/／](?P<unit>[\u4e00-\u9fff](?:次|年|月)?)")
_CAP_BEFORE = (
    "不高于",
    "最高不超过",
    "最多不超过",
    "最高不得超过",
    "累计不超过",
    "总额不超过",
    "不超过",
    "最高",
    "最多",
    "上限为",
    "上限",
)
_CAP_AFTER = ("封顶", "为限", "以内")
_GIVES = ("给予", "发放", "可获", "享受")
_CONTEXT = 10  # characters before a sum that may say it is a total fund
_INCLUSION = r"[（(](?:含|不含)[）)]"
_BOUND_UNIT = r"元|人|%|％|辆|台|吨|个(?!月|工作日)|家|户|平方米|套|件|名|千瓦|万千瓦时|千瓦时"
_BOUND = re.compile(
    rf"(?P<pre>不超过|不高于|不低于|不少于|超过|高于|低于|少于|不满|不足|达到|满)?"
    rf"(?P<a>{_NUMBER})(?P<ai1>{_INCLUSION})?(?P<amag>{_MAGNITUDE})?(?P<aunit>{_BOUND_UNIT})?(?P<ai2>{_INCLUSION})?"
    rf"(?:(?:至|到|-|－|—|~|～)(?P<b>{_NUMBER})(?P<bi1>{_INCLUSION})?(?P<bmag>{_MAGNITUDE})?"
    rf"(?P<bunit>{_BOUND_UNIT})?(?P<bi2>{_INCLUSION})?)?"
    rf"(?P<dir>及以上|以上|及以下|以下|以内)?(?P<di>{_INCLUSION})?"
)
_BAND_PART = re.compile(
    r"(?P<condition>[^，,；;。：:]*\d[^，,；;。：:]*?)的(?P<object>[^，,；;。：:\d]{0,12})[，,](?P<amount>[^；;。]*)"
)
# "对300万元以上的贷款额度进行全额贴息": the case and what it gets in one comma part
_BAND_INLINE = re.compile(r"(?P<condition>[^，,；;。：:]*\d[^，,；;。：:]*?)的(?P<amount>[^，,；;。：:]+)")


@lru_cache(maxsize=1)
def measure_words() -> dict[str, Any]:
    """The word lists of data/measures.json."""
    return json.loads(MEASURE_WORDS.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Amount:
    """One sum or share in a text: where, as written, parsed, and what surrounds it."""

    start: int
    end: int
    written: str  # with its qualifier and unit: "每台最高补贴2000元"
    value: float | None
    share: bool
    per: str
    cap: bool


def cn_integer(text: str) -> int | None:
    """ "五千" → 5000, "十二" → 12, "两百" → 200 (None when it is no number)."""
    total, digit = 0, None
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in "十百千":
            total += (1 if digit is None else digit) * {"十": 10, "百": 100, "千": 1000}[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def hand_money(number: str, magnitude: str) -> float | None:
    """The hand parser: a number (Arabic or Chinese) times its magnitude, in 元."""
    base = float(number) if re.fullmatch(_NUMBER, number) else cn_integer(number)
    return None if base is None else round(base * _MAGNITUDES[magnitude or ""], 2)


def jionlp_money(number: str, magnitude: str) -> float | None:
    """jionlp's parse_money on the same words ("2.4万元" → 24000.0); imported on first use."""
    from assistant.documents.jio import jionlp

    try:
        parsed = jionlp().parse_money(f"{number}{magnitude}元")
    except (ValueError, TypeError, KeyError):
        return None
    num = parsed.get("num")
    return float(num) if isinstance(num, str) else None


MONEY_PARSERS = {"hand": hand_money, "jionlp": jionlp_money}
DEFAULT_PARSER = "hand"  # measured against jionlp on the gold list (docs in evaluation/measures_score.py)


def find_amounts(text: str, parser: str = DEFAULT_PARSER) -> list[Amount]:
    """Every sum in 元 and every percentage in a compact text, in order, with per-unit and cap words."""
    money = MONEY_PARSERS[parser]
    words = measure_words()
    share_words = re.compile("|".join(words["share_words"]))
    found: list[Amount] = []
    matches = [*_MONEY.finditer(text), *_SHARE.finditer(text), *share_words.finditer(text)]
    for match in sorted(matches, key=lambda m: m.start()):
        if _inside_bound(text, match) or _is_duration(text, match):
            continue
        segment_start = max(text.rfind(mark, 0, match.start()) for mark in "，,；;：:。（(") + 1
        before = text[segment_start : match.start()]
        if any(word in before[-_CONTEXT:] for word in words["fund_context"]):
            continue  # a total fund (设立1亿元专项资金), not what one beneficiary gets
        share = match.re is not _MONEY
        if share and (
            any(word in before for word in words["condition_words"]) or re.search("(?<!不)超过", before)
        ):
            continue  # a rate the beneficiary must meet (比例下调至20%), not what it gets
        if match.re is share_words:
            value = float(words["share_words"][match[0]])
        else:
            value = float(match["num"]) if share else money(match["num"], match["mag"] or "")
        per_before = _PER_BEFORE.search(before)
        per_after = _PER_AFTER.match(text[match.end() :])
        per = per_before["unit"] if per_before else per_after["unit"] if per_after else ""
        cap_word = next((w for w in _CAP_BEFORE if w in before[-12:]), "") or next(
            (w for w in _CAP_AFTER if text.startswith(w, match.end())), ""
        )
        start = segment_start + (per_before.start() if per_before else len(before))
        if cap_word and cap_word in before:
            start = min(start, segment_start + before.rfind(cap_word))
        end = match.end() + (len(per_after[0]) if per_after else 0)
        if cap_word and text.startswith(cap_word, match.end()):
            end = match.end() + len(cap_word)
        found.append(Amount(start, end, text[start:end], value, share, per, bool(cap_word)))
    return found


def _inside_bound(text: str, match: re.Match[str]) -> bool:
    """A sum that is part of a band's condition ("售价8万元以上的", "8万元至12万元的") is a bound, not an amount."""
    rest = text[match.end() : match.end() + 12]
    if re.match(
        rf"(?:{_INCLUSION})?(?:及以上|以上|及以下|以下|以内)|{_INCLUSION}的|(?:{_INCLUSION})?(?:至|到|-|－|—|~|～)\d",
        rest,
    ):
        return True
    return bool(
        re.search(
            r"\d(?:[万亿千])?(?:元|%|％)?(?:" + _INCLUSION + r")?(?:至|到|-|－|—|~|～)$",
            text[: match.start()],
        )
    )


def _is_duration(text: str, match: re.Match[str]) -> bool:
    return bool(re.match(r"[/／]?[年月日天]", text[match.end() : match.end() + 2])) and not text[
        max(0, match.start() - 2) : match.start()
    ].endswith(("每", "每人"))


def bound_of(condition: str, parser: str = DEFAULT_PARSER) -> tuple | None:
    """(low, low_included, high, high_included, unit) of the last bound in a condition, or None."""
    found = [m for m in _BOUND.finditer(condition) if m["aunit"] or m["bunit"] or m["dir"] or m["pre"]]
    found = [m for m in found if m["aunit"] or m["bunit"]] or found  # "50人及以上并就业超过3个月": 人
    if not found:
        return None
    m = found[-1]
    unit = (m["aunit"] or m["bunit"] or "").replace("％", "%")
    b_unit = m["bunit"] or m["aunit"] or ""
    a = _bound_value(m["a"], m["amag"] or (m["bmag"] if not m["aunit"] else ""), unit or b_unit, parser)
    marks = [x for x in (m["ai1"], m["ai2"]) if x]
    a_included = "不含" not in marks[0] if marks else None
    if m["b"]:
        b = _bound_value(m["b"], m["bmag"] or "", b_unit, parser)
        b_marks = [x for x in (m["bi1"], m["bi2"], m["di"]) if x]
        b_included = "不含" not in b_marks[0] if b_marks else True
        return a, True if a_included is None else a_included, b, b_included, unit or b_unit
    pre, direction = m["pre"] or "", m["dir"] or ""
    late = m["di"]
    included = "不含" not in (marks[0] if marks else late) if (marks or late) else None
    if pre in ("超过", "高于", "达到", "满", "不低于", "不少于") or "以上" in direction:
        default = pre not in ("超过", "高于")
        return a, default if included is None else included, None, False, unit
    if pre in ("不超过", "不高于", "低于", "少于", "不满", "不足") or direction in ("以下", "及以下", "以内"):
        default = pre not in ("低于", "少于", "不满", "不足")
        return None, False, a, default if included is None else included, unit
    return None


def bound_words(condition: str) -> str:
    """The words of a condition's bound as written, from its figure on ("售价15万元（含）以上的" → "15万元（含）以上")."""
    found = [m for m in _BOUND.finditer(condition) if m["aunit"] or m["bunit"]]
    return condition[found[-1].start() :] if found else condition


def _bound_value(number: str, magnitude: str, unit: str, parser: str) -> float | None:
    if unit == "元":
        return MONEY_PARSERS[parser](number, magnitude)
    return round(float(number) * _MAGNITUDES[magnitude or ""], 2)


def bands_of(text: str, parser: str = DEFAULT_PARSER, inline: bool = True) -> tuple[Band, ...]:
    """The bands of a text: each "condition的，amount" part whose condition states a bound; else (`inline`)
    a single "condition的…amount" part."""
    bands = _bands(_BAND_PART.finditer(text), parser)
    return bands or (_bands(_BAND_INLINE.finditer(text), parser)[:1] if inline else ())


def _bands(parts, parser: str) -> tuple[Band, ...]:
    bands = []
    for part in parts:
        condition = part["condition"]
        if any(word in condition for word in _GIVES):
            continue  # "贷款给予不超过2%的贴息支持，…": what is given, not the case it holds for
        bound = bound_of(condition, parser)
        amounts = find_amounts(part["amount"], parser)
        if bound is None or not amounts:
            continue
        low, low_in, high, high_in, unit = bound
        first = amounts[0]
        bands.append(
            Band(condition, low, low_in, high, high_in, unit, part["amount"], first.value, first.share)
        )
    return tuple(bands)


def main_and_cap(amounts: list[Amount]) -> tuple[Amount | None, Amount | None]:
    """The amount given (the first that is no cap, else the first) and the sum in 元 that caps it."""
    if not amounts:
        return None, None
    main = next((a for a in amounts if not a.cap), amounts[0])
    if main.cap and not main.share:
        return main, main
    return main, next((a for a in amounts if a.cap and not a.share and a is not main), None)


def kind_of(amounts: list[Amount], bands: tuple[Band, ...]) -> str:
    """fixed, share, per_unit, up_to (only a cap is stated), tiered, or "" when no amount is stated."""
    if len(bands) >= 2:
        return "tiered"
    main, _ = main_and_cap(amounts)
    if main is None:
        return ""
    return "share" if main.share else "up_to" if main.cap else "per_unit" if main.per else "fixed"


def in_band(band: Band, value: float) -> bool:
    """Whether a case's figure (in the band's unit) falls inside the band's bounds."""
    if band.low is not None and (value < band.low or (value == band.low and not band.low_included)):
        return False
    return not (
        band.high is not None and (value > band.high or (value == band.high and not band.high_included))
    )
