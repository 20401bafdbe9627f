"""The small sample corpus the tests share: 甲市 and 乙市 plans of two clauses each, and 丙市 to add."""

from __future__ import annotations

from assistant.documents.corpus import make_document

SUZ = "甲市设备更新实施方案\n一、任务\n1．推进老旧住宅电梯更新改造。推动使用15年以上老旧住宅电梯更新。（市住建局牵头负责）\n2．推动运输工具更新。新能源城市公交车辆占比达到85%。（市交通局牵头负责）\n"
JIN = "乙市设备更新实施方案\n一、任务\n1．开展汽车以旧换新。报废汽车并购买新车可享受补贴。（市商务局牵头负责）\n2．推动农机更新。到2027年报废更新农机3000台（套）。（市农业农村局牵头负责）\n"

# 丙市 has three numbered clauses: three chunks, none of whose text the 甲/乙 index has embedded.
BING = (
    "丙市设备更新实施方案\n一、任务\n"
    "1．推动老旧电梯更新。更新住宅电梯500台。（市市场监管局牵头负责）\n"
    "2．推动公交车辆更新。新增新能源公交车200辆。（市交通局牵头负责）\n"
    "3．开展家电以旧换新。对购买一级能效家电给予补贴。（市商务局牵头负责）\n"
)


def write_corpus(directory):
    """The two documents above as a corpus directory (甲市 suz.txt, 乙市 jin.txt)."""
    directory.mkdir()
    (directory / "suz.txt").write_text(SUZ, encoding="utf-8")
    (directory / "jin.txt").write_text(JIN, encoding="utf-8")
    return directory


def docs():
    return [
        make_document("suz", SUZ, {"title": "甲市设备更新实施方案", "city": "甲市"}),
        make_document("jin", JIN, {"title": "乙市设备更新实施方案", "city": "乙市"}),
    ]
