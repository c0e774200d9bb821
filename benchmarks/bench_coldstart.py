"""Cold start: wall time of a whole ``timeline build`` process on the seed article, beside a bare
``python -c`` that loads the same spaCy pipeline and parses the same text.

    python benchmarks/bench_coldstart.py [--runs N] [--text FILE] [--pub-date D]

Runs alternate (bare, timeline, bare, timeline, ...) so that both see the same machine load;
prints the median and the best of each and their ratio. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_159c5c82d0ea2de1.txt"


def timeline_command(text: Path, pub_date: str) -> list[str]:
    """The installed console script next to this interpreter, else ``python -m timeline``."""
    script = Path(sys.executable).with_name("timeline")
    head = [str(script)] if script.exists() else [sys.executable, "-m", "timeline"]
    return [*head, "build", str(text), "--pub-date", pub_date]


def bare_command(text: Path, model: str) -> list[str]:
    code = f"import {model}; nlp = {model}.load(); nlp(open({str(text)!r}, encoding='utf-8').read())"
    return [sys.executable, "-c", code]


def wall(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                          env={**os.environ, "COLUMNS": "100"})
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--text", type=Path, default=SEED)
    ap.add_argument("--pub-date", default="2024-03-19")
    args = ap.parse_args(argv)

    from timeline.nlp import load_pipeline

    model = load_pipeline().name  # the pipeline `timeline build` picks by default
    ours = timeline_command(args.text, args.pub_date)
    bare = bare_command(args.text, model)
    wall(bare)  # one unmeasured run of each: the file cache is warm for both
    wall(ours)
    t_bare: list[float] = []
    t_ours: list[float] = []
    for _ in range(args.runs):
        t_bare.append(wall(bare))
        t_ours.append(wall(ours))
    med_b, med_o = statistics.median(t_bare), statistics.median(t_ours)
    print(f"text: {args.text} ({len(args.text.read_text(encoding='utf-8').split())} words); {args.runs} runs each, alternating")
    print(f"bare spaCy ({model}: import, load, parse): median {med_b:.2f} s  best {min(t_bare):.2f} s")
    print(f"timeline build (whole process)        : median {med_o:.2f} s  best {min(t_ours):.2f} s")
    print(f"ratio timeline/bare: median {med_o / med_b:.2f}x  best {min(t_ours) / min(t_bare):.2f}x  (target <= 1.25x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
