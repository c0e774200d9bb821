"""Train the temporal tagger's direction model (past or future occurrence of a bare weekday / month / "month day" /
season / quarter) from tbaq-cleaned and write timeline/temporal/resources/direction.json.

Training data: every underspecified date the tagger resolves by direction, with two distinct candidate values (the
occurrence on or before the publication date, the one after it). Its label is whichever of the two the gold TIMEX3
overlapping it carries; cases where the gold has neither (other conventions, annotation noise) are left out.
The model is an L2-regularised logistic regression over the binary features of timeline.temporal.direction, fitted
by full-batch gradient descent (deterministic; pure Python).

    python scripts/train_temporal.py                                 # train on all of tbaq, write the shipped model
    python scripts/train_temporal.py --train TimeBank --eval AQUAINT --out /tmp/direction.json   # held-out figures

The held-out figures are the decision accuracy (learned vs hand rules) on --eval and the TempEval-3 timex value F1
of the whole tagger on --eval with the hand rules alone and with the learned model.
Reads ../shared/corpora/tbaq-cleaned relative to the repository.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Iterator
from pathlib import Path

from timeline.api import times_only_timeline
from timeline.evaluation import evaluate_documents
from timeline.temporal import TemporalTagger
from timeline.temporal.candidate import Candidate
from timeline.temporal.direction import MODEL_FILE, DirectionModel
from timeline.timeml import GoldDocument, read_timeml

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpora" / "tbaq-cleaned"
OUT = REPO / "timeline" / "temporal" / "resources" / MODEL_FILE
Example = tuple[list[str], int]


def documents(parts: list[str]) -> list[GoldDocument]:
    docs: list[GoldDocument] = []
    for part in parts:
        folder = CORPUS / part
        if not folder.is_dir():
            sys.exit(f"no corpus at {folder}")
        docs.extend(read_timeml(p) for p in sorted(folder.glob("*.tml")))
    return docs


def examples(docs: list[GoldDocument]) -> Iterator[tuple[Example, int]]:
    """((features, label 1 = future), hand-rule label) for every learnable decision with a gold value."""
    tagger = TemporalTagger(learned_direction=False)
    for doc in docs:
        seen: dict[int, tuple[list[str], str, str]] = {}

        def record(c: Candidate, feats: list[str], past: str, future: str) -> None:
            seen.setdefault(c.start, (feats, past, future))

        tagger.recorder = record
        times = tagger.tag(doc.text, doc.dct)
        by_start = {t.start: t for t in times}
        for start, (feats, past, future) in seen.items():
            t = by_start.get(start)
            gold = next((g for g in doc.timexes if t is not None and g.start < t.end and t.start < g.end), None)
            if gold is None or t is None:
                continue
            if gold.value == future:
                label = 1
            elif gold.value == past:
                label = 0
            else:
                continue
            yield (feats, label), int(t.value == future)
    tagger.recorder = None


def train(data: list[Example], *, l2: float, epochs: int, rate: float) -> DirectionModel:
    """Full-batch gradient descent with AdaGrad step sizes on the mean log loss + l2/2 |w|^2."""
    w: dict[str, float] = {}
    g2: dict[str, float] = {}
    bias, b2 = 0.0, 1e-8
    n = len(data)
    for _ in range(epochs):
        grad: dict[str, float] = {}
        gb = 0.0
        for feats, y in data:
            s = bias + sum(w.get(f, 0.0) for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, s))))
            d = (p - y) / n
            gb += d
            for f in feats:
                grad[f] = grad.get(f, 0.0) + d
        for f, v in w.items():
            grad[f] = grad.get(f, 0.0) + l2 * v
        for f, gv in grad.items():
            g2[f] = g2.get(f, 1e-8) + gv * gv
            w[f] = w.get(f, 0.0) - rate * gv / math.sqrt(g2[f])
        b2 += gb * gb
        bias -= rate * gb / math.sqrt(b2)
    return DirectionModel(weights=w, bias=bias)


def accuracy(model: DirectionModel, data: list[tuple[Example, int]]) -> tuple[float, float]:
    learned = sum(int((model.score(f) > 0) == bool(y)) for (f, y), _ in data)
    hand = sum(int(h == y) for (_, y), h in data)
    return learned / max(1, len(data)), hand / max(1, len(data))


def value_f1(docs: list[GoldDocument], model: DirectionModel | None) -> float:
    tagger = TemporalTagger(learned_direction=False)
    tagger.direction_model = model

    def system(text, dct):  # type: ignore[no-untyped-def]
        return times_only_timeline(text, tagger.tag(text, dct), dct)

    return evaluate_documents(docs, system, events=False).timex_value.f1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", nargs="+", default=["TimeBank", "AQUAINT"])
    ap.add_argument("--eval", nargs="*", default=[])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--rate", type=float, default=0.5)
    args = ap.parse_args(argv)

    train_docs = documents(args.train)
    train_data = list(examples(train_docs))
    ys = [y for (_, y), _ in train_data]
    print(f"train {'+'.join(args.train)}: {len(train_docs)} docs, {len(ys)} decisions ({sum(ys)} future)")
    model = train([e for e, _ in train_data], l2=args.l2, epochs=args.epochs, rate=args.rate)
    model.info = {"trained_on": "tbaq-cleaned/" + "+".join(args.train), "decisions": len(ys), "future": sum(ys),
                  "l2": args.l2, "epochs": args.epochs, "rate": args.rate,
                  "script": "scripts/train_temporal.py"}
    acc, hand = accuracy(model, train_data)
    print(f"  train decision accuracy: learned {100 * acc:.2f}%  hand rules {100 * hand:.2f}%")
    if args.eval:
        eval_docs = documents(args.eval)
        eval_data = list(examples(eval_docs))
        acc, hand = accuracy(model, eval_data)
        print(f"eval {'+'.join(args.eval)}: {len(eval_docs)} docs, {len(eval_data)} decisions")
        print(f"  held-out decision accuracy: learned {100 * acc:.2f}%  hand rules {100 * hand:.2f}%")
        print(f"  timex value F1: hand rules {100 * value_f1(eval_docs, None):.2f}  learned {100 * value_f1(eval_docs, model):.2f}")
    args.out.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {args.out} ({len(model.weights)} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
