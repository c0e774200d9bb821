"""Train the event-trigger classifiers (averaged perceptron) from TBAQ-cleaned and write their weights.

Deterministic: files are read in sorted order, the shuffle uses a fixed seed, weights are rounded.

    python scripts/train_events.py                      # train on TimeBank + AQUAINT (the shipped model)
    python scripts/train_events.py --train TimeBank --eval AQUAINT --out /tmp/events-model
    python scripts/train_events.py --cache /tmp/tbaq-docs   # keep parsed Docs between runs
    python scripts/train_events.py --cv 5 --cache /tmp/tbaq-docs   # 5-fold CV by document over all of tbaq

Held-out (--eval) and CV figures are document-level TempEval-3 event figures of the real EventExtractor
(strict / relaxed extent, class = relaxed match with the same class, micro-averaged).

Reads ../shared/corpora/tbaq-cleaned relative to the repository.
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
    class_features,
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
CLASS_EPOCHS = 3
CLASS_SEEDS = (13, 14, 15, 16, 17)  # the class model averages perceptrons trained on these shuffles
DETECT_SEEDS = (13, 14, 15, 16, 17)  # and so does the parsed trigger model
CLASS_BIAS_LABEL = "OCCURRENCE"  # the default class: tune_class_bias gives it a margin in close calls
CLASS_BIAS_GRID = [k / 2 for k in range(-4, 13)]
OFFSET_SLACK = 0.5  # F1 points given up for recall when the no-event offset is tuned (see tune_offset)
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


def train_mean(
    feats: list[list[str]], ys: list[str], *, epochs: int, min_count: int, seeds: tuple[int, ...],
) -> dict[str, list[float]]:
    """The mean of averaged perceptrons trained on the shuffles of ``seeds``.

    A linear model still (one weight row per feature), so inference costs the same as a single perceptron;
    the mean is less tied to one order of the training data."""
    runs = [train(feats, ys, epochs=epochs, min_count=min_count, seed=seed) for seed in seeds]
    if len(runs) == 1:
        return runs[0]
    zero = [0.0] * len(LABELS)
    out: dict[str, list[float]] = {}
    for f in sorted({f for run in runs for f in run}, key=lambda f: (f != "b", f)):
        row = [round(sum(run.get(f, zero)[k] for run in runs) / len(runs), 3) for k in range(len(LABELS))]
        if f == "b" or max(abs(v) for v in row) >= 0.01:
            out[f] = row
    return out


def train_class(feats: list[list[str]], ys: list[str]) -> dict[str, list[float]]:
    """The class model: the mean of averaged perceptrons trained on ``CLASS_SEEDS`` shuffles of the gold events."""
    return train_mean(feats, ys, epochs=CLASS_EPOCHS, min_count=1, seeds=CLASS_SEEDS)


def train_detection(
    feats: list[list[str]], ys: list[str], feature_set: str, *, epochs: int, min_count: int
) -> dict[str, list[float]]:
    """The trigger model of a feature set: with "parsed" the mean over ``DETECT_SEEDS`` shuffles, else seed 13."""
    seeds = DETECT_SEEDS if feature_set == "parsed" else (13,)
    return train_mean(feats, ys, epochs=epochs, min_count=min_count, seeds=seeds)


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
    lexicon: Lexicon, *, epochs: int, min_count: int, class_bias: dict[str, float] | None = None,
) -> float:
    """Hold out every 5th training document, train on the rest, pick the no-event offset by F1.

    With the parsed feature set the criterion is class F1 (the class coming from a class model trained on the
    same documents): a marginal trigger whose class is likely wrong is not worth keeping. Otherwise detection F1.
    The F1 curve is flat over a wide range of offsets; within ``OFFSET_SLACK`` points of the best F1 the largest
    offset (the most recall) is taken, because an event that is not found cannot be anchored or shown at all.
    """
    fit: tuple[list[GoldDocument], list[Doc]] = ([], [])
    dev: tuple[list[GoldDocument], list[Doc]] = ([], [])
    for s in train_sets:
        for k, (g, d) in enumerate(zip(*data[s])):
            target = dev if k % 5 == 4 else fit
            target[0].append(g)
            target[1].append(d)
    fit_x, fit_y, _ = instances(*fit, feature_set, lexicon)
    dev_x, dev_y, missed = instances(*dev, feature_set, lexicon)
    weights = train_detection(fit_x, fit_y, feature_set, epochs=epochs, min_count=min_count)
    classes: list[str] | None = None
    if feature_set == "parsed":
        from timeline.events.model import TriggerModel

        cx, cy = class_instances(*fit, lexicon)
        class_model = TriggerModel(LABELS, train_class(cx, cy),
                                   {"class_bias": class_bias or {}})
        classes = class_model.predict_class(dev_class_features(dev, dev_x, lexicon))
    grid = [float(k) for k in range(0, 10)] + [float(k) for k in range(10, 41, 2)]
    scores: dict[float, float] = {}
    for off in grid:
        preds = predict(weights, dev_x, off)
        if classes is not None:
            preds = [c if p != NO_EVENT else p for p, c in zip(preds, classes)]
        scores[off] = class_f1(dev_y, preds, missed) if classes is not None else detection_f1(dev_y, preds)
    top = max(scores.values())
    best = max(off for off in grid if scores[off] >= top - OFFSET_SLACK / 100)
    measure = "class F1" if classes is not None else "detection F1"
    print(f"  offset tuning ({measure}) on held-out training docs: " + ", ".join(f"{o}:{100 * v:.1f}" for o, v in scores.items()),
          file=sys.stderr)
    return best


def tune_class_bias(
    data: dict[str, tuple[list[GoldDocument], list[Doc]]], train_sets: list[str], lexicon: Lexicon, *, folds: int = 5,
) -> dict[str, float]:
    """The margin of the default class (OCCURRENCE) in the class model, by class accuracy on held-out training docs.

    K-fold by document over the training documents (document k to fold k mod K): a class model trained on the
    other folds scores the gold events of each fold; the margin added to the OCCURRENCE score that classifies
    most of them right is kept (ties: the smallest). The perceptron fits the rarer classes of its training words
    closely; on unseen documents a close call is more often the default class."""
    from timeline.events.model import TriggerModel

    per_doc = [class_instances([g], [d], lexicon) for s in train_sets for g, d in zip(*data[s])]
    scores: list[np.ndarray] = []
    gold: list[int] = []
    for k in range(folds):
        cx = [f for j, (fs, _) in enumerate(per_doc) if j % folds != k for f in fs]
        cy = [y for j, (_, ys) in enumerate(per_doc) if j % folds != k for y in ys]
        hx = [f for j, (fs, _) in enumerate(per_doc) if j % folds == k for f in fs]
        hy = [y for j, (_, ys) in enumerate(per_doc) if j % folds == k for y in ys]
        s = TriggerModel(LABELS, train_class(cx, cy), {})._scores(hx)
        if s is not None:
            scores.append(s[:, 1:])
            gold += [LABELS.index(y) - 1 for y in hy]
    if not scores:
        return {}
    stacked, truth = np.vstack(scores), np.array(gold)
    col = LABELS.index(CLASS_BIAS_LABEL) - 1
    accuracy: dict[float, float] = {}
    for margin in CLASS_BIAS_GRID:
        shifted = stacked.copy()
        shifted[:, col] += margin
        accuracy[margin] = float((shifted.argmax(axis=1) == truth).mean())
    top = max(accuracy.values())
    best = min((abs(m), m) for m in CLASS_BIAS_GRID if accuracy[m] >= top)[1]
    print(f"  {CLASS_BIAS_LABEL} margin (class accuracy) on held-out training docs: "
          + ", ".join(f"{m}:{100 * a:.2f}" for m, a in accuracy.items()), file=sys.stderr)
    return {CLASS_BIAS_LABEL: best} if best else {}


def dev_class_features(dev: tuple[list[GoldDocument], list[Doc]], dev_x: list[list[str]], lexicon: Lexicon) -> list[list[str]]:
    """Class-model features of every parsed candidate of the dev documents (in the order of ``instances``)."""
    out: list[list[str]] = []
    k = 0
    for doc in dev[1]:
        cols = DocColumns.of(doc)
        cands = parsed_candidates(cols, [True] * len(doc))
        out += class_features(cols, cands, lexicon, dev_x[k : k + len(cands)])
        k += len(cands)
    return out


def class_f1(ys: list[str], preds: list[str], missed: int) -> float:
    cls = sum(1 for g, p in zip(ys, preds) if g != NO_EVENT and g == p)
    ns = sum(1 for p in preds if p != NO_EVENT)
    ng = sum(1 for g in ys if g != NO_EVENT) + missed
    return 2 * cls / max(ns + ng, 1)


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


def fit_and_write(
    data: dict[str, tuple[list[GoldDocument], list[Doc]]], train_sets: list[str], out_dir: Path, feature_sets: list[str],
    lexicon: Lexicon, *, epochs: int, min_count: int, tune: bool, eval_set: str = "",
) -> None:
    """Train the detection model of each feature set (and the class model with "parsed"); write them to out_dir."""
    for feature_set in feature_sets:
        t0 = time.perf_counter()
        feats: list[list[str]] = []
        ys: list[str] = []
        for s in train_sets:
            f, y, _ = instances(*data[s], feature_set, lexicon)
            feats += f
            ys += y
        weights = train_detection(feats, ys, feature_set, epochs=epochs, min_count=min_count)
        class_bias = tune_class_bias(data, train_sets, lexicon) if tune and feature_set == "parsed" else {}
        offset = (tune_offset(data, train_sets, feature_set, lexicon, epochs=epochs, min_count=min_count,
                              class_bias=class_bias) if tune else 0.0)
        out = _model_path(out_dir, feature_set)
        out.parent.mkdir(parents=True, exist_ok=True)
        payload: dict[str, object] = {
            "model": "averaged perceptron over token features",
            "feature_set": feature_set,
            "trained_on": [f"tbaq-cleaned/{s}" for s in train_sets],
            "epochs": epochs,
            "min_count": min_count,
            "no_event_offset": offset,
            "labels": LABELS,
            "weights": weights,
        }
        out.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"{feature_set}: {len(weights)} features, no-event offset {offset} -> {out} "
              f"({out.stat().st_size // 1024} KiB, {time.perf_counter() - t0:.1f}s)")
        if eval_set:
            f, y, missed = instances(*data[eval_set], feature_set, lexicon)
            report(f"{feature_set} on {eval_set} (offset {offset})", y, predict(weights, f, offset), missed)
        if feature_set == "parsed":
            cf: list[list[str]] = []
            cy: list[str] = []
            for s in train_sets:
                f, y = class_instances(*data[s], lexicon)
                cf += f
                cy += y
            class_weights = train_class(cf, cy)
            out = _model_path(out_dir, "class")
            payload.update(model="averaged perceptron over token features (class of detected events)",
                           feature_set="class", epochs=CLASS_EPOCHS, min_count=1, no_event_offset=0.0,
                           class_bias=class_bias, weights=class_weights)
            out.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
            print(f"class: {len(class_weights)} features, class bias {class_bias} -> {out} "
                  f"({out.stat().st_size // 1024} KiB)")


def _model_path(out_dir: Path, name: str) -> Path:
    return out_dir / MODEL_FILES[name] if out_dir.name == "events" else out_dir / Path(MODEL_FILES[name]).name


def class_instances(golds: list[GoldDocument], docs: list[Doc], lexicon: Lexicon) -> tuple[list[list[str]], list[str]]:
    """The gold events that are candidates, with the class model's features: the training data of the class model."""
    feats: list[list[str]] = []
    ys: list[str] = []
    for gold, doc in zip(golds, docs):
        labels = token_labels(gold, doc)
        cols = DocColumns.of(doc)
        chosen = set(parsed_candidates(cols, [True] * len(doc)))
        events = [i for i, y in enumerate(labels) if y != NO_EVENT and i in chosen]
        feats += class_features(cols, events, lexicon)
        ys += [labels[i] for i in events]
    return feats, ys


