"""jionlp against the project's own readers of places and telephone numbers, on real corpora.

`python -m evaluation.parser_compare CORPUS [CORPUS ...]` prints one table row per corpus:
- places: documents whose issuer (or the organ a title starts with) the gazetteer (documents/places.py)
  resolves to a city or province, those jionlp's parse_location resolves, those only jionlp resolves, and
  those where the two name different provinces;
- telephone numbers: sentences with a contact cue (电话, 热线, 拨打) holding a number, those where jionlp's
  extract_phone_number finds one, and those where only the cue rule of chat/contact.py does.
Time windows are compared by `python -m evaluation.windows_check` (before and after jionlp).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

_CONTACT = re.compile(r"[^。；\n]*(?:电话|热线|拨打)[^。；\n]*")
_PROVINCE_SUFFIX = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")


def _province(name: str | None) -> str:
    return _PROVINCE_SUFFIX.sub("", name or "")


def compare_places(documents: Sequence) -> dict[str, int]:
    """Counts of documents whose issuing organ each reader places (see the module docstring)."""
    from assistant.documents.jio import jionlp
    from assistant.documents.places import organ_place, title_lead

    counts = {"documents": len(documents), "gazetteer": 0, "jionlp": 0, "only_jionlp": 0, "differ": 0}
    for document in documents:
        organs = [o for o in (document.issuer, title_lead(document.title)) if o]
        ours = next((t for t in map(organ_place, organs) if t.city or t.province), None)
        theirs = None
        for organ in organs:
            parsed = jionlp().parse_location(organ)
            if parsed.get("province"):
                theirs = parsed
                break
        counts["gazetteer"] += ours is not None
        counts["jionlp"] += theirs is not None
        counts["only_jionlp"] += theirs is not None and ours is None
        if ours is not None and theirs is not None and ours.province:
            counts["differ"] += _province(theirs["province"]) != ours.province
    return counts


def compare_phones(documents: Sequence) -> dict[str, int]:
    """Counts of contact sentences with a number found by jionlp, and by the cue rule only."""
    from assistant.chat.contact import numbers_in
    from assistant.documents.jio import phone_numbers

    counts = {"sentences": 0, "jionlp": 0, "only_cue": 0}
    for document in documents:
        for match in _CONTACT.finditer(document.text):
            sentence = match.group(0)
            if not re.search(r"\d{5,}", sentence):
                continue
            counts["sentences"] += 1
            by_jionlp = bool(phone_numbers(sentence))
            counts["jionlp"] += by_jionlp
            counts["only_cue"] += not by_jionlp and bool(numbers_in(sentence))
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation.parser_compare", description=__doc__.splitlines()[0]
    )
    parser.add_argument("corpora", nargs="+", type=Path, help="corpus directories or JSONL files")
    args = parser.parse_args(argv)
    from assistant.documents.corpus import load_corpus

    print(
        "| corpus | documents | placed by gazetteer | by jionlp | only by jionlp | provinces differ "
        "| contact sentences with a number | jionlp finds one | only the cue rule |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for path in args.corpora:
        documents = load_corpus(path)
        places, phones = compare_places(documents), compare_phones(documents)
        print(
            f"| {path.name} | {places['documents']} | {places['gazetteer']} | {places['jionlp']} "
            f"| {places['only_jionlp']} | {places['differ']} | {phones['sentences']} | {phones['jionlp']} "
            f"| {phones['only_cue']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
