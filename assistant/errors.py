"""The one base of the assistant's own errors: a problem the user can fix, whose message is one line
saying what is wrong and what to do. Entry points (the CLIs, the web start-up) catch this base once."""

from __future__ import annotations


class AssistantError(Exception):
    """A problem the user can fix (a bad corpus or question file, an unusable index, …); printed as one line."""
