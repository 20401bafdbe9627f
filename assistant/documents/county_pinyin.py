"""English names of county-level places: `Songyang County` → 松阳县, `Qiantang District` → 钱塘区.

District and county notices are written in Chinese, but an English question names the place in pinyin. The
gazetteer (data/places.json) holds provinces and cities with their English names; for the ~3,000 counties
and districts, jionlp's location list (PyPI) gives the names and jionlp's pinyin their spelling. The table is
built once into a plain data file (`python -m assistant.documents.county_pinyin` writes
data/county_pinyin.json) and read without jionlp.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from assistant.config import DATA_DIR

COUNTY_FILE = DATA_DIR / "county_pinyin.json"
# "Songyang County", "Qiantang District", "Yinzhou district", "Ewenki Banner"
_ENGLISH = re.compile(r"\b(?:([a-z]+)[ -])?([a-z]+)\s+(?:county|district|banner)\b", re.I)
# A bare name where English puts a place: "in Songyang", "Deqing's": capitalised and six letters or more, so
# that short spellings that are English words or names ("Dean" → 德安县, "Bole") are never read as places
_BARE = re.compile(
    r"\b(?:in|of|at|from|for|about|near)\s+([A-Z][a-z]{5,})\b(?!\s+(?:county|district|banner)\b)|\b([A-Z][a-z]{5,})'s\b"
)


def spelled(name: str) -> str:
    """The toneless pinyin of a Chinese name, run together: 松阳 → songyang."""
    from assistant.documents.jio import jionlp

    return "".join(re.sub(r"\d", "", s) for s in jionlp().pinyin(name, formater="simple"))


def build() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """pinyin of each county-level place's short name → its full names (several share one spelling), and each
    full name → the cities it lies in (one, unless several counties share the name)."""
    from assistant.documents.jio import jionlp

    table: dict[str, list[str]] = {}
    parents: dict[str, list[str]] = {}
    for cities in jionlp().china_location_loader().values():
        for city, counties in cities.items():
            if city.startswith("_") or not isinstance(counties, dict):
                continue
            for county, entry in counties.items():
                if county.startswith("_"):
                    continue
                alias = entry.get("_alias") or county
                short = alias[0] if isinstance(alias, list) else alias
                names = table.setdefault(spelled(short), [])
                if county not in names:
                    names.append(county)
                if city not in parents.setdefault(county, []):
                    parents[county].append(city)
    return dict(sorted(table.items())), dict(sorted(parents.items()))


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(COUNTY_FILE.read_text(encoding="utf-8"))


def _table() -> dict[str, list[str]]:
    return _data()["counties"]


@lru_cache(maxsize=1)
def _chinese() -> re.Pattern[str]:
    """Full county names of three or more characters that name one county only (not 城区, 新华区)."""
    names = [n for n, cities in _data()["parents"].items() if len(n) >= 3 and len(cities) == 1]
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def county_cities(question: str) -> list[str]:
    """The cities of the counties and districts a question names, in Chinese (`海淀区`) or English (`Haidian
    District`, `in Songyang`), where the name is one county's only: a district question is about its city's
    notices. A spelling several counties share (`Deqing`: 德清县, 德庆县) names none."""
    parents = _data()["parents"]
    english = [found[0] for found in _spelled_names(question) if len(found) == 1]
    named = _chinese().findall(question) + english
    return list(dict.fromkeys(parents[name][0] for name in named if len(parents.get(name, [])) == 1))


def county_names(question: str) -> list[str]:
    """The Chinese names of the counties and districts an English question names (`Songyang County`,
    `in Songyang`, `Deqing's`): every county a spelling may stand for."""
    return list(dict.fromkeys(name for found in _spelled_names(question) for name in found))


def _spelled_names(question: str) -> list[list[str]]:
    """For each county spelling in `question`, the Chinese names it may stand for."""
    table = _table()
    spellings = []
    for match in _ENGLISH.finditer(question):
        last, both = match.group(2).lower(), f"{match.group(1) or ''}{match.group(2)}".lower()
        spellings.append(table.get(both) or table.get(last, []))  # "Ewenki Banner", "Xin Bairin Left Banner"
    for match in _BARE.finditer(question):
        bare = (match.group(1) or match.group(2)).lower()
        if bare not in _city_spellings():  # "in Suzhou" is the city 苏州, not the district 肃州区
            spellings.append(table.get(bare, []))
    return [found for found in spellings if found]


@lru_cache(maxsize=1)
def _city_spellings() -> frozenset[str]:
    """The English names of the provinces and cities of the gazetteer (data/places.json), lower case."""
    data = json.loads((DATA_DIR / "places.json").read_text(encoding="utf-8"))
    return frozenset(name.lower() for place in data["provinces"] + data["cities"] for name in place["en"])


def main() -> None:
    about = (
        "Toneless pinyin of each county-level place's short name (jionlp's location list and pinyin) → its "
        "full Chinese names, and each full name → the cities it lies in; written by `python -m assistant.documents.county_pinyin`, read by "
        "assistant/documents/county_pinyin.py."
    )
    counties, parents = build()
    text = json.dumps(
        {"about": about, "counties": counties, "parents": parents}, ensure_ascii=False, indent=0
    )
    COUNTY_FILE.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {COUNTY_FILE}")


if __name__ == "__main__":
    main()
