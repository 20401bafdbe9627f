"""Whom a measure is for: a household subsidy offered to a restaurant is no answer.

Official documents name a measure's beneficiaries: 居民, 个人消费者, 家庭 for household subsidies;
企业, 经营主体, 商户, 单位 for businesses. When the asker describes a business of their own ("咱是开饭店的")
and the sentence quoted is addressed to households only, the reply says so before quoting it.
"""

from __future__ import annotations

import re

HOUSEHOLD = re.compile(r"居民|个人消费者|个人|家庭|消费者|市民|住户|家装|居家")
BUSINESS = re.compile(
    r"企业|经营主体|经营者|商户|商家|单位|公司|门店|个体工商户|餐饮|酒店|饭店|宾馆|商贸|行业|经销商|机构"
)
# "咱是开饭店的", "我们开了一家超市", "我在晋城经营一家宾馆": what the asker runs.
_BUSINESS_NOUN = re.compile(
    r"(?:开|做|经营|搞|办|是)了?(?:一|两|几)?(?:家|个|间|所)?"
    r"(?P<noun>[\u4e00-\u9fff]{0,6}?(?:店|馆|厂|公司|企业|餐厅|饭店|酒店|宾馆|超市|商场|门店|作坊|工作室|合作社|农场))"
)
_SELF = re.compile(r"我们|我|咱们|咱|我司|本公司|我公司|我厂|本厂|本企业|我单位|本单位")
_ENGLISH_SELF = re.compile(
    r"\b(we|i)\s+(run|own|operate|have)\s+an?\s+(?P<noun>restaurant|shop|store|hotel|factory|company|business|"
    r"firm|cafe|supermarket|workshop|farm)\b",
    re.I,
)


def business_of(question: str) -> str | None:
    """The business the asker says they run ("饭店", "restaurant"), or None when they describe none."""
    english = _ENGLISH_SELF.search(question)
    if english:
        return english.group("noun").lower()
    if not _SELF.search(question):
        return None
    match = _BUSINESS_NOUN.search(question)
    return (
        re.sub(r"^(开|做|经营|搞|办)了?(一|两|几)?(家|个|间|所)?", "", match.group("noun")) if match else None
    )


def for_households_only(text: str) -> bool:
    """Whether `text` addresses households (居民, 个人消费者, 家庭) and names no business as a beneficiary."""
    return bool(HOUSEHOLD.search(text)) and not BUSINESS.search(text)


def covers(text: str, business: str) -> bool:
    """Whether the clause names the asker's kind of business itself (then it may well apply)."""
    return business in text
