"""TempEval-3 timex figures of the temporal tagger on the EventStoryLine corpus, split by topic folder.

ESC 1.5 (``../shared/corpora/esc-v1.5``) keeps its documents in topic folders ``1/``, ``3/``, ``12/`` ...
The odd-numbered topics are the development half (look at their errors), the even-numbered topics the held-out
half (report it, do not tune on it). Prints strict / relaxed / value / type F1 for all, odd and even topics.
The reading policies (date line, annotated sentences, empty values) are those of timeline.cat_xml.

    python scripts/eval_esc.py                      # raw gold values
    python scripts/eval_esc.py --normalise          # with the one gold rewrite of timeline.cat_xml (PRES_REF)
    python scripts/eval_esc.py --errors odd         # also list the errors of the odd (development) topics
    python scripts/eval_esc.py --dated              # only the documents with a publication date (DCT markable)

Equivalent to ``timeline eval --timex-only ../shared/corpora/esc-v1.5`` for the "all" row.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from timeline.api import times_only_timeline
from timeline.cat_xml import read_cat_xml
from timeline.evaluation import EvalReport, collect_gold_paths, evaluate_documents, system_pub_date
from timeline.temporal import TemporalTagger

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "corpora" / "esc-v1.5"


def _topic(path: Path, root: Path) -> int | None:
    first = path.relative_to(root).parts[0]
    return int(first) if first.isdigit() else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT), help="the esc-v1.5 folder")
    ap.add_argument("--normalise", action="store_true", help="apply timeline.cat_xml's gold normalisation")
    ap.add_argument("--errors", choices=("all", "odd", "even"), help="list the errors of these topics")
    ap.add_argument("--dated", action="store_true", help="only documents with a publication date")
    args = ap.parse_args()
    root = Path(args.corpus).resolve()
    paths = collect_gold_paths(root)
    golds = [read_cat_xml(p, normalise=args.normalise) for p in paths]
    if args.dated:
        golds = [g for g in golds if g.dct is not None]
    tagger = TemporalTagger()
    def system(text, dct):  # type: ignore[no-untyped-def]
        pub = system_pub_date(text, dct)
        return times_only_timeline(text, tagger.tag(text, pub), pub)

    report = evaluate_documents(golds, system, events=False)
    topic = {str(p): _topic(p, root) for p in paths}
    parts: dict[str, EvalReport] = {
        "all": report,
        "odd": report.select(lambda d: (topic.get(d.path or "") or 0) % 2 == 1),
        "even": report.select(lambda d: (topic.get(d.path or "") or 1) % 2 == 0),
    }
    print(f"ESC timex figures ({'normalised' if args.normalise else 'raw'} gold"
          f"{', documents with a publication date' if args.dated else ''}), F1 in %")
    print(f"{'topics':<8}{'docs':>6}{'gold':>6}{'strict':>8}{'relaxed':>9}{'value':>8}{'type':>8}")
    for name, r in parts.items():
        print(f"{name:<8}{r.n_docs:>6}{r.timex_strict.gold:>6}{100 * r.timex_strict.f1:>8.2f}"
              f"{100 * r.timex_relaxed.f1:>9.2f}{100 * r.timex_value.f1:>8.2f}{100 * r.timex_type.f1:>8.2f}")
    if args.errors:
        print(parts[args.errors].to_text(errors=True))


if __name__ == "__main__":
    main()
