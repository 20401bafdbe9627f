"""A small in-memory retriever for the web and answer tests: a few Chinese clauses from two cities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.records import Chunk, Clause, Document, Hit, Retrieval

# (doc_id, city, title, doc_number, clauses as (clause_id, path, text, lead, support))
_DOCS = (
    (
        "sz",
        "苏州",
        "苏州市推动大规模设备更新和消费品以旧换新实施方案",
        "",
        (
            (
                "sz-0",
                ("一、总体要求",),
                "力争到2027年，工业、建筑、交通等领域设备投资规模较2023年增长30%左右。"
                "推动更多高质量耐用消费品进入居民生活。",
                (),
                (),
            ),
            (
                "sz-11",
                ("二、大力推进设备更新行动", "11．推动运输工具设备更新"),
                "加快城市公交车电动化替代。到2027年，新能源城市公交车辆占比达到85%。"
                "力争2025年底基本淘汰国Ⅲ及以下排放标准营运类柴油货车。",
                ("市交通运输局",),
                ("市生态环境局", "市公安局"),
            ),
            (
                "sz-18",
                ("三、大力推进消费品以旧换新行动", "18．开展汽车以旧换新"),
                "对个人消费者报废旧车并购买新能源乘用车的，给予每辆车1万元补贴；"
                "购买燃油乘用车的，给予每辆车7000元补贴。",
                ("市商务局",),
                ("市财政局",),
            ),
        ),
    ),
    (
        "jc",
        "晋城",
        "晋城市推动大规模设备更新和消费品以旧换新实施方案",
        "晋市政发〔2024〕12号",
        (
            (
                "jc-0",
                ("一、工作目标",),
                "到2027年，工业、农业、建筑、交通等领域设备投资规模较2023年增长25%以上。"
                "二手车交易量较2023年增长45%。",
                (),
                (),
            ),
            (
                "jc-3-1",
                ("二、工作任务", "（三）推动交通运输设备更新换代", "1.推进交通运输装备绿色更新"),
                "加快推进城市公交新能源车型替代，支持老旧新能源公交车和动力电池更新换代。"
                "鼓励出租汽车、货车等领域加快新能源车型替代。",
                ("市交通局",),
                ("市生态环境局", "市商务局"),
            ),
        ),
    ),
)


def _bigrams(text: str) -> set[str]:
    chars = [c for c in text if not c.isspace()]
    return {a + b for a, b in zip(chars, chars[1:], strict=False)}


@dataclass
class FakeRetriever:
    """Bigram-overlap search over the clauses above; `answerable` when the best overlap is large enough."""

    documents: list[Document]
    clauses: list[Clause]
    chunks: list[Chunk]
    cities: list[str]
    threshold: int = 4

    @classmethod
    def build(cls) -> FakeRetriever:
        documents, clauses, chunks = [], [], []
        for doc_id, city, title, number, items in _DOCS:
            body = "\n".join(" ".join(path[-1:]) + "\n" + text for _, path, text, _, _ in items)
            documents.append(Document(doc_id, title, f"{title}\n{body}", city=city, doc_number=number))
            for order, (clause_id, path, text, lead, support) in enumerate(items):
                clause = Clause(doc_id, clause_id, path, text, order, lead, support)
                clauses.append(clause)
                chunks.append(
                    Chunk(
                        f"{clause_id}#0",
                        doc_id,
                        clause_id,
                        clause.section,
                        text,
                        text,
                        title=title,
                        city=city,
                        doc_number=number,
                        lead=lead,
                        support=support,
                    )
                )
        return cls(documents, clauses, chunks, [d.city for d in documents])

    def search(
        self,
        question: str,
        k: int = 5,
        cities: Sequence[str] = (),
        doc_ids: Sequence[str] = (),
        as_of: str | None = None,
        in_force: bool = False,
    ) -> Retrieval:
        wanted = _bigrams(question)
        named = [c for c in self.cities if c in question]
        scored = []
        for chunk in self.chunks:
            if (cities and chunk.city not in cities) or (doc_ids and chunk.doc_id not in doc_ids):
                continue
            overlap = len(wanted & _bigrams(chunk.section + chunk.text))
            bonus = 3 if chunk.city in named else (-3 if named else 0)
            scored.append((overlap + bonus, chunk))
        scored.sort(key=lambda pair: -pair[0])
        hits = tuple(Hit(chunk, float(score), rank) for rank, (score, chunk) in enumerate(scored[:k], 1))
        answerable = bool(hits) and hits[0].score >= self.threshold
        return Retrieval(question, hits, answerable)


if (
    __name__ == "__main__"
):  # serve the interface on the fake retriever: python tests/web_fakes.py PORT FEEDBACK
    import sys

    from assistant.knowledge.extras import targets
    from assistant.web.app import build_app, launch

    fake = FakeRetriever.build()
    launch(build_app(fake, sys.argv[2], targets(fake.documents, fake.clauses)), port=int(sys.argv[1]))
