"""Properties that hold for any text (hypothesis), and linear time on adversarial inputs.

For any text and publication date: the tagger and the whole build do not crash; every offset is
in bounds and ``text[start:end]`` is the recorded text; every value is TIMEX3 syntax (the grammar
is fixtures/robustness/timex3.yaml, itself checked against examples); every calendar date in a
value is a real day; the JSON export validates against the published schema.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.models import TimeExpression, Timeline
from timeline.temporal import TemporalTagger
from tests.paths import FIXTURES

HERE = FIXTURES / "robustness"
GRAMMAR = yaml.safe_load((HERE / "timex3.yaml").read_text(encoding="utf-8"))
PROPS = yaml.safe_load((HERE / "properties.yaml").read_text(encoding="utf-8"))
TIMEX3 = re.compile("|".join(f"(?:{p})" for p in GRAMMAR["patterns"].values()))
_FULL_DATE = re.compile(r"(?:BC)?(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(?:BC)?\d{4}-(\d{2})(?:$|-|T)")


# -- the grammar ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", GRAMMAR["valid"])
def test_grammar_accepts(value: str) -> None:
    assert TIMEX3.fullmatch(str(value)), value


@pytest.mark.parametrize("value", GRAMMAR["invalid"])
def test_grammar_rejects(value: str) -> None:
    assert not TIMEX3.fullmatch(str(value)), value


def check_value(value: str) -> None:
    assert TIMEX3.fullmatch(value), f"not TIMEX3: {value!r}"
    full = _FULL_DATE.match(value)
    if full:
        dt.date(int(full[1]) or 1, int(full[2]), int(full[3]))  # a real day (ValueError otherwise)
    month = _MONTH.match(value)
    if month:
        assert 1 <= int(month[1]) <= 12, value


# -- strategies ----------------------------------------------------------------------------

_lo, _hi = (dt.date.fromisoformat(d) for d in PROPS["pub_date_range"])
pub_dates = st.one_of(st.none(), st.dates(min_value=_lo, max_value=_hi))
WORDS = [str(w) for w in PROPS["words"]]
_piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.text(max_size=6),
    st.integers(min_value=0, max_value=10**8).map(str),
)
news_like = st.lists(st.tuples(_piece, st.sampled_from(PROPS["glue"])), max_size=PROPS["max_words"]).map(
    lambda parts: "".join(w + g for w, g in parts)
)
texts = st.one_of(news_like, news_like, st.text(max_size=200))


@lru_cache(maxsize=1)
def tagger() -> TemporalTagger:
    return TemporalTagger()


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return Timeline.model_json_schema(mode="serialization")


def check_times(text: str, times: list[TimeExpression]) -> None:
    ids = set()
    for t in times:
        assert 0 <= t.start < t.end <= len(text), t
        assert text[t.start:t.end] == t.text, t
        check_value(t.value)
        if t.interval is not None:
            assert t.interval.first <= t.interval.last, t
        ids.add(t.id)
    assert len(ids) == len(times), "time ids must be unique"
    for t in times:
        assert t.anchor in (None, "pub_date") or t.anchor in ids, t
        assert t.range_end is None or t.range_end in ids, t


# -- properties ----------------------------------------------------------------------------


@settings(max_examples=PROPS["examples"]["tagger"], deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, pub=pub_dates, narrative=st.booleans())
def test_tagger_any_text(text: str, pub: dt.date | None, narrative: bool) -> None:
    check_times(text, tagger().tag(text, pub, narrative=narrative))


@pytest.mark.model
def test_build_any_text(extractor: Any) -> None:
    @settings(max_examples=PROPS["examples"]["build"], deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(text=texts, pub=pub_dates)
    def run(text: str, pub: dt.date | None) -> None:
        tl = extractor.build(text, pub_date=pub)
        check_times(text, tl.times)
        for e in tl.events:
            assert 0 <= e.sentence_start <= e.start < e.end <= e.sentence_end <= len(text), e
            assert text[e.start:e.end] == e.text, e
        assert sorted(x.event_id for x in tl.timeline) == sorted(e.id for e in tl.events)
        jsonschema.validate(tl.model_dump(mode="json"), schema())

    run()


def test_build_any_text_blank_pipeline(blank_extractor: Any) -> None:
    @settings(max_examples=PROPS["examples"]["build"], deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(text=texts, pub=pub_dates)
    def run(text: str, pub: dt.date | None) -> None:
        tl = blank_extractor.build(text, pub_date=pub)
        check_times(text, tl.times)
        for e in tl.events:
            assert text[e.start:e.end] == e.text, e
        jsonschema.validate(tl.model_dump(mode="json"), schema())

    run()


# -- adversarial inputs: linear time -----------------------------------------------------------


def adversarial_text(case: dict[str, Any], n: int) -> str:
    return str(case["unit"]) * n + str(case.get("middle", "")) + str(case.get("suffix", "")) * n


def best_time(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best


def assert_linear(case: dict[str, Any], scale: float, run: Callable[[str], object], budget: float) -> None:
    small = max(1, int(case["small"] * scale))
    full = max(4 * small, int(case["full"] * scale))
    small_text, big_text = adversarial_text(case, small), adversarial_text(case, full)
    factor = full / small
    t_small = best_time(lambda: run(small_text), 3)
    t_big = best_time(lambda: run(big_text), 1)
    if t_big > PROPS["max_ratio"] * factor * t_small + PROPS["slack_seconds"]:
        # one retry: a single disturbed pass proves nothing on a shared machine
        t_small = min(t_small, best_time(lambda: run(small_text), 3))
        t_big = min(t_big, best_time(lambda: run(big_text), 1))
    limit = PROPS["max_ratio"] * factor * t_small + PROPS["slack_seconds"]
    assert t_big <= limit, f"{case['id']}: {t_small:.3f}s for n={small}, {t_big:.3f}s for n={full} (not linear)"
    assert t_big <= budget, f"{case['id']}: {t_big:.1f}s for n={full} (budget {budget}s)"


@pytest.mark.parametrize("case", PROPS["adversarial"], ids=lambda c: c["id"])
def test_tagger_linear_on_adversarial_input(case: dict[str, Any]) -> None:
    tag = tagger().tag

    def run(text: str) -> None:
        check_times(text, tag(text, dt.date(2024, 3, 19)))

    assert_linear(case, 1.0, run, PROPS["budget_seconds"])


@pytest.mark.model
@pytest.mark.parametrize("case", PROPS["adversarial"], ids=lambda c: c["id"])
def test_build_linear_on_adversarial_input(case: dict[str, Any], extractor: Any) -> None:
    def run(text: str) -> None:
        tl = extractor.build(text, pub_date="2024-03-19")
        check_times(text, tl.times)

    assert_linear(case, PROPS["build_scale"], run, PROPS["budget_seconds"])
