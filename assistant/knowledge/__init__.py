"""Policy knowledge read from clauses: quantitative targets, responsibilities, sectors, and which rules
are in force (standing, versions). Written beside each index as plain-data side files (extras).

May import: `assistant.documents` and the base modules (`config`, `records`, `jsonl`, `errors`).
"""
