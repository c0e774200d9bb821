"""The Python API raises the typed errors of timeline.errors (README, "Python API"), never a bare exception,
and prints nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import timeline
from timeline import InputError, InvalidDateError, ModelLoadError, TimelineError

TEXT = "It happened yesterday. It will happen tomorrow, next year and next century."

CASES: list[tuple[str, str, dict[str, Any], type[TimelineError], str]] = [
    # (id, method, keyword arguments, error, words in the message)
    ("build-bytes", "build", {"text": b"bytes"}, InputError, "must be a str"),
    ("tag-none", "tag", {"text": None}, InputError, "must be a str"),
    ("build-bad-date", "build", {"text": TEXT, "pub_date": "2024-02-30"}, InvalidDateError, "day is out of range"),
    ("build-date-as-int", "build", {"text": TEXT, "pub_date": 20240319}, InvalidDateError, "YYYY-MM-DD"),
    ("tag-bad-date", "tag", {"text": TEXT, "pub_date": "19/03/2024"}, InvalidDateError, "YYYY-MM-DD"),
    ("build-past-9999", "build", {"text": TEXT, "pub_date": "9999-12-31"}, InputError, "years 1-9999"),
    ("build-before-year-1", "build", {"text": TEXT, "pub_date": dt.date(1, 1, 1)}, InputError, "years 1-9999"),
    ("stream-past-9999", "build_stream", {"text": TEXT, "pub_date": "9999-12-31"}, InputError, "years 1-9999"),
    ("tag-past-9999", "tag", {"text": TEXT, "pub_date": "9999-12-31"}, InputError, "years 1-9999"),
]


@pytest.mark.parametrize(("method", "kwargs", "error", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_typed_errors(method: str, kwargs: dict[str, Any], error: type[TimelineError], words: str,
                      blank_extractor: Any, capfd: pytest.CaptureFixture[str]) -> None:
    kwargs = dict(kwargs)
    text = kwargs.pop("text")
    with pytest.raises(error, match=words):
        getattr(blank_extractor, method)(text, **kwargs)
    assert capfd.readouterr() == ("", ""), "the library prints nothing"


def test_unknown_pipeline_is_a_model_load_error() -> None:
    with pytest.raises(ModelLoadError, match="no_such_pipeline_xyz"):
        timeline.Extractor("no_such_pipeline_xyz")


def test_every_error_is_a_timeline_error_with_its_exit_code() -> None:
    for name in ("InputError", "InvalidDateError", "ModelLoadError", "RuleFileError", "OutputError"):
        cls = getattr(timeline, name)
        assert issubclass(cls, timeline.TimelineError) and cls.exit_code > 1, name
