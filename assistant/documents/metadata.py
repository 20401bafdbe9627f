"""Infer a policy document's title, number, date, issuer, place and level from its text."""

from __future__ import annotations

import re
from datetime import date

from assistant.documents.cleaning import text_lines
from assistant.documents.places import document_place
from assistant.words import alternation, title_words

_HEAD_LINES = 80  # the title, number and header sit before the first heading, within this many lines

# ---- metadata inference -------------------------------------------------------------------------

_OPEN, _CLOSE = re.escape("〔[［【（(﹝"), re.escape("〕]］】）)﹞")
_DOC_NUMBER = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fff]{{1,14}})\s*[{_OPEN}]\s*(?P<year>(?:19|20)\d\d)\s*[{_CLOSE}]\s*"
    r"第?\s*(?P<num>\d{1,5})\s*号"
)
_NEXT_LABEL = re.compile(
    r"\s+[\u4e00-\u9fff]{2,6}\s*[:：]"
)  # "苏府〔2024〕55号  成文日期：…" ends at 成文日期
_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_NUMERIC_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0, "Ｏ": 0}
_CN_DATE = re.compile(
    r"(?P<y>[〇○零OＯ一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日"
)
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+\s*、|第[一二三四五六七八九十百]+\s*[章条节])")
_ORG = re.compile(
    r"(?:人民政府|政府|办公厅|办公室|委员会|管委会|厅|局|委|部|院|署|中心|联合会|协会|商会|分行|银行|集团|公司)$"
)
_TITLE_END = re.compile(rf"(?:{alternation(title_words('title'))})(?:（[^（）]{{1,20}}）)?$")
_WRAPPER = re.compile(r"关于(?:印发|转发|公布|发布)(?P<inner>.+)的通知$")
_SENTENCE_PUNCT = re.compile(r"[。；;！!？?：:，,]")
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def infer_metadata(text: str, file_stem: str, known_title: str = "") -> dict[str, str]:
    """title, doc_number, issue_date (ISO), issuer, city, province and level ("" when unknown) from raw
    text; `known_title` is a title the source states (a corpus record's), read like a title line."""
    lines = [_clean_line(line) for line in text_lines(text)]
    lines = [line for line in lines if line]
    head = _head(lines)
    issue_date, signer = _issue_date_and_signer(lines)
    issuer = _labelled(head, ("发文机关", "发布机构", "发文单位")) or signer or _letterhead_issuer(head)
    notice, title = _title(head)
    notice = known_title or notice
    if not issuer and notice:
        issuer = _issuer_from_title(notice)
    title = title or _labelled(head, ("标题",)) or file_stem
    doc_number = _doc_number(head)
    place = document_place(issuer, notice or title, doc_number, text, file_stem)
    return {
        "title": title,
        "doc_number": doc_number,
        "issue_date": issue_date,
        "issuer": issuer,
        "city": place.city,
        "province": place.province,
        "level": place.level,
    }


def _clean_line(line: str) -> str:
    return line.replace("\u3000", " ").replace("\ufeff", "").strip().lstrip("#").strip().strip("*").strip()


def _head(lines: list[str]) -> list[str]:
    """Lines before the first numbered heading (一、 / 第一章 / 第一条), at most _HEAD_LINES."""
    for i, line in enumerate(lines[:_HEAD_LINES]):
        if _HEADING.match(line):
            return lines[:i]
    return lines[:_HEAD_LINES]


def _compact(text: str) -> str:
    """Join a title's pieces: drop white space next to Chinese characters, collapse the rest."""
    return " ".join(_CJK_SPACE.sub("", text).split())


def _labelled(lines: list[str], labels: tuple[str, ...]) -> str:
    """The value after the first of `labels` found ("发文字号：苏府〔2024〕55号"), as on web-page copies."""
    for label in labels:
        pattern = re.compile(r"(?:^|\s)" + r"\s*".join(label) + r"\s*[:：]\s*(?P<value>.+)")
        for line in lines:
            match = pattern.search(line)
            value = _NEXT_LABEL.split(match["value"])[0].strip() if match else ""
            if value:
                return _compact(value)
    return ""


def _doc_number(head: list[str]) -> str:
    """A 发文字号 standing alone on a header line (or after a 文号 label), normalised to 晋市政发〔2024〕12号."""
    for line in head:
        line = _labelled([line], ("发文字号", "文号")) or line
        line = _NEXT_LABEL.split(line.split("签发人")[0])[0]
        match = _DOC_NUMBER.fullmatch(re.sub(r"\s", "", line))
        if match:
            return f"{match['prefix']}〔{match['year']}〕{match['num']}号"
    return ""


