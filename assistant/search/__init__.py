"""Search: a question is cleaned (query), expanded with the plans' wording (expansion), searched in
both indexes and fused (fusion, retriever) with place, document and time evidence, and judged
answerable or not (answer_type, answerable).

May import: `assistant.documents`, `assistant.model`, `assistant.knowledge`, `assistant.indexing`
and the base modules.
"""
