"""Places: the gazetteer, the places a text names, a document's place and level, and how a question's
places bear on a document.

One module for every place question the assistant asks: metadata inference reads a document's place
and level from its issuer; retrieval raises documents of the places a question names; answering and
conversation find the places a question or reply names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from assistant.config import DATA_DIR
from assistant.documents.jio import jionlp

PLACES_FILE = DATA_DIR / "places.json"
_PROVINCIAL_KINDS = frozenset({"province", "municipality", "autonomous_region", "sar"})


@dataclass(frozen=True)
class Place:
    """A provincial-level or prefecture-level division: 苏州市 (short 苏州, province 江苏, en Suzhou)."""

    name: str
    short: str
    province: str
    kind: str
    en: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def is_province(self) -> bool:
        return self.kind in _PROVINCIAL_KINDS

    @property
    def label(self) -> str:
        """The name a document's `city`/`province` field holds: 苏州, 江苏; the full name if no safe short one."""
        return self.short or (self.aliases[0] if self.aliases else self.name)

    @property
    def city(self) -> str:
        """The city this place is, if any (a municipality such as 北京 is both city and province)."""
        return self.label if not self.is_province or self.kind == "municipality" else ""


@lru_cache(maxsize=1)
def load_places() -> tuple[Place, ...]:
    """All 34 provincial-level and 333 prefecture-level divisions from data/places.json."""
    data = json.loads(PLACES_FILE.read_text(encoding="utf-8"))
    provinces = [
        Place(p["name"], p["short"], p["short"], p["kind"], tuple(p["en"]), tuple(p["aliases"]))
        for p in data["provinces"]
    ]
    cities = [
        Place(c["name"], c["short"], c["province"], c["kind"], tuple(c["en"]), tuple(c["aliases"]))
        for c in data["cities"]
    ]
    return tuple(provinces + cities)


@lru_cache(maxsize=1)
def _false_friends() -> tuple[str, ...]:
    return tuple(json.loads(PLACES_FILE.read_text(encoding="utf-8"))["false_friends"])


def _english_key(name: str) -> str:
    return " ".join(name.lower().replace("'", "").replace("’", "").split())


@lru_cache(maxsize=1)
def _matchers() -> tuple[re.Pattern[str], dict[str, Place], re.Pattern[str], dict[str, tuple[Place, ...]]]:
    """One regex for Chinese names (longest first) and one for English names at word boundaries."""
    chinese: dict[str, Place] = {}
    english: dict[str, tuple[Place, ...]] = {}
    for place in load_places():
        for name in (place.name, place.short, *place.aliases):
            if name:
                chinese.setdefault(name, place)
        for name in place.en:
            key = _english_key(name)
            english[key] = (*english.get(key, ()), place)  # "Taizhou" is both 泰州 and 台州
    zh_pattern = re.compile("|".join(re.escape(n) for n in sorted(chinese, key=len, reverse=True)))
    en_names = sorted({n for p in load_places() for n in p.en}, key=len, reverse=True)
    en_alternatives = [re.escape(n).replace("'", "['’]?").replace(r"\ ", r"\s+") for n in en_names]
    en_pattern = re.compile(r"(?<![A-Za-z])(?:" + "|".join(en_alternatives) + r")(?![A-Za-z])", re.IGNORECASE)
    return zh_pattern, chinese, en_pattern, english


def _masked(text: str) -> str:
    """The text with its false friends (大理石, 老城区: words holding a place name) blanked out."""
    for word in _false_friends():
        text = text.replace(word, "□" * len(word))
    return text


# "向湖北捐款", "驰援武汉": a place aid goes to, not the place whose rules a question asks about
_TO_PLACE = re.compile(r"(?:向|支援|驰援|援助|捐给|捐赠给|运往|发往|送往)$")


def find_places(text: str, asked: bool = False) -> list[Place]:
    """Places named in the text (Chinese full or short names, English names), in order of first mention;
    for a question (`asked`), not a place aid goes to."""
    zh_pattern, chinese, en_pattern, english = _matchers()
    text = _masked(text)
    # "湖北籍员工" names people by their origin, not the place asked about
    found = [
        (m.start(), (chinese[m.group()],))
        for m in zh_pattern.finditer(text)
        if not text.startswith("籍", m.end()) and not (asked and _TO_PLACE.search(text, 0, m.start()))
    ]
    found += [(m.start(), english[_english_key(m.group())]) for m in en_pattern.finditer(text)]
    places: list[Place] = []
    for _, matched in sorted(found, key=lambda item: item[0]):
        places.extend(place for place in matched if place not in places)
    return places