def document_scores(golds: list[GoldDocument], docs: list[Doc], model_dir: Path) -> dict[str, list[int]]:
    """TempEval-3 event figures of the EventExtractor with the models in model_dir: [tp, system, gold] per measure."""
    from timeline.evaluation import align
    from timeline.events import EventExtractor

    extractor = EventExtractor(model_dir=model_dir)
    out = {"strict": [0, 0, 0], "relaxed": [0, 0, 0], "class": [0, 0, 0]}
    for gold, doc in zip(golds, docs):
        events = extractor.extract(doc)
        match = align(gold.events, events)
        exact = Counter((e.start, e.end) for e in gold.events) & Counter((e.start, e.end) for e in events)
        tps = {
            "strict": sum(exact.values()),
            "relaxed": len(match),
            "class": sum(1 for g, s in match.items() if gold.events[g].event_class.upper() == str(events[s].event_class)),
        }
        for name, tp in tps.items():
            out[name][0] += tp
            out[name][1] += len(events)
            out[name][2] += len(gold.events)
    return out


def print_scores(name: str, scores: dict[str, list[int]]) -> None:
    parts = []
    for measure, (tp, ns, ng) in scores.items():
        p, r = tp / max(ns, 1), tp / max(ng, 1)
        parts.append(f"{measure} P={100 * p:.2f} R={100 * r:.2f} F1={100 * 2 * p * r / max(p + r, 1e-9):.2f}")
    print(f"{name}: " + "; ".join(parts))


