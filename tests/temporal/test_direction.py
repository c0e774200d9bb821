"""The learned-direction hook: a model's decision replaces the hand rule's past/future choice; bad model data raises."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from timeline.errors import RuleFileError
from timeline.temporal import TemporalTagger
from timeline.temporal.candidate import Candidate
from timeline.temporal.direction import DirectionModel

DATA = yaml.safe_load((Path(__file__).resolve().parent / "fixtures" / "direction_model.yaml").read_text(encoding="utf-8"))
REFERENCE = dt.date.fromisoformat(DATA["reference"])
_TAGGER = TemporalTagger(learned_direction=False)


@pytest.mark.parametrize("case", DATA["cases"], ids=[c["why"] for c in DATA["cases"]])
def test_model_decides(case: dict[str, Any]) -> None:
    _TAGGER.direction_model = None if case["model"] is None else DirectionModel.from_json(json.dumps(case["model"]))
    try:
        times = _TAGGER.tag(case["text"], REFERENCE)
    finally:
        _TAGGER.direction_model = None
    assert [t.value for t in times] == [case["value"]]


@pytest.mark.parametrize("text", DATA["broken"])
def test_broken_model(text: str) -> None:
    with pytest.raises(RuleFileError):
        DirectionModel.from_json(text)


@pytest.mark.parametrize("case", DATA["cases"][:1], ids=["recorder"])
def test_recorder_sees_both_values(case: dict[str, Any]) -> None:
    seen: list[tuple[str, str, str]] = []

    def record(c: Candidate, feats: list[str], past: str, future: str) -> None:
        assert "hand=-" in feats
        seen.append((case["text"][c.start : c.end], past, future))

    _TAGGER.recorder = record
    try:
        _TAGGER.tag(case["text"], REFERENCE)
    finally:
        _TAGGER.recorder = None
    assert seen == [("Tuesday", "2024-02-13", "2024-02-20")]


def test_round_trip() -> None:
    model = DirectionModel(weights={"hand=+": 1.5, "kind=weekday": -0.25}, bias=0.1, info={"trained_on": "test"})
    again = DirectionModel.from_json(model.to_json())
    assert (again.weights, again.bias, again.info) == (model.weights, model.bias, model.info)
