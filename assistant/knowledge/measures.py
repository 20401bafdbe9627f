"""Support measures in clauses: every clause part that gives something, as a `Measure` record.

A measure is a part of a sentence (split at 。！？ and ；) that names an instrument (补贴, 补助, 奖励, 贴息,
消费券, 减免 …, `data/measures.json`) and grants it (给予, 发放, 享受 …) or states its amount; a band list
("50人（含）以上的，补助2.4万元；100人（含）以上的，…") stays one measure, and a sentence that only gives
the standard ("补贴标准为：…") belongs to the measure before it. Who, what, amount, cap, limits, window,
round, how to apply, contact and conditions are read from the measure's words, the window, round, how and
contact from the rest of its document when the measure does not state them.
"""

from __future__ import annotations

import re

from assistant.documents.periods import dates_in, extract_time, facts_of
from assistant.knowledge.amounts import (
    DEFAULT_PARSER,
    bands_of,
    find_amounts,
    kind_of,
    main_and_cap,
    measure_words,
)
from assistant.knowledge.targets import compact
from assistant.records import Clause, Document, Measure

_STANDARD = re.compile(
    r"^(?:具体)?(?:补贴|补助|奖励|奖补|贴息|资助|支持)?(?:标准|金额|额度|办法)(?:为|是|按|如下|根据|依据)"
)
_WHAT = re.compile(
    r"(?:购买|购置|新购|购|置换|报废|以旧换新|生产|配送|吸纳|招用|招收|承租|租用|参与|开展|建设|引进)"
    r"(?P<what>[^，,；;。：:的]{2,16})"
)
_EXCLUDED = re.compile(r"(?P<x>[^，,；;。：:（(]{2,24}除外)|(?P<y>不(?:包括|含)[^，,；;。）)\d]{2,20})")
_LIMIT = re.compile(
    r"(?:限购|限领|限补|限)[\d一两二三四五]+(?:辆|台|件|套|次|个|张|份)"
    r"|每(?:类|种|人|户|家|辆|台|位)(?:限购|限领|限补|限|最多|可|补贴|享受)*[\d一两二三四五]+(?:辆|台|件|套|次|个|张|份)"
)
_FUND = re.compile(r"(?:总额|资金规模|共计|总计|累计安排|安排)[^，,；;。]{0,14}?\d[\d.]*[万亿]?元")
_USE_WITHIN = re.compile(
    r"(?:领取|领券|发放|获得|到账)[^，,；;。]{0,8}?(?:\d+|[一二三四五六七八九十]+)(?:个工作日|日|天)内[^，,；;。]{0,6}"
)
_ROUND = re.compile(r"第[\d一二三四五六七八九十]+(?:轮|期|批)")
_PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}[-－—]?\d{7,8}|1[3-9]\d{9}|\d{7,8}|12345|12366|12333)(?!\d)")
_CONTACT_LABEL = re.compile(r"(?:咨询|联系|服务|热线|监督|投诉)?(?:电话|热线)[:：为是]?|拨打[:：]?")
_EXPLAINS = re.compile(r"由(?P<who>[^，,；;。]{2,30}?)负责解释")
_HOW = re.compile(
    r"(?:通过|登录|下载|关注|打开|进入|在|到|向)[^，,；;。]{0,24}?(?:平台|APP|App|app|小程序|客户端|公众号|官网|网站|窗口|云闪付)"
    r"[^。；;]{0,40}?(?:申请|申报|申领|领取|领券|办理|提交|报名|参与|登记)"
)
_FIELD_LIMIT = 80
_HEADING_LIMIT = 24


def extract_document_measures(
    clauses: list[Clause], document: Document, parser: str = DEFAULT_PARSER
) -> list[Measure]:
    """Every measure of a document's clauses, in document order."""
    context = _DocumentContext(document)
    return [
        _measure(text, clause, document, context, parser)
        for clause in clauses
        if clause.doc_id == document.doc_id
        for text in measure_texts(clause.text)
    ]


def measure_texts(text: str) -> list[str]:
    """The compact texts of a clause's measures (see the module docstring)."""
    texts: list[str] = []
    previous_was_measure = False
    for sentence in (compact(s) for s in re.split(r"[。！？!?\n]", text)):
        if not sentence:
            continue
        if previous_was_measure and _STANDARD.match(sentence) and texts:
            texts[-1] = f"{texts[-1]}。{sentence}"
            continue
        parts = _joined_bands([p for p in re.split(r"[；;]", sentence) if p])
        found = [part for part in parts if is_measure(part)]
        texts.extend(found)
        previous_was_measure = bool(found) and found[-1] == parts[-1]
    return texts


