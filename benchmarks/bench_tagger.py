"""Benchmark the temporal tagger: words/s over the tbaq-cleaned TEXT bodies, and adversarial inputs.

Prints figures only (no assertions on timings). Run: /work/venv/bin/python benchmarks/bench_tagger.py
Reads ../shared/corpora relative to the repository (skips the corpus part when it is absent).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from pathlib import Path

from timeline.temporal import TemporalTagger

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / ".." / "shared" / "corpora"
_TAG = re.compile(r"<[^>]+>")
_DCT = re.compile(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", re.S)


def _text_bodies() -> list[tuple[str, dt.date | None]]:
    docs: list[tuple[str, dt.date | None]] = []
    for path in sorted((CORPORA / "tbaq-cleaned").glob("*/*.tml")):
        raw = path.read_text(encoding="utf-8")
        body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
        dct = _DCT.search(raw)
        docs.append((html.unescape(_TAG.sub("", body)), dt.date.fromisoformat(dct.group(1)) if dct else None))
    return docs


def _time(tagger: TemporalTagger, docs: list[tuple[str, dt.date | None]], rounds: int) -> tuple[float, float, int]:
    best_wall = best_cpu = float("inf")
    found = 0
    for _ in range(rounds):
        w0, c0 = time.perf_counter(), time.process_time()
        found = sum(len(tagger.tag(text, dct)) for text, dct in docs)
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return best_wall, best_cpu, found


def main() -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    tagger = TemporalTagger()
    print(f"load rules (TemporalTagger()): {1000 * (time.perf_counter() - t0):.1f} ms wall, "
          f"{1000 * (time.process_time() - c0):.1f} ms CPU")
    if (CORPORA / "tbaq-cleaned").exists():
        docs = _text_bodies()
        words = sum(len(text.split()) for text, _ in docs)
        wall, cpu, found = _time(tagger, docs, rounds=3)
        print(f"tbaq-cleaned: {len(docs)} docs, {words} words, {found} times")
        print(f"  best of 3: {wall:.3f} s wall = {words / wall:,.0f} words/s; {cpu:.3f} s CPU = {words / cpu:,.0f} words/s (CPU time)")
    else:
        print(f"tbaq-cleaned not found under {CORPORA}: corpus benchmark skipped")
    ref = dt.date(2024, 2, 15)
    adversarial = {
        "100,000 digits": "7" * 100_000,
        "'May May May ...' x 50k": "May " * 50_000,
        "10,000 dates in a row": "April 10, 2024 " * 10_000,
        "50k 'the'": "the " * 50_000,
        "20k 'in early'": "in early " * 20_000,
        "10k 'March 3-5'": "March 3-5, " * 10_000,
        "digits and spaces x 50k": "1 2 " * 50_000,
    }
    for name, text in adversarial.items():
        for size in (len(text) // 10, len(text)):
            chunk = text[:size]
            w0 = time.perf_counter()
            n = len(tagger.tag(chunk, ref))
            print(f"  {name:28s} {size:>8,} chars: {time.perf_counter() - w0:7.3f} s, {n} times")


if __name__ == "__main__":
    main()
