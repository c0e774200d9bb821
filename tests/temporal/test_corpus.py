"""The Duckling-style corpus: every text tags to exactly one expression with the expected fields; negatives to none."""

from __future__ import annotations

from typing import Any

import pytest

from tests.temporal.corpus import Case, Negative, Sequence, negative_cases, positive_cases, sequence_cases
from timeline.models import TimeExpression
from timeline.temporal import TemporalTagger

POSITIVE = positive_cases()
NEGATIVE = negative_cases()
SEQUENCES = sequence_cases()


def _fields(t: TimeExpression, keys: list[str]) -> dict[str, Any]:
    dumped = t.model_dump(mode="json")
    dumped["grain"] = dumped.pop("granularity")
    return {k: dumped[k] for k in keys}


@pytest.mark.parametrize("case", POSITIVE, ids=[c.id for c in POSITIVE])
def test_positive(tagger: TemporalTagger, case: Case) -> None:
    times = tagger.tag(case.text, case.reference, narrative=case.narrative)
    found = [(t.text, t.value, t.rule) for t in times]
    assert len(times) == 1, f"expected one expression in {case.text!r}, got {found}"
    (t,) = times
    assert (t.start, t.end) == case.span, f"span {t.text!r} != {case.text[case.span[0]:case.span[1]]!r} ({t.rule})"
    assert case.text[t.start : t.end] == t.text
    assert _fields(t, list(case.expect)) == case.expect, f"rule {t.rule}"


@pytest.mark.parametrize("case", NEGATIVE, ids=[c.id for c in NEGATIVE])
def test_negative(tagger: TemporalTagger, case: Negative) -> None:
    times = tagger.tag(case.text, case.reference)
    assert times == [], [(t.text, t.value, t.rule) for t in times]


@pytest.mark.parametrize("case", SEQUENCES, ids=[c.id for c in SEQUENCES])
def test_sequence(tagger: TemporalTagger, case: Sequence) -> None:
    times = tagger.tag(case.text, case.reference, narrative=case.narrative)
    assert [t.text for t in times] == [e["text"] for e in case.expect]
    for t, expect in zip(times, case.expect, strict=True):
        assert t.model_dump(mode="json", include=set(expect)) == expect
