"""A research script: build the timelines of a folder of articles (or the seed) and count entries by month.

    python examples/research_script.py [FOLDER_OR_FILE ...] [--pub-date YYYY-MM-DD]

Uses the library (no CLI): ``collect_sources`` lists the documents, ``run_batch`` builds them in
input order, each with its own publication date (from its metadata or text unless --pub-date).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import sys
from pathlib import Path

from timeline.batch import BuildOptions, run_batch
from timeline.errors import TimelineError
from timeline.sources import collect_sources

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_159c5c82d0ea2de1.txt"
SEED_PUB_DATE = dt.date(2024, 3, 19)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", help="files or folders (default: the seed article)")
    parser.add_argument("--pub-date", type=dt.date.fromisoformat, default=None,
                        help="wins over every document's own date (default: each document's own; the seed, which "
                             "states none, gets its publication day 2024-03-19)")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    pub_date = args.pub_date
    if not args.paths:
        args.paths = [str(SEED)]
        pub_date = pub_date or SEED_PUB_DATE
    by_month: collections.Counter[str] = collections.Counter()
    for outcome in run_batch(collect_sources(args.paths), BuildOptions(pub_date=pub_date), workers=args.workers):
        if outcome.timeline is None:
            print(f"skipped {outcome.source}: {outcome.error}", file=sys.stderr)
            continue
        tl = outcome.timeline
        events = {e.id: e for e in tl.events}
        print(f"\n{outcome.source} (published {tl.document.pub_date}, from {tl.document.pub_date_source})")
        for entry in tl.timeline:
            if entry.selected:
                print(f"  {entry.display:<20} {events[entry.event_id].description}")
            if entry.sort_date is not None:
                by_month[entry.sort_date.strftime("%Y-%m")] += 1
    print("\nentries by month:", dict(sorted(by_month.items())))


if __name__ == "__main__":
    try:
        main()
    except TimelineError as exc:  # a missing path, a folder without articles, no spaCy pipeline ...
        sys.exit(f"error: {exc}")