def _iso(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def _cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十二 → 22, 三十一 → 31."""
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, units = text.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)


def _parse_date(text: str) -> tuple[str, int, int]:
    """The first date in text as (ISO, start, end), or ("", -1, -1)."""
    match = _DATE.search(text) or _NUMERIC_DATE.search(text)
    if match:
        return _iso(int(match["y"]), int(match["m"]), int(match["d"])), match.start(), match.end()
    match = _CN_DATE.search(text)
    if match:
        year = int("".join(str(_CN_DIGITS[c]) for c in match["y"]))
        return _iso(year, _cn_number(match["m"]), _cn_number(match["d"])), match.start(), match.end()
    return "", -1, -1


def _is_org(text: str) -> bool:
    return 3 <= len(text) <= 40 and bool(_ORG.search(text)) and not _SENTENCE_PUNCT.search(text)


def _orgs(line: str) -> list[str]:
    """The organisations on a signature line ("山东省商务厅 山东省财政厅" → two), or [] if it is not one.

    Names cut short as in tables and 牵头单位 notes ("市商务局") do not sign documents, so they are not counted.
    """
    parts = line.split()
    ok = parts and all(
        _is_org(part) and not part.startswith(("市", "县", "区", "省", "各")) for part in parts
    )
    return parts if ok else []


def _issue_date_and_signer(lines: list[str]) -> tuple[str, str]:
    """The 成文日期: labelled, else under the signature, else a lone date line, the 印发 date, the 发布日期."""
    written = _parse_date(_labelled(lines[:_HEAD_LINES], ("成文日期",)))[0]
    if written:
        return written, ""
    lone, printed, in_annex = "", "", False
    for i, line in enumerate(lines):
        in_annex = in_annex or bool(
            re.fullmatch(r"附\s*件\s*\d*", line)
        )  # a due date in an annex table is no 成文日期
        iso, start, end = _parse_date(line)
        if not iso:
            continue
        before, after = line[:start].strip(), line[end:].strip(" ）)")
        if not before and not after:
            signers: list[str] = []
            for previous in reversed(lines[max(0, i - 4) : i]):
                if not _orgs(previous):
                    break
                signers = _orgs(previous) + signers
            if signers:
                return iso, "、".join(signers)
            lone = lone or ("" if in_annex else iso)
        elif not after and _orgs(before):
            return iso, "、".join(_orgs(before))
        elif after.startswith("印发") and len(after) <= 3:
            printed = printed or iso
    return lone or printed or _parse_date(_labelled(lines[:_HEAD_LINES], ("发布日期",)))[0], ""


def _letterhead_issuer(head: list[str]) -> str:
    """The issuer from a red-header line such as "晋城市人民政府文件"."""
    for line in head[:6]:
        match = re.fullmatch(r"(.{3,40}?)\s*文\s*件", line)
        orgs = (_orgs(match[1]) or _orgs(_compact(match[1]))) if match else []  # also "晋 城 市 人 民 政 府"
        if orgs:
            return "、".join(orgs)
    return ""


def _issuer_from_title(title: str) -> str:
    """ "晋城市人民政府关于…的通知" → 晋城市人民政府."""
    return "、".join(_orgs(title.split("关于")[0])) if "关于" in title else ""


def _is_title_piece(line: str) -> bool:
    latin = len(re.findall(r"[A-Za-z]", line))
    return (
        len(line) <= 80
        and latin * 2 < len(line)  # an English letterhead line ("Shandong Department of Commerce")
        and not _SENTENCE_PUNCT.search(line)
        and not _DOC_NUMBER.search(line)
        and not _parse_date(line)[0]
        and not re.fullmatch(r"附\s*件\s*\d*|.{2,40}文件|[（(].*[)）]|[-—–\s\d]+|https?://\S+", line)
    )


def _title(head: list[str]) -> tuple[str, str]:
    """(the first title in the head, the document's own title: for a 印发 notice, the plan it wraps)."""
    blocks = _title_blocks(head)
    if not blocks:
        return "", ""
    notice, inner = blocks[0], _wrapped_title(blocks[0])
    if inner == notice:
        return notice, notice
    own = [block for block in blocks[1:] if block.endswith(inner) or inner.endswith(block)]
    return notice, own[0] if own else inner


def _title_blocks(head: list[str]) -> list[str]:
    """Runs of up to 5 title-like lines that join into something ending like a title (…实施方案, …的通知)."""
    blocks, start = [], 0
    while start < len(head):
        joined, end = "", start
        for end in range(start, min(start + 5, len(head))):
            line = head[end]
            if not _is_title_piece(line):
                break
            orgs = _orgs(line)  # joint issuers keep their space: "宿迁市商务局 宿迁市财政局关于…"
            joined += " ".join(orgs) if len(orgs) > 1 else _compact(line)
            if _TITLE_END.search(joined) and len(joined) >= 6:
                blocks.append(joined)
                start = end
                break
        start += 1
    return blocks


def _wrapped_title(title: str) -> str:
    """For "…关于印发《X实施方案》的通知" the plan's own title X; otherwise the title itself."""
    match = _WRAPPER.search(title)
    if not match or match["inner"].count("《") > 1:
        return title
    inner = match["inner"].strip("《》")
    return inner if _TITLE_END.search(inner) else title
