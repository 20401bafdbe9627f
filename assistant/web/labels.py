"""All interface words of the web app in one table (Chinese and English), and example questions per kind of user."""

from __future__ import annotations

from collections.abc import Sequence

TRANSLATIONS = {
    "zh": {
        "tab_chat": "问答",
        "tab_documents": "文档",
        "tab_targets": "目标",
        "tab_measures": "措施",
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
        "comment": "补充意见（可选）",
        "comment_placeholder": "哪里有用，哪里不对？",
        "send_comment": "提交意见",
        "export": "导出对话（Markdown）",
        "tab_admin": "添加文件",
        "tab_evaluate": "评测",
    },
    "en": {
        "tab_chat": "Ask",
        "tab_documents": "Documents",
        "tab_targets": "Targets",
        "tab_measures": "Measures",
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
        "comment": "Comment (optional)",
        "comment_placeholder": "What helped, what was wrong?",
        "send_comment": "Send comment",
        "export": "Export conversation (Markdown)",
        "tab_admin": "Add documents",
        "tab_evaluate": "Evaluate",
    },
}

# Example questions per kind of user, each with the places it names: every one is answered by the
# bundled plans (tests/test_examples.py asks them all); one naming a place the corpus lacks is not shown.
EXAMPLES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "business": (
        ("企业购置节能节水专用设备有哪些税收优惠？", ()),
        ("我们是做农机的，有什么政策？", ()),
        ("How many old farm machines will Suzhou scrap and replace by 2027?", ("苏州",)),
    ),
    "official": (
        ("苏州新能源公交车占比目标是多少？", ("苏州",)),
        ("晋城二手车交易量的增长目标是多少？", ("晋城",)),
        ("Which department leads the trade-in of household appliances in Jincheng?", ("晋城",)),
    ),
    "evaluator": (
        ("苏州和晋城的设备投资增长目标分别是多少？", ("苏州", "晋城")),
        ("晋城老旧农业机械报废更新由哪个部门牵头？", ("晋城",)),
        ("个人报废旧车并购买新能源汽车有什么补贴？", ()),
    ),
}

# Shown beside the comment box after a vote, in both languages (in place of a pop-up, whose title
# Gradio always shows in English).
COPY = "复制 · Copy"  # the page script shows 已复制 · Copied for a moment after copying
VOTE_THANKS = "感谢反馈，已记录；可以补充意见。 · Thanks, your vote was recorded; add a comment if you like."
COMMENT_THANKS = "意见已记录，谢谢。 · Your comment was recorded, thank you."

# The Add documents tab (staff only).
ADMIN_TEXT = {
    "intro": "管理员可在此添加政策文件（.txt / .md / .pdf / .docx，每个不超过 {mb} MB）；文件加入语料后重建索引，"
    "建好之前旧索引照常服务。 · Staff can add policy documents here (.txt/.md/.pdf/.docx, at most {mb} MB "
    "each); the index is rebuilt and the old one keeps serving until the new one is ready.",
    "token": "管理口令 · Admin token",
    "files": "文件 · Files",
    "add": "添加并重建索引 · Add and rebuild the index",
    "refused": "口令不对，未添加任何文件。 · Wrong admin token: nothing was added.",
    "no_files": "请先选择文件。 · Choose files first.",
    "too_big": "{name}：超过 {mb} MB 的上限 · larger than the {mb} MB limit",
    "bad_type": "{name}：不支持的文件类型（可用 .txt .md .pdf .docx） · unsupported type (use .txt .md .pdf .docx)",
    "added": "已加入 · Added",
    "unreadable": "未能读取 · Not added",
    "nothing": "没有新内容需要加入。 · Nothing new to add.",
    "failed": "添加失败，旧索引仍在服务： · Adding failed; the old index keeps serving: {error}",
    "ready": "索引已更新：共 {n} 份文件。 · The index is updated: {n} documents.",
    "reading": "读取文件 · Reading files",
    "embedding": "嵌入文本 · Embedding texts",
}

