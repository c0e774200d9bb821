"""Properties on arbitrary text: offsets round-trip, ids are in order, spans never overlap, values are valid TIMEX3."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.models import TimeExpression
from tests.temporal.corpus import shared_tagger
from timeline.temporal import TemporalTagger
from timeline.temporal.timex3 import VALUE_SYNTAX

_TAGGER = shared_tagger()

# Words the rules care about, mixed with noise, so that random texts hit many rules.
_WORDS = [
    "April", "10,", "2024", "May", "may", "March", "the", "second", "quarter", "last", "next", "week", "year", "years",
    "ago", "two", "three", "early", "mid-", "late", "as", "early", "as", "by", "end", "of", "Tuesday", "night", "every",
    "Monday", "9", "a.m.", "noon", "since", "1990s", "from", "to", "-", "5", "between", "and", "yesterday", "today",
    "$100M", "on", "Route", "66", "3.5", "percent", "said", "will", "the", "following", "day", "later", "decade", "Q3",
    "fiscal", "1989", "year-ago", "period", "about", "more", "than", "weekly", "twice", "a", "summer", "Christmas", ".",
    "\n", "nineteen", "ninety-six", "14:30", "GMT", "recent", "now", "4/10/2024", "2024-04-10", "Sept.", "30",
]

text_strategy = st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join) | st.text(max_size=200)
ref_strategy = st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


def _check(text: str, times: list[TimeExpression]) -> None:
    for i, t in enumerate(times):
        assert t.id == f"t{i + 1}"
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert VALUE_SYNTAX.match(t.value), t.value
        if i:
            assert times[i - 1].end <= t.start
        if t.range_end is not None:
            assert t.range_end in {x.id for x in times[i + 1 :]}
        if t.interval is not None:
            assert t.interval.first <= t.interval.last


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=text_strategy, ref=ref_strategy, narrative=st.booleans())
def test_offsets_and_values(text: str, ref: dt.date | None, narrative: bool) -> None:
    _check(text, _TAGGER.tag(text, ref, narrative=narrative))


ADVERSARIAL = [
    "7" * 20_000,
    "May " * 5_000,
    "April 10, 2024 " * 1_000,
    "March 3-5, " * 1_000,
    "the " * 5_000,
    "1 2 " * 5_000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: f"{t[:12]!r}x{len(t)}")
def test_adversarial_inputs_tag_cleanly(text: str) -> None:
    _check(text, _TAGGER.tag(text, dt.date(2024, 2, 15)))
