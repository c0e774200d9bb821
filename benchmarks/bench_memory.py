"""Peak memory (max resident set size) of ``timeline build`` on a large input (default 50 MB).

    python benchmarks/bench_memory.py [--size-mb 50] [--command build|tag] [--format json|table] [--model NAME] [--keep DIR]

The input is news text: the <TEXT> of the tbaq-cleaned TimeML documents (../shared/corpora), separated
by blank lines and repeated until the size is reached (the seed article when the corpus is absent).
It is written to a temporary folder (never into the repo), then one ``timeline`` process runs on it
with ``--output`` to a file; its peak RSS comes from ``wait4``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpora" / "tbaq-cleaned"
SEED = ROOT / "seeds" / "000_159c5c82d0ea2de1.txt"


def source_texts() -> list[str]:
    if CORPUS.exists():
        from timeline.timeml import read_timeml

        return [read_timeml(p).text.strip() for p in sorted(CORPUS.rglob("*.tml"))]
    return [SEED.read_text(encoding="utf-8").strip()]


def make_input(path: Path, size: int) -> int:
    """Write about ``size`` bytes of news text to ``path``; returns the number of words."""
    texts = source_texts()
    written = words = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            for text in texts:
                piece = text + "\n\n"
                out.write(piece)
                written += len(piece.encode("utf-8"))
                words += len(piece.split())
                if written >= size:
                    break
    return words


def run_measured(cmd: list[str]) -> tuple[int, float, int, str]:
    """Run ``cmd``; return (exit code, wall seconds, peak RSS in KiB, stderr tail)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, time.perf_counter() - t0, usage.ru_maxrss, err[-800:]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=float, default=50.0)
    ap.add_argument("--command", choices=("build", "tag"), default="build")
    ap.add_argument("--format", choices=("json", "table"), default="json")
    ap.add_argument("--pub-date", default="2024-03-19")
    ap.add_argument("--model", default=None, help="build: the spaCy pipeline ('blank': no parse, fast, for a quick "
                    "check of the memory of our own stages)")
    ap.add_argument("--keep", type=Path, default=None, help="write the input and output here instead of a temp folder")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="timeline-mem-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        src = folder / "big.txt"
        size = int(args.size_mb * 1_000_000)
        words = make_input(src, size)
        out = folder / f"big.{args.format}"
        script = Path(sys.executable).with_name("timeline")
        head = [str(script)] if script.exists() else [sys.executable, "-m", "timeline"]
        cmd = [*head, args.command, str(src), "--pub-date", args.pub_date, "--format", args.format,
               "--output", str(out), "--quiet"]
        if args.model and args.command == "build":
            cmd += ["--model", args.model]
        code, seconds, rss_kib, err = run_measured(cmd)
        print(f"input: {src.stat().st_size / 1e6:.1f} MB, {words:,} words")
        model = f" --model {args.model}" if args.model and args.command == "build" else ""
        print(f"command: timeline {args.command} --format {args.format}{model} --output FILE (exit {code})")
        if code != 0:
            print(f"stderr: {err}")
        print(f"wall time: {seconds:.1f} s  ({words / seconds:,.0f} words/s)")
        print(f"peak RSS : {rss_kib / 1024:.0f} MiB  (target <= 600 MB)")
        if out.exists():
            print(f"output   : {out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