def cross_validate(
    data: dict[str, tuple[list[GoldDocument], list[Doc]]], train_sets: list[str], folds: int, lexicon: Lexicon,
    *, epochs: int, min_count: int, tune: bool,
) -> None:
    """K-fold cross-validation by document: document k (in sorted subset/file order) goes to fold k mod K.
    Every fold trains on the others only (offset tuning included) and is scored with the real extractor."""
    import tempfile

    pairs = [(g, d) for s in train_sets for g, d in zip(*data[s])]
    total = {"strict": [0, 0, 0], "relaxed": [0, 0, 0], "class": [0, 0, 0]}
    for k in range(folds):
        test = [p for j, p in enumerate(pairs) if j % folds == k]
        fold_data = {"fold": ([p[0] for j, p in enumerate(pairs) if j % folds != k],
                              [p[1] for j, p in enumerate(pairs) if j % folds != k])}
        with tempfile.TemporaryDirectory() as tmp:
            fit_and_write(fold_data, ["fold"], Path(tmp), ["parsed"], lexicon, epochs=epochs, min_count=min_count,
                          tune=tune)
            scores = document_scores([p[0] for p in test], [p[1] for p in test], Path(tmp))
        print_scores(f"fold {k + 1}/{folds} ({len(test)} docs)", scores)
        for m, v in scores.items():
            total[m] = [a + b for a, b in zip(total[m], v)]
    print_scores(f"{folds}-fold CV by document over {'+'.join(train_sets)} (micro)", total)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", default="TimeBank,AQUAINT", help="comma-separated subsets of tbaq-cleaned")
    parser.add_argument("--eval", default="", help="held-out subset to report token- and document-level figures on")
    parser.add_argument("--cv", type=int, default=0, help="K-fold cross-validation by document over --train (writes nothing)")
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
    from timeline.nlp import load_pipeline

    loaded = load_pipeline(None)  # the pipeline the product parses with (its sentence rules included)
    if loaded.degraded:
        print("no trained English spaCy pipeline installed", file=sys.stderr)
        return 2
    nlp = loaded.nlp
    lexicon = load_lexicon()
    train_sets = [s for s in args.train.split(",") if s]
    data = {s: load_docs(nlp, s, args.cache) for s in train_sets + ([args.eval] if args.eval else [])}
    if args.cv:
        cross_validate(data, train_sets, args.cv, lexicon, epochs=args.epochs, min_count=args.min_count,
                       tune=not args.no_tune)
        return 0
    feature_sets = [f for f in args.feature_sets.split(",") if f]
    fit_and_write(data, train_sets, args.out, feature_sets, lexicon, epochs=args.epochs, min_count=args.min_count,
                  tune=not args.no_tune, eval_set=args.eval)
    if args.eval and "parsed" in feature_sets:
        print_scores(f"EventExtractor on {args.eval} (held out)", document_scores(*data[args.eval], args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
