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
]

#: (id, method, publication date): relative times past year 9999 or before year 1 stay unresolved, the rest resolves
EDGE_DATES: list[tuple[str, str, Any]] = [
    ("build-past-9999", "build", "9999-12-31"),
    ("build-before-year-1", "build", dt.date(1, 1, 1)),
    ("stream-past-9999", "build_stream", "9999-12-31"),
    ("tag-past-9999", "tag", "9999-12-31"),
]


@pytest.mark.parametrize(("method", "kwargs", "error", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_typed_errors(method: str, kwargs: dict[str, Any], error: type[TimelineError], words: str,
                      blank_extractor: Any, capfd: pytest.CaptureFixture[str]) -> None:
    kwargs = dict(kwargs)
    text = kwargs.pop("text")
    with pytest.raises(error, match=words):
        getattr(blank_extractor, method)(text, **kwargs)
    assert capfd.readouterr() == ("", ""), "the library prints nothing"


@pytest.mark.parametrize(("method", "pub_date"), [c[1:] for c in EDGE_DATES], ids=[c[0] for c in EDGE_DATES])
def test_times_past_the_calendar_stay_unresolved(method: str, pub_date: Any, blank_extractor: Any,
                                                  capfd: pytest.CaptureFixture[str]) -> None:
    result = getattr(blank_extractor, method)(TEXT, pub_date=pub_date)
    if isinstance(result, list):
        times = result
    elif callable(result.times):  # a StreamedTimeline
        with result:
            times = list(result.times())
    else:
        times = list(result.times)
    assert times, "the times are still found"
    unresolved = [t for t in times if not t.resolved]
    assert unresolved and all("X" in t.value for t in unresolved), [(t.text, t.value) for t in times]
    assert any(t.resolved for t in times), "the representable times resolve"
    assert capfd.readouterr() == ("", ""), "the library prints nothing"


def test_unknown_pipeline_is_a_model_load_error() -> None:
    with pytest.raises(ModelLoadError, match="no_such_pipeline_xyz"):
        timeline.Extractor("no_such_pipeline_xyz")


def test_every_error_is_a_timeline_error_with_its_exit_code() -> None:
    for name in ("InputError", "InvalidDateError", "ModelLoadError", "RuleFileError", "OutputError"):
        cls = getattr(timeline, name)
        assert issubclass(cls, timeline.TimelineError) and cls.exit_code > 1, name
