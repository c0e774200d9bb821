"""Throughput of the whole pipeline beside the spaCy parse alone, on the same texts.

    python benchmarks/bench_pipeline.py [--corpus DIR] [--repeat N] [--limit N]

Texts: the <TEXT> of every TimeML file under the corpus (default ../shared/corpora/tbaq-cleaned),
each built with its DCT as publication date. Words are whitespace-separated tokens. Each
measurement is the best of ``--repeat`` passes (the machine is shared: the best pass is the least
disturbed one). Prints figures; asserts nothing. The tagger alone has its own benchmark
(benchmarks/bench_tagger.py, by the tagger's owner); its figure is printed here too for context.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpora" / "tbaq-cleaned"


def load_texts(corpus: Path, limit: int | None) -> list[tuple[str, object]]:
    from timeline.timeml import read_timeml

    paths = sorted(corpus.rglob("*.tml"))
    if limit:
        paths = paths[:limit]
    docs = [read_timeml(p) for p in paths]
    return [(d.text, d.dct) for d in docs]


def best_of(repeat: int, run: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best


class Timed:
    """Wraps one method of a stage object and adds up the time spent in it."""

    def __init__(self, target: object, method: str) -> None:
        self._target = target
        self._method = getattr(target, method)
        self.seconds = 0.0
        setattr(self, method, self._call)

    def _call(self, *args: object, **kwargs: object) -> object:
        t0 = time.perf_counter()
        try:
            return self._method(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - t0

    def __getattr__(self, name: str) -> object:
        return getattr(self._target, name)


def stage_breakdown(extractor: object, texts: list[tuple[str, object]]) -> dict[str, float]:
    """One pass of the pipeline with each stage timed (the parse is what is left)."""
    stages = {"tagger": ("tagger", "tag"), "events": ("events", "extract"), "linker": ("linker", "link")}
    originals = {attr: getattr(extractor, attr) for attr, _ in stages.values()}
    timed = {name: Timed(originals[attr], method) for name, (attr, method) in stages.items()}
    for name, (attr, _) in stages.items():
        setattr(extractor, attr, timed[name])
    try:
        t0 = time.perf_counter()
        for text, dct in texts:
            extractor.build(text, pub_date=dct)  # type: ignore[attr-defined]
        total = time.perf_counter() - t0
    finally:
        for attr, original in originals.items():
            setattr(extractor, attr, original)
    out = {name: t.seconds for name, t in timed.items()}
    out["total"] = total
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--stages", action="store_true", help="also time each stage of the pipeline (one more pass)")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    from timeline import Extractor

    texts = load_texts(args.corpus, args.limit)
    words = sum(len(text.split()) for text, _ in texts)
    chars = sum(len(text) for text, _ in texts)
    extractor = Extractor()
    nlp = extractor.nlp
    # warm up: first calls allocate and fill caches
    for text, dct in texts[:5]:
        extractor.build(text, pub_date=dct)
        nlp(text)

    def parse_only() -> None:
        for text, _ in texts:
            nlp(text)

    def pipeline() -> None:
        for text, dct in texts:
            extractor.build(text, pub_date=dct)

    def tagger_only() -> None:
        for text, dct in texts:
            extractor.tagger.tag(text, dct)

    # interleave the two so that both see the same machine load
    t_parse = t_pipe = float("inf")
    for _ in range(args.repeat):
        t_parse = min(t_parse, best_of(1, parse_only))
        t_pipe = min(t_pipe, best_of(1, pipeline))
    t_tag = best_of(args.repeat, tagger_only)

    print(f"corpus: {args.corpus.resolve()} ({len(texts)} documents, {words:,} words, {chars:,} characters)")
    print(f"spaCy pipeline: {extractor.model_name}; best of {args.repeat} passes")
    print(f"spaCy parse alone : {t_parse:8.2f} s  {words / t_parse:10,.0f} words/s")
    print(f"whole pipeline    : {t_pipe:8.2f} s  {words / t_pipe:10,.0f} words/s")
    print(f"ratio pipeline/parse throughput: {t_parse / t_pipe:.2f}x  (target >= 0.80x)")
    print(f"our stages add    : {100 * (t_pipe - t_parse) / t_parse:.1f}% over the parse (target <= 25%)")
    print(f"tagger alone      : {t_tag:8.2f} s  {words / t_tag:10,.0f} words/s (see benchmarks/bench_tagger.py)")
    if args.stages:
        parts = stage_breakdown(extractor, texts)
        rest = parts["total"] - parts["tagger"] - parts["events"] - parts["linker"]
        print(f"stages of one pass ({parts['total']:.2f} s): " + ", ".join(
            f"{name} {parts[name]:.2f} s ({100 * parts[name] / parts['total']:.0f}%)" for name in ("tagger", "events", "linker"))
            + f", parse and the rest {rest:.2f} s ({100 * rest / parts['total']:.0f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
