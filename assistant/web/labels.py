"""Interface words in Chinese and English, and example questions for each kind of user."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.conversation import english_name

TRANSLATIONS = {
    "zh": {
        "tab_chat": "问答",
        "tab_documents": "文档",
        "tab_targets": "目标",
        "question": "您的问题",
        "placeholder": "例如：新能源公交车占比目标是多少？ 回车发送",
        "send": "发送",
        "clear": "新对话",
        "filters": "筛选",
        "cities": "城市 / 地区",
        "documents": "文件",
        "citations": "引用条款数",
        "in_force_only": "只看现行有效",
        "as_of": "以此日期判断（YYYY-MM-DD，空为今天）",
        "examples": "示例问题",
        "business": "企业经营者",
        "official": "政府工作人员",
        "evaluator": "评估人员",
        "document": "选择文件",
        "outline": "目录",
        "chat": "对话",
    },
    "en": {
        "tab_chat": "Ask",
        "tab_documents": "Documents",
        "tab_targets": "Targets",
        "question": "Your question",
        "placeholder": "e.g. What is the target share of new-energy buses? Press Enter to send",
        "send": "Send",
        "clear": "New chat",
        "filters": "Filters",
        "cities": "City / region",
        "documents": "Documents",
        "citations": "Clauses to cite",
        "in_force_only": "In force only",
        "as_of": "As of date (YYYY-MM-DD, empty for today)",
        "examples": "Example questions",
        "business": "Business owner",
        "official": "Civil servant",
        "evaluator": "Evaluator",
        "document": "Document",
        "outline": "Outline",
        "chat": "Conversation",
    },
}

# Templates filled from the corpus's places: {a} and {b} are the first two, {a_en} an English name,
# {absent} a place the corpus does not cover (to show how a question without an answer looks).
EXAMPLE_TEMPLATES = {
    "business": (
        "企业购置节能节水专用设备有哪些税收优惠？",
        "个人报废旧车并购买新能源汽车有什么补贴？",
        "What support is there for companies replacing old equipment in {a_en}?",
    ),
    "official": (
        "{a}新能源公交车占比目标是多少？",
        "{b}二手车交易量的增长目标由哪个部门牵头？",
        "Which department leads the trade-in of household appliances in {a_en}?",
    ),
    "evaluator": (
        "{a}和{b}的设备投资增长目标分别是多少？",
        "{absent}的家电以旧换新补贴标准是多少？",
        "What is the target for recycling scrapped cars in {b_en}?",
    ),
}
_ABSENT_CANDIDATES = ("深圳", "成都", "西安", "昆明", "拉萨")

WELCOME = (
    '<div class="pa-welcome"><div class="pa-welcome-title">有什么可以帮您？ <span>How can I help?</span></div>'
    '<div class="pa-welcome-text">向政策文件提问：补贴标准、目标数值、负责部门……每个回答都直接引用原文条款。'
    "<br>Ask the policy documents about subsidies, targets or responsible departments; "
    "every answer quotes the clauses it comes from.</div></div>"
)
HEADER = (
    '<div class="pa-header"><div class="pa-logo">政</div><div><div class="pa-brand">政策问答助手 '
    '<span class="pa-brand-en">Policy Q&amp;A Assistant</span></div>'
    '<div class="pa-tagline">只引用政策原文作答，并标明出处 · Answers quote the policy text and cite their clauses</div>'
    "</div></div>"
)


def example_questions(places: Sequence[str]) -> dict[str, list[str]]:
    """Example questions per kind of user, for the places the corpus covers (templates needing absent places dropped)."""
    values = {"absent": next((p for p in _ABSENT_CANDIDATES if p not in places), "")}
    for key, place in zip(("a", "b"), places, strict=False):
        values[key], values[f"{key}_en"] = place, english_name(place)
    examples = {}
    for kind, templates in EXAMPLE_TEMPLATES.items():
        filled = []
        for template in templates:
            try:
                text = template.format(**values)
            except KeyError:
                continue
            if not text.startswith("的"):
                filled.append(text)
        examples[kind] = filled
    return examples
