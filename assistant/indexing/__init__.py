"""The index: chunks embedded into FAISS plus a BM25 keyword index, stored on disk with the corpus and
its side files; building it, and adding or removing users' documents.

May import: `assistant.documents`, `assistant.model`, `assistant.knowledge` and the base modules.
"""