EVALUATE_TEXT = {
    "hit_tab": "命中测试 · Hit test",
    "run_tab": "评测问题集 · Run a question set",
    "compare_tab": "对比两次评测 · Compare runs",
    "hit_intro": "输入一个问题，查看检索排序的条款、每条的融合得分及其组成，以及“能否回答”的判断依据。"
    "可选填预期证据（备选用 | 分隔，多组用 ; 分隔）。 · Ask one question to see the ranked passages, the parts "
    "of each fused score and the reasons of the answerability judgement. Optional expected evidence: "
    "alternatives separated by |, groups by ;.",
    "question": "问题 · Question",
    "evidence": "预期证据（可选） · Expected evidence (optional)",
    "mode": "检索方式 · Search mode",
    "test": "测试 · Test",
    "run_intro": "上传问题集（JSONL，或含 question、evidence 列的 CSV / XLSX；最多 {lines} 行、{mb} MB），"
    "选择检索配置后运行；数字与 python -m evaluation run 完全一致。 · Upload a question set (JSONL, or CSV / "
    "XLSX with question and evidence columns; at most {lines} lines and {mb} MB), choose configurations and "
    "run: the figures are those of python -m evaluation run.",
    "locked": "整套评测很耗 CPU：需以 --evaluate 启动应用，或输入管理口令。 · Whole-set runs are CPU-heavy: they "
    "need the app started with --evaluate, or the staff token.",
    "off": "整套评测未开启：请以 --evaluate 或 --admin-token 启动应用。 · Whole-set runs are off: start the app "
    "with --evaluate or --admin-token.",
    "token": "管理口令 · Staff token",
    "file": "问题集文件 · Question set file",
    "configs": "检索配置 · Configurations",
    "replies": "同时评测回答（reply-hit，较慢） · Also measure replies (reply-hit, slower)",
    "run": "运行评测 · Run",
    "cancel": "取消 · Cancel",
    "refused": "口令不对，未运行。 · Wrong staff token: nothing ran.",
    "no_file": "请先选择问题集文件。 · Choose a question set file first.",
    "no_config": "请至少选择一种检索配置。 · Choose at least one configuration.",
    "bad_file": "问题集有误，未运行： · The question set has a problem, nothing ran: {error}",
    "too_big": "文件超过 {mb} MB 的上限。 · The file is larger than the {mb} MB limit.",
    "too_long": "问题集超过 {lines} 行的上限（{n} 行）。 · The set has more than {lines} lines ({n}).",
    "cancelled": "已取消，未保存结果。 · Cancelled: no result was kept.",
    "cancelling": "正在取消… · Cancelling…",
    "nothing_running": "当前没有运行中的评测。 · No run is in progress.",
    "progress": "{stage}：{done}/{total} 个问题 · 约剩 {left} · {stage}: {done}/{total} questions · about {left} left",
    "done": "完成：{n} 个问题，{seconds:.1f} 秒；结果保存在 {folder} · Done: {n} questions in {seconds:.1f} s, kept in {folder}",
    "summary": "总览 · Summary",
    "replies_table": "回答命中 · Replies (reply-hit)",
    "by_category": "按类别 · By category",
    "by_lang": "按语言 · By language",
    "chart": "hit@k 图 · hit@k chart",
    "misses": "未命中的问题 · Misses",
    "downloads": "下载：报告、全部数字（JSON）、批量输出 · Downloads: report, all figures (JSON), batch output",
    "earlier": "较早的评测 · Earlier run",
    "later": "较新的评测 · Later run",
    "compare": "对比 · Compare",
    "no_runs": "对比需要两次已保存的评测。 · Comparing needs two kept runs.",
}

FILTER_CONFLICT = {
    "zh": "筛选条件只包括{chosen}，不包括问题所问的{excluded}。请在“城市 / 地区”筛选中加入{excluded}或清除筛选后再问。",
    "en": "The city filter ({chosen}) excludes {excluded}, which the question asks about: add {excluded} to the "
    "filter or clear it, then ask again.",
}
FILTER_PARTLY = {
    "zh": "筛选条件不包括{excluded}，以下只回答{chosen}的内容。",
    "en": "The city filter excludes {excluded}; the answer covers {chosen} only.",
}

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


# The chat's answer cards.
ANSWER_LABELS = {
    "zh": {
        "cited": "引用条款",
        "related": "可能相关的条款（并非答案）",
        "understood": "结合上文理解为",
        "lead": "牵头",
        "support": "配合",
        "open": "在文档中查看",
        "no_hits": "没有检索到任何条款。",
    },
    "en": {
        "cited": "Cited clauses",
        "related": "Possibly related clauses (not an answer)",
        "understood": "Understood in context as",
        "lead": "Lead",
        "support": "Supporting",
        "open": "Open in document",
        "no_hits": "No clause was retrieved.",
    },
}
EMPTY_MESSAGE = "请输入一个问题。 / Please type a question."
PAGE_TITLE = "政策问答助手 · Policy Q&A"  # the browser tab's title
LEAD_TAG, SUPPORT_TAG = "牵头 Lead", "配合 Supporting"  # before a clause's departments in the Documents tab
# What the copy button and the Markdown export write around the citations.
CITED_HEADING = "引用条款 / Cited clauses:"
EXPORT_TITLE = "政策问答记录 · Policy Q&A"

