"""What an index build costs against the floor: encoding the corpus's text once (issue 21).

The floor is the same model encoding each document's text once, in 500-character pieces, in the same
process. The build is the shipped one (`build_from_corpus`, side files included) into an empty directory,
so nothing is reused. `python -m evaluation.bench_build --corpus PATH --index DIR` prints the figures as
JSON; `python -m evaluation bench` reports them for its corpus. The vector mode is $POLICY_ASSISTANT_VECTORS.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from evaluation.timing import PhasePeak, ratio

PIECE = 500  # characters per piece of the encode-once floor


def text_pieces(texts: list[str], size: int = PIECE) -> list[str]:
    """Each text cut into consecutive pieces of `size` characters (the last one shorter)."""
    return [text[i : i + size] for text in texts for i in range(0, len(text), size)]


def encode_once(texts: list[str], encoder) -> dict:
    """Seconds to encode the texts once, in PIECE-character pieces, and the tokens the encoder read."""
    pieces = text_pieces(texts)
    encoder.encode_passages(pieces[:32])  # warm-up
    start = time.perf_counter()
    encoder.encode_passages(pieces)
    seconds = time.perf_counter() - start
    count = getattr(encoder, "count_tokens", None)
    tokens = sum(min(n, encoder.max_tokens) for n in count(pieces)) if callable(count) else 0
    return {"pieces": len(pieces), "text_tokens": tokens, "encode_once_s": seconds}


def measure_corpus_build(corpus: Path, index_dir: Path, encoder, *, floor: dict | None = None) -> dict:
    """A full build of `corpus` into the empty `index_dir`, against encoding its text once (measured
    here first, unless `floor` gives an earlier measurement of the same run)."""
    from assistant.indexing.build import build_from_corpus, readable_corpus

    documents = readable_corpus(corpus, report_skipped=False).documents
    floor = floor or encode_once([doc.text for doc in documents], encoder)
    with PhasePeak() as peak:
        start = time.perf_counter()
        build = build_from_corpus(corpus, index_dir, encoder, progress=False, report_skipped=False).build
        build_s = time.perf_counter() - start
    vectors = json.loads((build / "manifest.json").read_text(encoding="utf-8")).get("vectors", {})
    return {
        "documents": len(documents),
        "characters": sum(len(doc.text) for doc in documents),
        **floor,
        "vector_mode": vectors.get("mode"),
        "passes": vectors.get("passes"),
        "encoded_tokens": vectors.get("tokens"),
        "encoded_to_text_tokens": ratio(vectors.get("tokens") or 0, floor["text_tokens"]),
        "build_s": build_s,
        "build_to_encode_once": ratio(build_s, floor["encode_once_s"]),
        "peak_rss_mb": peak.mb,
    }


def main(argv: list[str] | None = None) -> int:
    from assistant.logs import show_progress
    from assistant.model.embedding import load_encoder

    show_progress()
    parser = argparse.ArgumentParser(
        prog="python -m evaluation.bench_build", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--corpus", type=Path, required=True, help="corpus directory or JSONL file")
    parser.add_argument("--index", type=Path, required=True, help="an empty (or new) index directory")
    parser.add_argument(
        "--floor", type=Path, help="a JSON file of an earlier run: reuse its encode-once figures"
    )
    args = parser.parse_args(argv)
    if args.index.exists() and any(args.index.iterdir()):
        parser.error(f"{args.index} is not empty: a build there would reuse its vectors")
    floor = None
    if args.floor:
        earlier = json.loads(args.floor.read_text(encoding="utf-8"))
        floor = {key: earlier[key] for key in ("pieces", "text_tokens", "encode_once_s")}
    print(json.dumps(measure_corpus_build(args.corpus, args.index, load_encoder(), floor=floor), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
