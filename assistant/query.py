"""What a question says about places: corpus cities it names (in Chinese or pinyin) and places outside the corpus."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

MAX_QUESTION_CHARS = 1000
_SUFFIXES = ("市", "省", "地区", "自治州", "盟")


@dataclass(frozen=True)
class PlaceMatcher:
    """Aliases of the corpus's places (苏州, 苏州市, Suzhou → 苏州) and the country's other places."""

    aliases: dict[str, str]

    @classmethod
    def for_places(cls, places: list[str]) -> PlaceMatcher:
        from assistant.metadata import load_places

        aliases: dict[str, str] = {}
        gazetteer = load_places()
        for place in places:
            aliases[place] = place
            for known in gazetteer:
                if place in (known.short, known.name, known.label):
                    for alias in (known.name, known.short, *known.en, *known.aliases):
                        if alias:
                            aliases[alias.lower()] = place
            for suffix in _SUFFIXES:
                aliases.setdefault(place + suffix, place)
        return cls(aliases)

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        """All aliases in one pattern, longest first (one pass per question instead of one regex per alias)."""
        parts = [
            rf"\b{re.escape(a)}\b" if a.isascii() else re.escape(a)
            for a in sorted(self.aliases, key=len, reverse=True)
        ]
        return re.compile("|".join(parts)) if parts else re.compile(r"(?!)")

    def named(self, question: str) -> list[str]:
        """Corpus places the question names, in order of first mention."""
        return list(dict.fromkeys(self.aliases[m.group(0)] for m in self._pattern.finditer(question.lower())))

    def foreign(self, question: str) -> list[str]:
        """Places the question names that no corpus document covers (e.g. 深圳 for a Suzhou/Jincheng corpus)."""
        from assistant.metadata import find_places

        known = set(self.aliases.values())
        out = []
        for place in find_places(question):
            names = {place.short, place.name, place.label, place.province}
            if not names & known:
                out.append(place.short or place.name)
        return list(dict.fromkeys(out))


def prepare_question(question: str) -> tuple[str, tuple[str, ...]]:
    """Normalise white space and cut an over-long question, with a notice saying so."""
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", question or "")
    text = re.sub(r"\s+", " ", text).strip()
    if text and not re.search(r"\w", text):
        return "", ("问题里没有文字，请用文字提问 / The question has no words; please ask in words",)
    if len(text) > MAX_QUESTION_CHARS:
        notice = f"问题过长，只使用了前 {MAX_QUESTION_CHARS} 个字符 / Question truncated to its first {MAX_QUESTION_CHARS} characters"
        return text[:MAX_QUESTION_CHARS], (notice,)
    return text, ()
