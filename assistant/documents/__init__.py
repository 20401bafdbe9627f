"""Documents: a file becomes a cleaned text, its metadata (title, 文号, issuer, place, period) and clauses,
and the clauses become chunks.

Reads files (readers), restores text (cleaning, tables), finds the clause tree (structure,
structure_patterns, departments), reads metadata (metadata, places, periods, clause_ref), keeps the
corpus (corpus) and cuts clauses into chunks (chunking).

May import: `assistant.config`, `assistant.records`, `assistant.jsonl`, `assistant.errors`.
"""