# The Targets tab: its table's columns (key, Chinese, English) and its controls.
TARGET_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("city", "城市", "City"),
    ("sector", "领域", "Sector"),
    ("indicator", "指标", "Indicator"),
    ("value", "目标值", "Value"),
    ("deadline_year", "期限", "Deadline"),
    ("baseline_year", "基期", "Baseline"),
    ("lead", "牵头单位", "Lead"),
    ("section", "条款", "Clause"),
)
TARGET_LABELS = {
    "cities": "城市 / 地区 · City / region",
    "sector": "领域 · Sector",
    "year": "期限年份 · Deadline year",
    "any_sector": "全部领域 · All sectors",
    "any_year": "全部年份 · All years",
    "download": "下载 CSV · Download CSV",
    "summary": "共 {shown} 项目标（全部 {total} 项） · {shown} of {total} targets",
    "intro": "各地文件中写明的量化目标，数值和限定语均照录原文；点击条款可在文档中查看。"
    " · Quantitative targets as the documents state them; click a clause to read it in its document.",
}

# The Measures tab: its table's columns (key, Chinese, English) and its controls.
MEASURE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("place", "地区", "Place"),
    ("who", "对象", "For"),
    ("instrument", "方式", "Support"),
    ("amount", "标准", "Amount"),
    ("cap", "上限", "Cap"),
    ("window", "期限", "Window"),
    ("how", "办理", "How"),
    ("contact", "咨询", "Contact"),
    ("section", "条款", "Clause"),
)
MEASURE_LABELS = {
    "places": "城市 / 地区 · City / region",
    "who": "对象 · For",
    "any_who": "全部 · All",
    "instrument": "支持方式 · Kind of support",
    "any_instrument": "全部方式 · All kinds",
    "in_force": "只看未结束的 · Not ended only",
    "download": "下载 CSV · Download CSV",
    "summary": "共 {shown} 项措施（全部 {total} 项） · {shown} of {total} measures",
    "empty": "没有符合筛选条件的措施。 · No measure matches these filters.",
    "intro": "各文件中给予补贴、补助、奖励、贴息、减免等支持的条款，标准、上限和期限照录原文；点击条款可在文档中查看。"
    " · Clauses that give support, amounts, caps and windows as written; click a clause to read it in its document.",
}
STATUS_WORDS = {"in force": "进行中 In force", "ended": "已结束 Ended", "not yet": "未开始 Not yet"}

# The Measures tab's finder form: who, where, what → the chat's list of measures for that profile.
FINDER_LABELS = {
    "title": "查找适用于我的措施 · Find the measures that apply to me",
    "intro": "填写身份、地区和打算做的事，得到与在对话中提问相同的措施清单；价格和日期可不填，填写时另算出该情形的金额。"
    " · Say who you are, where, and what you plan to do: you get the same list the chat gives; price and date"
    " are optional, and with them the amount for your case is worked out too.",
    "who": "身份 · I am",
    "sector": "行业（企业） · Business sector",
    "place": "地区 · Place",
    "any_place": "不限 · Any",
    "action": "打算 · I plan to",
    "object": "对象 · What",
    "object_placeholder": "如：生产设备、新能源汽车、冰箱 · e.g. production equipment",
    "price": "价格（元） · Price (yuan)",
    "date": "日期 · Date",
    "date_placeholder": "2026-07-15 / 7月",
    "find": "查找措施 · Find measures",
    "asked": "按此问题查找 · Asked as",
    "no_object": "请填写对象，例如“生产设备”。 · Please say what, e.g. production equipment.",
    "bad_price": "价格须为正数（元）。 · The price must be a positive number of yuan.",
    "bad_date": "日期请写成 2026-07-15 或 7月。 · Write the date as 2026-07-15 or as a month (7月).",
}
# (the word the composed question uses, its English label)
FINDER_WHO = (("个人", "Individual / household"), ("企业", "Business"))
FINDER_ACTIONS = (
    ("购买", "buy"),
    ("报废", "scrap"),
    ("更新", "replace"),
    ("改造升级", "upgrade"),
)
FINDER_SECTORS = (
    ("制造", "manufacturing"),
    ("化工", "chemicals"),
    ("物流", "logistics"),
    ("公交", "bus transport"),
    ("农业", "farming"),
    ("医院", "hospital"),
    ("学校", "school"),
    ("物业", "property management"),
    ("能源", "energy"),
    ("回收", "recycling"),
    ("商贸", "retail and trade"),
)

# The start-up page's phases, in order (Chinese, English).
STARTUP_PHASES = {
    "starting": ("正在启动", "Starting"),
    "model": ("正在加载语言模型", "Loading the language model"),
    "index": ("首次启动：正在建立索引", "First start: building the index"),
    "opening": ("正在打开索引", "Opening the index"),
    "interface": ("正在准备界面", "Preparing the interface"),
    "ready": ("已就绪", "Ready"),
}


def example_questions(places: Sequence[str]) -> dict[str, list[str]]:
    """Example questions per kind of user that the corpus of `places` can answer (kinds left empty dropped)."""
    present = set(places)
    examples = {
        kind: [text for text, named in entries if present.issuperset(named)]
        for kind, entries in EXAMPLES.items()
    }
    return {kind: texts for kind, texts in examples.items() if texts}