def _joined_bands(parts: list[str]) -> list[str]:
    """Each part that continues the band list before it (continues_bands) joined to it."""
    joined: list[str] = []
    for part in parts:
        if joined and continues_bands(joined[-1], part):
            joined[-1] = f"{joined[-1]}；{part}"
        else:
            joined.append(part)
    return joined


def continues_bands(before: str, part: str) -> bool:
    """Whether `part` continues the band list of `before`: it opens with a band ("100人（含）以上的，补助4.5万
    元"), or its band starts where the band before it ends ("…增长20%(不含)以内的，…；…增长20%及以上的，…")."""
    bands = bands_of(part, inline=False)
    previous = bands_of(before, inline=False)
    if not bands or not previous:
        return False
    opens_with_band = part.startswith(bands[0].condition) and len(bands[0].condition) <= 20
    abuts = bands[0].unit == previous[-1].unit and (
        (bands[0].low is not None and bands[0].low == previous[-1].high)
        or (bands[0].high is not None and bands[0].high == previous[-1].low)
    )
    return opens_with_band or abuts


def is_measure(part: str) -> bool:
    """A part that names an instrument and grants it or states its amount, and is not a prohibition."""
    words = measure_words()
    if not _instrument(part)[0] or any(word in part for word in words["report_words"]):
        return False
    has_amount = bool(find_amounts(part))
    short = len(part) <= _HEADING_LIMIT and not re.search(r"[，,：:]", part)
    numbered = re.match(r"[\d一二三四五六七八九十]+[.．、]", part)  # "2.减免中小微企业房租"
    if not has_amount and short and (numbered or part.endswith(tuple(words["heading_ends"]))):
        return False  # a heading or a title names a measure; the sentences under it give it
    unquoted = re.sub(r"“[^”]*”", "", part)  # "不受“暂停用电不得小于15天”限制" forbids nothing
    if any(word in unquoted for word in words["not_grant_words"]) and not has_amount:
        return False
    return has_amount or any(word in part for word in words["grant_words"])


def _instrument(part: str) -> tuple[str, str]:
    """(instrument, the word as written) of the first kind, in the data file's order, that the part names."""
    for entry in measure_words()["instruments"]:
        for word in entry["words"]:
            if word in part:
                return entry["name"], word
    return "", ""


def _who(part: str) -> tuple[str, str]:
    """(个人 / 企业, the word as written) of the beneficiary: a who-word after 对 / 给予 … first, else the
    earliest; never one that gives (鼓励金融机构…, 单位发放…) nor one qualifying a later who-word (员工的企业)."""
    words = measure_words()
    found = sorted(
        ((at.start(), -len(word), side, word) for side, ws in words["who"].items() for word in ws
         for at in re.finditer(re.escape(word), part)),
    )  # fmt: skip
    kept = []
    for at, negative, side, word in found:
        end = at - negative
        if any(k[0] <= at < k[0] - k[1] for k in kept):
            continue  # inside a longer word already kept (中小微企业 ⊃ 企业)
        gives = part[end : end + 6].startswith(tuple(words["giver_after"])) or any(
            g in part[max(0, at - 6) : at] for g in words["giver_before"]
        )
        qualifies = part.startswith("的", end) and any(f[0] in range(end + 1, end + 8) for f in found)
        if not (gives or qualifies):
            kept.append((at, negative, side, word))
    if not kept:
        return "", ""

    def receives(entry: tuple[int, int, str, str]) -> bool:
        before = re.split(r"[，,；;。]", part[max(0, entry[0] - 12) : entry[0]])[-1]
        return any(r in before for r in words["receiver_before"])

    best = min(kept, key=lambda e: (not receives(e), e[0], e[1]))
    return best[2], best[3]


def _conditions(part: str) -> tuple[str, ...]:
    words = measure_words()["conditions"]
    segments = re.split(r"[，,；;。：:]", part)
    return tuple(dict.fromkeys(s for s in segments if any(w in s for w in words)))[:4]


class _DocumentContext:
    """What a document states once for all its measures: window, round, how to apply, contact, fund."""

    def __init__(self, document: Document) -> None:
        self.text = compact(document.text)
        facts = facts_of(document)
        self.start, self.end = facts.start, facts.end
        self.window = next((compact(note) for note in facts.notes), "")[:_FIELD_LIMIT]
        self.round = _ROUND.search(document.title)
        self.how = _HOW.search(self.text)
        self.contact = _contact(self.text)
        self.fund = re.search("|".join(measure_words()["fund"]), self.text)
        target = re.search(
            r"(?:补贴|补助|奖励|支持|申报|申请|适用)对象[为是：:]?(?P<who>[^。；;]{2,60})", self.text
        )
        self.who = _who(target["who"]) if target else ("", "")