def places_named(text: str) -> list[Place]:
    """The places a question names, a county or district (`海淀区`, `Haidian District`) standing for the city
    it lies in (documents/county_pinyin.py), so that another city's notice does not answer for it."""
    from assistant.documents.county_pinyin import county_cities

    places = find_places(text, asked=True)
    for city in county_cities(_masked(text)):
        places += [p for p in find_places(city) if p not in places]
    return places


# ---- the corpus's places in a question ----------------------------------------------------------

_SUFFIXES = ("市", "省", "地区", "自治州", "盟")


@dataclass(frozen=True)
class PlaceMatcher:
    """Aliases of the corpus's places (苏州, 苏州市, Suzhou → 苏州) and the country's other places."""

    aliases: dict[str, str]

    @classmethod
    def for_places(cls, places: list[str]) -> PlaceMatcher:
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


# ---- a document's place and level ---------------------------------------------------------------

LEVELS = ("national", "province", "city", "district")


@dataclass(frozen=True)
class PlaceTag:
    """Where a document applies: its city and province labels and its level ("" when unknown)."""

    city: str = ""
    province: str = ""
    level: str = ""

    @property
    def known(self) -> bool:
        return bool(self.city or self.province or self.level)


@lru_cache(maxsize=1)
def _organ_words() -> dict:
    return json.loads(PLACES_FILE.read_text(encoding="utf-8"))["organs"]


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _most_specific(places: list[Place]) -> Place:
    """A city over the province that contains it: "国家税务总局深圳市税务局" → 深圳, "陕西省人民政府" → 陕西."""
    cities = [p for p in places if not p.is_province]
    return cities[-1] if cities else places[0]


def _tag(place: Place, level: str = "") -> PlaceTag:
    if not level:
        level = "province" if place.is_province else "city"
    return PlaceTag(place.city, place.province, level)


def organ_place(organ: str) -> PlaceTag:
    """The place and level of an issuing organ: 陕西省人民政府办公厅 → (陕西, province); 泰州市海陵区政务服务中心
    → (泰州, district); 工业和信息化部 → national; 市商务局 → city, place unknown."""
    organ = _compact(organ)
    if not organ:
        return PlaceTag()
    words = _organ_words()
    district = re.search(words["district_unit"], organ)
    places = find_places(organ)
    national = next((p for p in words["national_prefixes"] if organ.startswith(p)), "")
    if national and places:
        between = organ[len(national) : organ.find(places[0].short or places[0].name)]
        if not re.match(words["branch_between"], between):
            places = []  # 中国红十字会总会工作组赴武汉…: a central organ acting in a place
    if places:
        place = _most_specific(places)
        after = (
            organ[organ.find(place.short or place.name) :] if (place.short or place.name) in organ else organ
        )
        return _tag(place, "district" if district and district.start() >= organ.find(after) else "")
    if national:
        return PlaceTag(level="national")
    for pattern, level in words["level_prefixes"].items():
        if re.match(pattern, organ):
            return PlaceTag(level=level)
    return PlaceTag(level="district") if district else PlaceTag()


def county_place(organ: str) -> PlaceTag:
    """A county-level organ the gazetteer (prefecture level and up) lacks, placed by jionlp's
    parse_location: 松阳县经济商务局 → (丽水, 浙江, district), 海陵区民政局 → 泰州. Only when the organ starts
    with the county's full name: jionlp reads "公安部" as 公安县 and "延长春节假期" as 延长县."""
    organ = _compact(organ)
    parsed = jionlp().parse_location(organ) if organ else {}
    county = parsed.get("county") or ""
    if not county or not organ.startswith(county):
        return PlaceTag()
    places = find_places(parsed.get("city") or "") or find_places(parsed.get("province") or "")
    return _tag(_most_specific(places), "district") if places else PlaceTag()


def title_lead(title: str) -> str:
    """The part of a title that names who speaks: before 关于 / a colon / the first verb of a news headline."""
    lead = re.split(_organ_words()["title_lead_end"], _compact(title), maxsplit=1)[0]
    return lead


def number_place(doc_number: str) -> PlaceTag:
    """The level or province a 文号 prefix states: 国发/国办发 → national; 鲁商字 → 山东."""
    if not doc_number:
        return PlaceTag()
    if doc_number.startswith("国"):
        return PlaceTag(level="national")
    province = _organ_words()["number_abbreviations"].get(doc_number[0], "")
    return PlaceTag(province=province) if province else PlaceTag()


