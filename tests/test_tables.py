from __future__ import annotations

from assistant.documents.cleaning import clean_text
from assistant.documents.structure import parse_clauses

ANNEX = """附件
细化措施分工表
序号 工作任务 细化措施 部门分工
1
推动工业
设备更新
研究制定制造业领域设备更新的方案政策。明确改造目标和时限，
引导企业全面提升设备水平。
市工信局、市能
源局牵头，市数
据局配合
2
开展汽车
以旧换新
鼓励个人消费者报废个人名下汽车并在市内购买新车，持相关手续
可享受财政资金补贴。
市商务局牵头，市
财政局配合
抄送：市委各部门。
"""


def test_pdf_table_rows_become_clauses_with_departments():
    clauses = parse_clauses("annex", clean_text(ANNEX))
    rows = [c for c in clauses if c.path[-1][0].isdigit()]
    assert [c.path[-1] for c in rows] == ["1 推动工业设备更新", "2 开展汽车以旧换新"]
    assert rows[0].lead == ("市工信局", "市能源局") and rows[0].support == ("市数据局",)
    assert rows[1].lead == ("市商务局",) and rows[1].support == ("市财政局",)
    assert "持相关手续可享受财政资金补贴。" in rows[1].text
    assert all("抄送" not in c.text for c in rows)


def test_word_table_rows_are_read_the_same_way():
    text = "附件：分工表\n序号 | 工作任务 | 细化措施 | 部门分工\n1 | 推动农机更新 | 加快淘汰老旧农机。 | 市农业农村局牵头，市财政局配合"
    (row,) = parse_clauses("docx", clean_text(text))
    assert row.path == ("附件：分工表", "1 推动农机更新")
    assert row.lead == ("市农业农村局",) and row.support == ("市财政局",)


def test_lead_and_support_columns_of_a_word_table():
    text = (
        "附件：重点任务分工表\n序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限\n"
        "1 | 汽车报废更新补贴 | 市商务局 | 市财政局、市公安局 | 2024年12月底"
    )
    (row,) = parse_clauses("md", clean_text(text))
    assert row.lead == ("市商务局",) and row.support == ("市财政局", "市公安局")


def test_markdown_table_rows_lose_their_pipes_and_rule():
    text = "# 某市若干措施\n附件：分工表\n| 序号 | 重点任务 | 牵头单位 |\n| --- | --- | --- |\n| 1 | 家电以旧换新 | 市商务局 |"
    cleaned = clean_text(text)
    assert cleaned.split("\n")[0] == "某市若干措施" and "---" not in cleaned
    (row,) = parse_clauses("md", cleaned)
    assert row.path[-1] == "1 家电以旧换新" and row.lead == ("市商务局",)