def _contact(text: str) -> tuple[str, int, int] | None:
    """The hotline numbers after their label (电话：…, 拨打：…), else the department that explains the rules."""
    for label in _CONTACT_LABEL.finditer(text):
        stop = min([i for i in (text.find(m, label.end()) for m in "。；;") if i >= 0] + [len(text)])
        numbers = list(_PHONE.finditer(text, label.end(), min(stop, label.end() + 120)))
        if numbers:
            return text[label.start() : numbers[-1].end()][:_FIELD_LIMIT], label.start(), numbers[-1].end()
    explains = _EXPLAINS.search(text)
    return (explains["who"], explains.start("who"), explains.end("who")) if explains else None


def _measure(
    text: str, clause: Clause, document: Document, context: _DocumentContext, parser: str
) -> Measure:
    spans: list[tuple[str, str, int, int]] = []

    def here(name: str, match: re.Match[str] | None, group: int | str = 0) -> str:
        if not match:
            return ""
        spans.append((name, "measure", match.start(group), match.end(group)))
        return match[group]

    def there(name: str, found: tuple[str, int, int] | None) -> str:
        if not found:
            return ""
        spans.append((name, "document", found[1], found[2]))
        return found[0]

    def word(name: str, value: str) -> str:
        at = text.find(value) if value else -1
        if at >= 0:
            spans.append((name, "measure", at, at + len(value)))
        return value

    instrument, instrument_words = _instrument(text)
    word("instrument", instrument_words)
    who, who_words = _who(text)
    word("who", who_words)
    if not who:  # "补贴对象：…个人消费者" states it once for the whole document
        who, who_words = context.who
    amounts = find_amounts(text, parser)
    bands = bands_of(text, parser)
    kind = kind_of(amounts, bands)
    main, cap = main_and_cap(amounts)
    for amount in amounts:
        spans.append(("cap" if amount is cap else "amount", "measure", amount.start, amount.end))
    for band in bands:
        word("band", band.condition)
    dates = dates_in(text)
    start, end = context.start, context.end
    window = ""
    own = extract_time(clause.text, issued=document.issue_date)  # "活动时间：…" in the measure's own clause
    if dates:
        start, end = dates[0][0], (dates[-1][0] if len(dates) > 1 else end)
        window = text[dates[0][1] : dates[-1][2]]
        spans.append(("window", "measure", dates[0][1], dates[-1][2]))
    elif own.start and own.end:
        start, end = own.start, own.end
        window = there(
            "window", (compact(own.notes[0])[:_FIELD_LIMIT], *_found(context.text, compact(own.notes[0])))
        )
    elif context.window:
        window = there("window", (context.window, *_found(context.text, context.window)))
    return Measure(
        doc_id=clause.doc_id,
        clause_id=clause.clause_id,
        section=clause.section,
        place=document.place,
        title=document.title,
        text=text,
        instrument=instrument,
        instrument_words=instrument_words,
        who=who,
        who_words=who_words,
        excluded=here("excluded", _EXCLUDED.search(text)),
        what=here("what", _WHAT.search(text), "what"),
        amount="；".join(dict.fromkeys(a.written for a in amounts)),
        kind=kind,
        value=None if kind == "tiered" or main is None else main.value,
        per=main.per if main and kind != "tiered" else "",
        cap=cap.written if cap else "",
        cap_value=cap.value if cap else None,
        limit=here("limit", _LIMIT.search(text)),
        bands=bands,
        fund=here("fund", _FUND.search(text) or re.search("先到先得|用完即止", text))
        or there("fund", _match(context.fund)),
        window=window,
        start=start,
        end=end,
        use_within=here("use_within", _USE_WITHIN.search(text)),
        round=here("round", _ROUND.search(text)) or (context.round[0] if context.round else ""),
        how=here("how", _HOW.search(text)) or there("how", _match(context.how)),
        contact=there("contact", context.contact),
        conditions=tuple(word("condition", c) for c in _conditions(text)),
        spans=tuple(spans),
    )


def _match(match: re.Match[str] | None) -> tuple[str, int, int] | None:
    return (match[0][:_FIELD_LIMIT], match.start(), match.end()) if match else None


def _found(text: str, part: str) -> tuple[int, int]:
    at = text.find(part)
    return (at, at + len(part)) if at >= 0 else (-1, -1)
