"""Anchoring accuracy of the linker alone, on gold event and time spans (and gold values).

Separates the linker's quality from the tagger's and the event extractor's: gold EVENTs and
TIMEX3s are given, the linker (on the spaCy parse) chooses each event's anchor, and the
anchoring score of ``timeline eval`` is computed. Also prints the "nearest DATE/TIME in the same
sentence" baseline for calibration.

    python benchmarks/linking_gold.py ../shared/corpora/tbaq-cleaned [--cache DIR]

``--by-rule`` also breaks the linker's figures down by the rule that made each link (which strategy
fired for the events it got right and wrong).

``--end-to-end`` scores the whole pipeline instead (our own times, events and links, as
``timeline eval`` does), on the same cached parses: the fast loop for end-to-end anchoring.
``--events-model DIR`` takes the event weights from DIR (written by ``scripts/train_events.py --out DIR``),
e.g. trained on TimeBank only, for a held-out anchoring figure on AQUAINT:

    python scripts/train_events.py --train TimeBank --out /tmp/events-tb --cache DIR
    python benchmarks/linking_gold.py ../shared/corpora/tbaq-cleaned/AQUAINT --end-to-end --events-model /tmp/events-tb
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from spacy.tokens import Doc, DocBin

from timeline.evaluation import collect_gold_paths, score_document
from timeline.linking import Link, Linker
from timeline.models import AnchorKind, Relation, Timeline, TimexType
from timeline.nlp import load_pipeline
from timeline.ordering import make_entries
from timeline.timeml import ANCHORING_RELTYPES, event_time_links, gold_to_timeline, read_timeml


class NearestInSentence(Linker):
    """Baseline: the nearest DATE/TIME of the sentence by token distance, else the publication date."""

    def link(self, doc: Doc, events, times, *, has_pub_date: bool, **_) -> list[Link]:  # type: ignore[no-untyped-def,override]
        out = []
        spans = [(t, doc.char_span(t.start, t.end, alignment_mode="expand")) for t in times
                 if t.type in (TimexType.DATE, TimexType.TIME)]
        for ev in events:
            tok = doc.char_span(ev.start, ev.end, alignment_mode="expand")
            best = None
            if tok is not None:
                for t, s in spans:
                    if s is None or s.sent.start != tok.sent.start:
                        continue
                    d = abs(s.root.i - tok.root.i)
                    if best is None or d < best[0]:
                        best = (d, t)
            if best is not None:
                out.append(Link(ev.id, best[1].id, AnchorKind.TIME, Relation.ON, None, "nearest"))
            else:
                out.append(Link(ev.id, None, AnchorKind.PUB_DATE, Relation.ON, None, "pub_date"))
        return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", type=Path)
    ap.add_argument("--cache", type=Path, help="folder to keep parsed Docs between runs")
    ap.add_argument("--end-to-end", action="store_true",
                    help="our own times and events (as timeline eval), not gold spans")
    ap.add_argument("--events-model", type=Path, help="with --end-to-end: a directory of event weights")
    ap.add_argument("--by-rule", action="store_true", help="break the linker's gold-span figures down by rule")
    args = ap.parse_args()
    paths = collect_gold_paths(args.gold)
    golds = [read_timeml(p) for p in paths]
    pipe = load_pipeline(None)
    cache = args.cache / f"{args.gold.name}-{len(golds)}.spacy" if args.cache else None
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(pipe.nlp.vocab))
    else:
        t0 = time.perf_counter()
        docs = list(pipe.nlp.pipe(g.text for g in golds))
        print(f"parsed {len(docs)} docs in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            DocBin(store_user_data=False, docs=docs).to_disk(cache)
    if args.end_to_end:
        end_to_end(golds, docs, args.events_model)
        return
    for name, linker in (("nearest DATE/TIME in sentence", NearestInSentence()), ("timeline linker", Linker())):
        tot = {"time": [0, 0], "dct": [0, 0]}
        rules: dict[tuple[str, str], list[int]] = {}
        for gold, doc in zip(golds, docs):
            oracle = gold_to_timeline(gold)
            times = {t.id: t for t in oracle.times}
            links = linker.link(doc, oracle.events, oracle.times, has_pub_date=gold.dct is not None, pub_date=gold.dct)
            entries = make_entries(oracle.events, links, times, gold.dct, lead_end=0)
            system = Timeline(document=oracle.document, pipeline=oracle.pipeline, text=gold.text, times=oracle.times,
                              events=oracle.events, timeline=entries)
            res = score_document(gold, system)
            if args.by_rule and isinstance(linker, Linker) and not isinstance(linker, NearestInSentence):
                _tally_rules(gold, links, entries, rules)
            tot["time"][0] += res.anchor_time.correct
            tot["time"][1] += res.anchor_time.gold
            tot["dct"][0] += res.anchor_dct.correct
            tot["dct"][1] += res.anchor_dct.gold
        t, d = tot["time"], tot["dct"]
        print(f"{name:32s} explicit times {t[0]}/{t[1]} = {100 * t[0] / max(t[1], 1):.1f}%   "
              f"DCT {d[0]}/{d[1]} = {100 * d[0] / max(d[1], 1):.1f}%")
        for (category, rule), (ok, n) in sorted(rules.items(), key=lambda kv: (kv[0][0], -kv[1][1])):
            print(f"    {category:8s} {rule:30s} {ok:5d}/{n:<5d} right, {n - ok} wrong")


def _tally_rules(gold, links, entries, rules) -> None:  # type: ignore[no-untyped-def]
    """Per (category, rule): gold-anchored events whose entry has a wanted value, as in ``_score_anchoring``."""
    rule_of = {link.event_id: link.rule for link in links}
    value_of = {entry.event_id: entry.value for entry in entries}
    timexes = gold.timex_by_id()
    dct_values = {v for v in (gold.dct.isoformat() if gold.dct else None, gold.dct_value) if v}
    for eid, pairs in event_time_links(gold).items():
        if eid not in rule_of:
            continue
        anchors = [tid for rel, tid in pairs if rel in ANCHORING_RELTYPES]
        wanted_time = {timexes[t].value for t in anchors if t in timexes and not gold.is_dct(t)}
        wanted_dct = dct_values if any(gold.is_dct(t) for t in anchors) else set()
        for category, wanted in (("explicit", wanted_time), ("DCT", wanted_dct)):
            if wanted:
                tally = rules.setdefault((category, rule_of[eid]), [0, 0])
                tally[0] += value_of.get(eid) in wanted
                tally[1] += 1


def end_to_end(golds, docs, events_model: Path | None = None) -> None:  # type: ignore[no-untyped-def]
    """The anchoring, event and class figures of ``timeline eval`` on the cached parses."""
    from timeline.api import Extractor
    from timeline.evaluation import EvalReport
    from timeline.events import EventExtractor

    extractor = Extractor()
    if events_model is not None:
        extractor.events = EventExtractor(model_dir=events_model)
    results = []
    for gold, doc in zip(golds, docs):
        system = extractor.build_doc(doc, pub_date=gold.dct, regions=[(0, len(gold.text))])
        results.append(score_document(gold, system))
    report = EvalReport.from_documents(results, events=True)
    t, d = report.anchor_time, report.anchor_dct
    assert t is not None and d is not None and report.event_relaxed is not None and report.event_class is not None
    print(f"end to end: explicit times {t.correct}/{t.gold} = {100 * t.correct / max(t.gold, 1):.1f}%   "
          f"DCT {d.correct}/{d.gold} = {100 * d.correct / max(d.gold, 1):.1f}%   "
          f"event relaxed F1 {100 * report.event_relaxed.f1:.2f}  class F1 {100 * report.event_class.f1:.2f}")


if __name__ == "__main__":
    main()
