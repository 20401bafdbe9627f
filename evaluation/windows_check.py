"""Which documents state a window of time, and whether the index reads its start and end.

`python -m evaluation.windows_check CORPUS [CORPUS ...] [--list]` prints, per corpus, how many documents state
a window by a broad pattern (independent of the parser in assistant.documents), how many of those get a
start and an end in their TimeFacts, and which do not, with the sentence that states the window.

A document states a window when a sentence holds a date range in a frame (自/从…起…至, …至…止, …至…期间, a
label such as 活动时间 / 申报时间 / 有效期 / 执行期限 before it) or runs "自…之日起至" a date, or names a
deadline label (截止时间 / 截止日期 / 报名时间…) with a date. A range with no frame ("从1月23日至2月3日，全省
共出动…") reports what happened and is counted apart, as are deadlines without a start (`deadline`).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_CN = "〇零一二三四五六七八九十"
_DAY = rf"(?:(?:19|20)\d\d\s*年\s*|[{_CN}]{{4}}年)?(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*月\s*(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*[日号]"
_TIME = r"(?:\s*\d{1,2}\s*(?:时|点|[:：]\s*\d\d))?"
_DATE = rf"(?:{_DAY}{_TIME}|\d{{1,2}}\s*月(?:底|末|中旬|上旬|下旬))"
_JOIN = r"\s*(?:起)?\s*(?:至|到|—|–|－|-|~|～)\s*"
_END = rf"(?:{_DATE}|\d{{1,2}}\s*日{_TIME})"  # "2020年2月19日至22日": the month of the first date
_LABEL = r"(?:时间|期限|期间|日期|有效期|时限)"  # 活动时间, 申报期限, 执行期间, 截止日期, 有效期, 起止时间
FRAMED_RANGE = re.compile(
    rf"自\s*{_DATE}\s*(?:起)?{_JOIN}{_END}"
    rf"|{_DATE}\s*起{_JOIN}{_END}"
    rf"|{_DATE}{_JOIN}{_END}\s*(?:止|期间)"
    rf"|{_LABEL}[为是：:\s]{{0,3}}(?:自|从)?\s*{_DATE}{_JOIN}{_END}"
    rf"|之日起\s*(?:至|到)\s*{_DATE}"
    rf"|(?:即日|今日)起\s*(?:至|到)\s*{_DATE}"
)
BARE_RANGE = re.compile(rf"{_DATE}{_JOIN}{_END}")
DEADLINE = re.compile(rf"{_LABEL}[为是：:\s]{{0,3}}(?:截至|截止|至|到)?\s*{_DATE}")
_SENTENCE = re.compile(r"[^。；;！？\n]+")


@dataclass(frozen=True)
class Finding:
    """A document's window sentence, how it was found (framed, deadline, bare) and the start/end read."""

    doc_id: str
    kind: str
    sentence: str
    start: str
    end: str
    year_written: bool = True  # False: read as month and day, the text writing no year

    @property
    def read(self) -> bool:
        return bool(self.start and self.end)


def window_sentence(text: str) -> tuple[str, str] | None:
    """(kind, sentence) of the first window sentence of `text`: "framed" ranges first, then deadlines, then
    bare ranges; None when it states none. A label heading's next line counts as the same sentence."""
    joined = re.sub(r"((?:时间|期限|期间|日期|有效期)[：:]?)\s*\n\s*", r"\1：", text)
    sentences = [m.group(0) for m in _SENTENCE.finditer(joined)]
    for kind, pattern in (("framed", FRAMED_RANGE), ("deadline", DEADLINE), ("bare", BARE_RANGE)):
        found = next((s.strip() for s in sentences if pattern.search(s)), None)
        if found:
            return kind, found
    return None


def check(documents: Sequence) -> list[Finding]:
    """One Finding per document that states a window, with the start and end its TimeFacts hold."""
    from assistant.documents.periods import facts_of
    from assistant.documents.windows import main_window

    findings = []
    for document in documents:
        found = window_sentence(document.text)
        if found:
            facts = facts_of(document)
            shown = main_window(facts.windows)
            if not (facts.start and facts.end) and shown is not None and not shown.year_written:
                # a text with no year: its window has month and day only, shown as such, with no status
                findings.append(Finding(document.doc_id, *found, shown.start, shown.end, False))
            else:
                findings.append(Finding(document.doc_id, *found, facts.start, facts.end))
    return findings


def summary(name: str, total: int, findings: Sequence[Finding]) -> list[str]:
    """Table rows: documents, stating a window (by kind), of those with start and end."""
    rows = [f"| {name} | {total} |"]
    for kind in ("framed", "deadline", "bare"):
        of_kind = [f for f in findings if f.kind == kind]
        rows[0] += f" {len(of_kind)} | {sum(f.read for f in of_kind)} |"
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation.windows_check", description=__doc__.splitlines()[0]
    )
    parser.add_argument("corpora", nargs="+", type=Path, help="corpus directories or JSONL files")
    parser.add_argument("--list", action="store_true", help="list the documents whose window is not read")
    args = parser.parse_args(argv)
    from assistant.documents.corpus import load_corpus

    print(
        "| corpus | documents | framed windows | with start and end | deadlines | with start and end "
        "| bare ranges | with start and end |"
    )
    print("|---|---|---|---|---|---|---|---|")
    missing: list[tuple[str, Finding]] = []
    year_less: list[tuple[str, Finding]] = []
    for path in args.corpora:
        documents = load_corpus(path)
        findings = check(documents)
        print("\n".join(summary(path.name, len(documents), findings)))
        missing += [(path.name, f) for f in findings if not f.read]
        year_less += [(path.name, f) for f in findings if f.read and not f.year_written]
    if year_less:
        print(f"\nOf those read, {len(year_less)} write no year: month and day only, with no status.")
    if args.list:
        for name, finding in missing + year_less:
            shown = finding.sentence[:100].replace("\n", " ")
            print(
                f"{name}\t{finding.doc_id[:40]}\t{finding.kind}\t{finding.start or '?'}–{finding.end or '?'}\t{shown}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