def body_place(text: str, window: int = 2000) -> PlaceTag:
    """A weak fallback: the place a document's opening mostly talks about, if one place clearly dominates
    (named at least twice and in more than half of all place mentions); a report quoting several places
    gets none."""
    places = find_places_all(text[:window])
    if not places:
        return PlaceTag()
    counts: dict[Place, int] = {}
    for place in places:
        counts[place] = counts.get(place, 0) + 1
    top, n = max(counts.items(), key=lambda item: item[1])
    related = sum(
        c for p, c in counts.items() if p == top or (not top.is_province and p.short == top.province)
    )
    if n >= 2 and related * 2 > len(places):
        return PlaceTag(top.city, top.province, "")
    return PlaceTag()


def find_places_all(text: str) -> list[Place]:
    """Every mention of a place in the text, repeats included, in order (Chinese names only)."""
    zh_pattern, chinese, _, _ = _matchers()
    for word in _false_friends():
        text = text.replace(word, "□" * len(word))
    return [chinese[m.group()] for m in zh_pattern.finditer(text)]


def document_place(issuer: str, title: str, doc_number: str, body: str, file_stem: str = "") -> PlaceTag:
    """Where a document applies, from who issued it and what it governs, strongest evidence first:
    the issuer (signature, letterhead, 发文机关, or the organ a title starts with), a central 文号
    (国发), any place in the title or the file name, a 文号's province, and last the body's dominant
    place."""
    for organ in (issuer, title_lead(title)):
        tag = organ_place(organ)
        if tag.city or tag.province or tag.level == "national":
            return tag
    for organ in (issuer, title_lead(title)):
        tag = county_place(organ)
        if tag.city:
            return tag
    level = organ_place(issuer).level or organ_place(title_lead(title)).level
    number = number_place(doc_number)
    if number.level == "national":
        return number
    places = find_places(_compact(title)) or find_places(file_stem.replace("_", " "))
    if places:
        return _tag(_most_specific(places), level)
    if number.province:
        return PlaceTag(province=number.province, level=level)
    fallback = body_place(body)
    return PlaceTag(fallback.city, fallback.province, level)


# ---- how a question's places bear on a document ---------------------------------------------------


def place_affinity(named: list[Place], tag: PlaceTag) -> float:
    """How strongly a document's place answers to the places a question names, in [0, 1].

    1 for a document of a named place, of the province containing it, or of a city within a named
    province (陕西 ⊃ 西安); 0.5 for a national document, which holds everywhere; 0 otherwise, and for
    a document whose place is unknown. Used to raise documents, never to remove any.
    """
    if not named:
        return 0.0
    for place in named:
        if place.is_province and place.kind != "municipality":
            if tag.province == place.short or (not place.short and tag.province == place.label):
                return 1.0
        elif place.city and place.city == tag.city:
            return 1.0
        elif place.province and tag.province == place.province and tag.level == "province":
            return 1.0
    return 0.5 if tag.level == "national" else 0.0


# ---------------------------------------------------------------- place names as questions and tables write them

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Endings a place name may carry or drop ("苏州市" / "苏州"), longest first.
_ADMIN_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市", "区", "县")


def mentioned_places(text: str, known_places: Sequence[str] = ()) -> tuple[str, ...]:
    """Places `text` names, in Chinese or English: gazetteer places by label ('苏州'), then other known ones."""
    found = [place.label for place in find_places(text, asked=True) if place.label]
    found += [
        place
        for place in known_places
        if any(
            not _TO_PLACE.search(text, 0, m.start()) for m in re.finditer(f"{re.escape(place)}(?!籍)", text)
        )
    ]
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1024)
def place_aliases(place: str) -> tuple[str, ...]:
    """Ways a place is written: '晋城' → ('Jincheng', '晋城市', '晋城'), longest first."""
    names = [place, *(_gazetteer_names(place))]
    return tuple(sorted(dict.fromkeys(n for n in names if n), key=len, reverse=True))


def _gazetteer_names(place: str) -> list[str]:
    for known in load_places():
        if place in (known.label, known.name, known.short):
            return [known.name, known.short, *known.en, *known.aliases]
    return []


def english_name(place: str) -> str:
    """'晋城' → 'Jincheng', for a place swapped into an English question."""
    english = [a for a in _gazetteer_names(place) if a and not _CJK.search(a)]
    return english[0] if english else place


def same_place(a: str, b: str) -> bool:
    """Whether two place names mean the same place ("苏州" and "苏州市")."""
    return bool(a and b) and _bare_place(a) == _bare_place(b)


def _bare_place(name: str) -> str:
    name = name.strip()
    for suffix in _ADMIN_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name
