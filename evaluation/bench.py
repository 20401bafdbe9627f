"""`python -m evaluation bench`: search latency against a bare query encode, index build throughput against
a bare batch encode, the real corpus's build against encoding its text once, peak memory, and dense index
kinds compared on a large synthetic corpus.

Figures go to stdout as Markdown and to DIR/bench.json; progress goes to stderr. Nothing is asserted:
the goals (search p50 ≤ 3× a query encode at 100,000 chunks, RSS ≤ 2 GB) are reported as met or not.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from assistant.config import DEFAULT_CORPUS_DIR
from evaluation.bench_build import measure_corpus_build
from evaluation.bench_search import measure_search
from evaluation.bench_settings import DEV_QUESTIONS, VECTOR_SOURCES, BenchSettings, progress
from evaluation.timing import PhasePeak, peak_rss_mb, ratio


def add_subparser(commands) -> None:
    """Register `bench` on the subcommands of `python -m evaluation`."""
    bench = commands.add_parser(
        "bench", help="latency, build throughput and memory, up to a 100,000-chunk corpus"
    )
    bench.add_argument(
        "--scale", type=int, default=100_000, help="chunks in the synthetic corpus (default 100000)"
    )
    bench.add_argument("--queries", type=int, default=200, help="warm queries drawn from the dev questions")
    bench.add_argument("--skip-scale", action="store_true", help="only the real corpus and the build sample")
    bench.add_argument("--k", type=int, default=10, help="results per search and recall cut-off (default 10)")
    bench.add_argument(
        "--build-sample", type=int, default=200, help="chunks indexed to time a full build (default 200)"
    )
    bench.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS_DIR, help="real documents (default corpus/)"
    )
    bench.add_argument(
        "--questions", type=Path, default=DEV_QUESTIONS, help="question set the queries come from"
    )
    bench.add_argument(
        "--vectors",
        choices=VECTOR_SOURCES,
        default="model",
        help="scale corpus vectors: the model's (cached, slow the first time) or composed from sentence vectors",
    )
    bench.add_argument("--model", help="embedding model (default: $POLICY_ASSISTANT_MODEL or the bundled e5)")
    bench.add_argument(
        "--out", type=Path, help="directory for bench.json and bench.md (default reports/bench-<time>)"
    )
    bench.set_defaults(handler=cmd_bench)


def cmd_bench(args: argparse.Namespace) -> int:
    from assistant.model.embedding import load_encoder
    from evaluation.bench_report import markdown_report, write_bench

    if args.scale < 1 or args.queries < 1 or args.build_sample < 1:
        print("error: --scale, --queries and --build-sample must be at least 1", file=sys.stderr)
        return 2
    settings = BenchSettings(
        scale=args.scale,
        queries=args.queries,
        skip_scale=args.skip_scale,
        k=args.k,
        build_sample=args.build_sample,
        corpus=str(args.corpus),
        questions=str(args.questions),
        model=args.model,
        vectors=args.vectors,
    )
    results = run_bench(settings, functools.partial(load_encoder, args.model))
    results["command"] = " ".join(["python -m evaluation", *sys.argv[1:]])
    print(markdown_report(results))
    out = args.out or Path("reports") / datetime.now().strftime("bench-%Y%m%d-%H%M%S")
    paths = write_bench(results, out)
    print("wrote " + ", ".join(str(p) for p in paths), file=sys.stderr)
    return 0


def run_bench(settings: BenchSettings, encoder_factory: Callable[[], object]) -> dict:
    """All measurements; `encoder_factory` must be picklable (the serving measurement runs in a fresh process)."""
    from evaluation.synthetic import load_pool

    started = time.perf_counter()
    encoder = encoder_factory()
    questions = sample_questions(Path(settings.questions), settings.queries, settings.seed)
    pool = load_pool(Path(settings.corpus))
    results: dict = {
        "created": datetime.now().isoformat(timespec="seconds"),
        "machine": machine_facts(encoder),
        "settings": asdict(settings),
    }
    with tempfile.TemporaryDirectory(prefix="policy-bench-") as work:
        progress("building the real corpus's index, against encoding its text once")
        results["corpus_build"] = measure_corpus_build(
            Path(settings.corpus), Path(work) / "corpus-index", encoder
        )
        progress("searching the real corpus")
        results["corpus"] = measure_corpus(
            Path(settings.corpus), Path(work) / "corpus-index", encoder, questions, settings.k
        )
        progress(f"timing a full build of {settings.build_sample} synthetic chunks")
        results["build"] = measure_build(pool, encoder, settings, Path(work) / "sample-index")
        if not settings.skip_scale:
            from evaluation.bench_scale import measure_scale

            results["scale"] = measure_scale(pool, encoder, encoder_factory, questions, settings, Path(work))
    builds = (results["build"]["peak_rss_mb"], results["corpus_build"]["peak_rss_mb"])
    results["peak_rss_mb"] = max(peak_rss_mb(), *builds)  # this process only
    results["total_s"] = time.perf_counter() - started
    results["machine"]["load_average_end"] = _load_average()
    return results


def sample_questions(path: Path, n: int, seed: int) -> list[str]:
    """`n` questions of a question set, drawn without replacement (cycled when the set is smaller)."""
    from evaluation.questions import read_questions

    texts = [q.question for q in read_questions(path)]
    if not texts:
        raise ValueError(f"{path} has no questions")
    if n <= len(texts):
        return random.Random(seed).sample(texts, n)
    return [texts[i % len(texts)] for i in range(n)]


def measure_corpus(corpus: Path, index_dir: Path, encoder, questions: list[str], k: int) -> dict:
    """Search latency over the real corpus, indexed into a temporary directory."""
    from assistant.search.retriever import open_retriever

    retriever = open_retriever(index_dir, encoder=encoder, corpus=corpus)
    return measure_search(retriever, questions, k)


def measure_build(pool, encoder, settings: BenchSettings, index_dir: Path) -> dict:
    """Chunks/s of a full build as shipped (`build_documents`: embedding and side files included) against
    a bare batch encode of exactly the texts it embeds (each chunk's text and its sentence views), so the
    ratio is the cost of the rest."""
    from assistant.indexing.build import build_documents
    from assistant.indexing.vectors import vector_texts
    from evaluation.synthetic import document_chunks, synthetic_documents

    documents = synthetic_documents(pool, settings.build_sample, settings.seed)
    chunks = list(document_chunks(documents))
    texts, _ = vector_texts(chunks)
    encoder.encode_passages(texts[:32])  # warm-up
    start = time.perf_counter()
    encoder.encode_passages(texts)
    encode_s = time.perf_counter() - start
    with PhasePeak() as peak:
        start = time.perf_counter()
        build_documents(documents, index_dir, encoder, progress=False)
        build_s = time.perf_counter() - start
    encode_rate, build_rate = len(chunks) / encode_s, len(chunks) / build_s
    return {
        "chunks": len(chunks),
        "texts": len(texts),
        "encode_s": encode_s,
        "build_s": build_s,
        "encode_chunks_per_s": encode_rate,
        "build_chunks_per_s": build_rate,
        "build_to_encode": ratio(build_rate, encode_rate),
        "peak_rss_mb": peak.mb,
    }


def machine_facts(encoder) -> dict:
    """Cores, CPU, memory and library versions the figures were measured with."""
    import platform

    import faiss
    import numpy as np

    from assistant.model.embedding import cpu_cores

    facts = {
        "cores": cpu_cores(),
        "cpu": _cpuinfo("model name"),
        "memory_gb": round(_meminfo_kb("MemTotal") / 2**20, 1),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "faiss": faiss.__version__,
        "faiss_threads": faiss.omp_get_max_threads(),
        "model_id": encoder.model_id,
        "dim": encoder.dim,
        "load_average_start": _load_average(),  # other work on the machine slows every figure
    }
    torch = sys.modules.get("torch")
    if torch is not None:
        facts.update(torch=torch.__version__, torch_threads=torch.get_num_threads())
    return facts


def _load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def _cpuinfo(key: str) -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform

    return platform.processor()


def _meminfo_kb(key: str) -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
