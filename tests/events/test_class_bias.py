"""Table-driven tests of the class model's tuned label bias (``class_bias`` in the weight file's meta) and of
the seed-averaged class perceptron of scripts/train_events.py."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from timeline.events.model import TriggerModel

LABELS = ["O", "OCCURRENCE", "REPORTING", "I_ACTION"]
# "say" leans REPORTING by 1.0 over OCCURRENCE, "seek" I_ACTION by 0.5, "walk" OCCURRENCE by 2.0
WEIGHTS = {
    "b": [0.0, 0.0, 0.0, 0.0],
    "l=say": [-1.0, 1.0, 2.0, 0.0],
    "l=seek": [-1.0, 1.0, 0.0, 1.5],
    "l=walk": [3.0, 2.0, 0.0, 0.0],
}
FEATS = [["b", "l=say"], ["b", "l=seek"], ["b", "l=walk"], ["b", "l=unknown"]]

CASES: list[dict[str, Any]] = [
    {"id": "no-bias", "meta": {}, "class": ["REPORTING", "I_ACTION", "OCCURRENCE", "OCCURRENCE"],
     "predict": ["REPORTING", "I_ACTION", "O", "O"]},
    {"id": "margin-flips-close-call", "meta": {"class_bias": {"OCCURRENCE": 0.75}},
     "class": ["REPORTING", "OCCURRENCE", "OCCURRENCE", "OCCURRENCE"],
     "predict": ["REPORTING", "OCCURRENCE", "O", "OCCURRENCE"]},
    {"id": "large-margin", "meta": {"class_bias": {"OCCURRENCE": 1.5}},
     "class": ["OCCURRENCE", "OCCURRENCE", "OCCURRENCE", "OCCURRENCE"],
     "predict": ["OCCURRENCE", "OCCURRENCE", "OCCURRENCE", "OCCURRENCE"]},  # a bias moves the "O" call too
    {"id": "negative-margin", "meta": {"class_bias": {"OCCURRENCE": -1.0}},
     "class": ["REPORTING", "I_ACTION", "OCCURRENCE", "REPORTING"],
     "predict": ["REPORTING", "I_ACTION", "O", "O"]},
    {"id": "unknown-label-ignored", "meta": {"class_bias": {"STATE": 5.0}},
     "class": ["REPORTING", "I_ACTION", "OCCURRENCE", "OCCURRENCE"],
     "predict": ["REPORTING", "I_ACTION", "O", "O"]},
    {"id": "not-a-mapping-ignored", "meta": {"class_bias": [1.0, 2.0]},
     "class": ["REPORTING", "I_ACTION", "OCCURRENCE", "OCCURRENCE"],
     "predict": ["REPORTING", "I_ACTION", "O", "O"]},
    {"id": "non-numeric-ignored", "meta": {"class_bias": {"OCCURRENCE": "big"}},
     "class": ["REPORTING", "I_ACTION", "OCCURRENCE", "OCCURRENCE"],
     "predict": ["REPORTING", "I_ACTION", "O", "O"]},
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_class_bias(case: dict[str, Any]) -> None:
    model = TriggerModel(LABELS, WEIGHTS, case["meta"])
    assert model.predict_class(FEATS) == case["class"]
    assert model.predict(FEATS) == case["predict"]


def test_class_bias_from_file(tmp_path: Path) -> None:
    path = tmp_path / "model_class.json"
    import json

    path.write_text(json.dumps({"labels": LABELS, "weights": WEIGHTS, "class_bias": {"OCCURRENCE": 0.75}}))
    model = TriggerModel.load("class", path)
    assert model is not None
    assert model.predict_class(FEATS) == CASES[1]["class"]


def test_packaged_class_bias_is_known_labels() -> None:
    model = TriggerModel.load("class")
    assert model is not None
    bias = model.meta.get("class_bias", {})
    assert isinstance(bias, dict)
    assert set(bias) <= set(model.labels[1:])


def _train_script() -> Any:
    path = Path(__file__).resolve().parents[2] / "scripts" / "train_events.py"
    spec = importlib.util.spec_from_file_location("train_events_for_tests", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


TRAIN = [["b", "l=say", "ck=ccomp"], ["b", "l=seek", "ck=xcomp"], ["b", "l=walk"], ["b", "l=say"], ["b", "l=walk", "ck=xcomp"]]
TRAIN_Y = ["REPORTING", "I_ACTION", "OCCURRENCE", "REPORTING", "OCCURRENCE"]


def test_train_class_is_the_mean_of_the_seeded_perceptrons(capsys: pytest.CaptureFixture[str]) -> None:
    te = _train_script()
    mean = te.train_class(TRAIN, TRAIN_Y)
    assert mean == te.train_class(TRAIN, TRAIN_Y)  # deterministic
    runs = [te.train(TRAIN, TRAIN_Y, epochs=te.CLASS_EPOCHS, min_count=1, seed=s) for s in te.CLASS_SEEDS]
    zero = [0.0] * len(te.LABELS)
    for f, row in mean.items():
        expect = [sum(r.get(f, zero)[k] for r in runs) / len(runs) for k in range(len(te.LABELS))]
        assert row == pytest.approx(expect, abs=2e-3)
    assert next(iter(mean)) == "b"
    model = TriggerModel(te.LABELS, mean, {})
    assert model.predict_class(TRAIN) == TRAIN_Y


@pytest.mark.parametrize(("feature_set", "seeds_attr"), [("parsed", "DETECT_SEEDS"), ("surface", None)])
def test_train_detection_seeds(feature_set: str, seeds_attr: str | None) -> None:
    te = _train_script()
    xs = TRAIN + [["b", "w=the"], ["b", "w=of"]]
    ys = TRAIN_Y + ["O", "O"]
    got = te.train_detection(xs, ys, feature_set, epochs=3, min_count=1)
    seeds = getattr(te, seeds_attr) if seeds_attr else (13,)
    assert got == te.train_mean(xs, ys, epochs=3, min_count=1, seeds=seeds)
    if seeds_attr is None:
        assert got == te.train(xs, ys, epochs=3, min_count=1, seed=13)
