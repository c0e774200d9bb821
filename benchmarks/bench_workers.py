"""Wall time of `timeline build DIR --format jsonl --workers N` for N = 1 and 2 (and the speed-up).

    python benchmarks/bench_workers.py [DIR] [--workers 1 2] [--limit N]

DIR defaults to ../shared/corpora/tbaq-cleaned/TimeBank. Each run is the real command in a
subprocess (pipeline loading included), output to a temporary file; the outputs of all runs
are compared (they must be identical: input order is kept). Prints figures; asserts nothing
about timings. "cores busy" (CPU seconds / wall seconds of the command and its workers) shows
how much parallelism a run got: on a machine shared with other jobs it stays low whatever N is.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "corpora" / "tbaq-cleaned" / "TimeBank"


def run(target: Path, workers: int, out: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (the command and its worker processes) and the exit code of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cmd = [sys.executable, "-m", "timeline", "build", str(target), "--format", "jsonl", "--workers", str(workers),
           "--quiet", "--output", str(out)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 7):
        sys.exit(f"--workers {workers} failed with exit {proc.returncode}:\n{proc.stderr}")
    return elapsed, cpu, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", default=str(DEFAULT))
    parser.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--limit", type=int, help="only the first N files (a quick run)")
    args = parser.parse_args()
    source = Path(args.dir).resolve()
    if not source.is_dir():
        sys.exit(f"{source}: not found (the shared corpora are not available)")
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as tmp:
        target = source
        if args.limit:
            target = Path(tmp) / "subset"
            target.mkdir()
            for f in sorted(source.glob("*.tml"))[: args.limit]:
                os.symlink(f, target / f.name)
        n_docs = len(list(target.glob("*.tml")))
        print(f"corpus: {source} ({n_docs} documents); machine: {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.2f} at start")
        times: dict[int, float] = {}
        digests: dict[int, str] = {}
        outputs: dict[int, list[bytes]] = {}
        for workers in args.workers:
            out = Path(tmp) / f"out-{workers}.jsonl"
            load = os.getloadavg()[0]
            elapsed, cpu, code = run(target, workers, out)
            data = out.read_bytes()
            outputs[workers] = data.splitlines()
            times[workers] = elapsed
            digests[workers] = hashlib.sha256(data).hexdigest()[:12]
            lines = data.count(b"\n")
            print(f"--workers {workers}: {elapsed:7.1f} s wall  {cpu:7.1f} s CPU  {cpu / elapsed:4.2f} cores busy  "
                  f"{n_docs / elapsed:6.2f} docs/s  {lines} lines  exit {code}  sha256 {digests[workers]}  "
                  f"(load average {load:.2f} before)")
        base = times.get(1)
        if base:
            for workers, elapsed in times.items():
                if workers != 1:
                    print(f"speed-up --workers {workers} vs 1: {base / elapsed:.2f}x")
        print("outputs identical:", len(set(digests.values())) == 1)
        first = next(iter(outputs.values()))
        for workers, lines in outputs.items():
            differ = sum(1 for a, b in zip(first, lines) if a != b) + abs(len(first) - len(lines))
            if differ:
                print(f"  --workers {workers}: {differ} document(s) differ (was the code changed during the run?)")
        print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
