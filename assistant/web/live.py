"""The retriever the app serves, which documents added from the page replace whole.

Requests already running keep the retriever they started with; the next ones get the new one. What the
interface derives from the documents (documents by id, table headers) is cached per retriever."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class LiveRetriever:
    """Delegates to the current retriever; `swap` puts a newly opened one in its place."""

    def __init__(self, retriever) -> None:
        self._current = retriever
        self._lock = threading.Lock()
        self._cache: dict[str, Any] = {}
        self.version = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._current, name)

    @property
    def current(self):
        return self._current

    def swap(self, retriever) -> None:
        with self._lock:
            self._current, self._cache = retriever, {}
            self.version += 1

    def derived(self, name: str, make: Callable[[Any], Any]) -> Any:
        """`make(retriever)`, computed once for the current retriever."""
        with self._lock:
            current, cache = self._current, self._cache
        if name not in cache:
            cache[name] = make(current)
        return cache[name]


def live(retriever) -> LiveRetriever:
    return retriever if isinstance(retriever, LiveRetriever) else LiveRetriever(retriever)
