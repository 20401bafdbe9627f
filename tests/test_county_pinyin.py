"""English names of counties and districts (documents/county_pinyin.py, data/county_pinyin.json)."""

from __future__ import annotations

from assistant.documents.county_pinyin import county_names, spelled
from assistant.search.expansion import expansion_terms


def test_a_county_named_in_english_is_found_by_its_pinyin():
    assert county_names("Which email should Songyang County businesses use?") == ["松阳县"]
    assert county_names("My store is in Qiantang District") == ["钱塘区"]
    assert "鄞州区" in county_names("shops in Yinzhou district")  # 银州区 shares its spelling
    assert county_names("Which county office leads?") == []  # "county" alone names none


def test_the_table_is_spelled_by_jionlp():
    assert spelled("松阳") == "songyang"


def test_an_english_question_searches_the_county_by_its_chinese_name():
    assert "松阳县" in expansion_terms("Where do Songyang County businesses register?")


def test_a_district_stands_for_its_city():
    from assistant.documents.county_pinyin import county_cities
    from assistant.documents.places import places_named

    assert county_cities("海淀区2026年以旧换新报名时间是什么时候？") == ["北京市"]
    assert county_cities("When is registration in Haidian District?") == ["北京市"]
    assert county_cities("鼓楼区的补贴") == []  # several cities have a 鼓楼区: it names none of them
    assert [p.label for p in places_named("杭州钱塘区的报名时间")] == ["杭州"]
    assert places_named("老城区改造有补贴吗") == []  # the old town, not 洛阳's 老城区


def test_a_bare_name_where_english_puts_a_place_is_read_but_short_words_are_not():
    from assistant.documents.county_pinyin import county_cities

    assert county_names("Who do I call in Songyang about registration?") == ["松阳县"]
    assert county_cities("Who do I call in Songyang about registration?") == ["丽水市"]
    assert county_names("Ask Dean about it") == [] and county_names("a question for Dean") == []  # 德安县
    assert set(county_names("What is Deqing's deadline?")) == {"德清县", "德庆县"}
    assert county_cities("What is Deqing's deadline?") == []  # two counties spell it so: it names neither


def test_a_bare_city_name_is_the_city_not_a_district_spelled_alike():
    from assistant.documents.places import places_named

    # "Suzhou" is the city 苏州; 肃州区 (酒泉) is spelled alike but is read only when called a district
    assert county_names("What is the new-energy bus target in Suzhou?") == []
    assert [p.label for p in places_named("What is the new-energy bus target in Suzhou?")] == ["苏州"]
    assert county_names("What does Suzhou District say?") == ["肃州区"]
