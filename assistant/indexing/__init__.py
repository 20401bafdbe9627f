"""The index: chunks embedded into FAISS plus a BM25 keyword index, stored on disk with the corpus and
its side files (index_store); the one path that builds it from a corpus and opens it, rebuilding a
stale one (build); adding or removing users' documents (ingest).

May import: `assistant.documents`, `assistant.model`, `assistant.knowledge` and the base modules.
"""
