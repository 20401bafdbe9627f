"""The command line, `python -m assistant index|retrieve|ask|targets|add|remove`: data on stdout,
progress on stderr.

May import: every other package except `assistant.web`'s pages.
"""
