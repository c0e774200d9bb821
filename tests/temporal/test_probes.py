"""Acceptance probes from ../shared/probes: news sentences and the seed article's times."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from tests.paths import ROOT, SHARED
from timeline.temporal import TemporalTagger

NEWS = SHARED / "probes" / "news-sentences.yaml"
SEED = SHARED / "probes" / "seed-article.yaml"


def _load(path: Any) -> dict[str, Any]:
    if not path.exists():
        pytest.skip(f"{path} is not available")
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _news_cases() -> list[dict[str, Any]]:
    if not NEWS.exists():
        return []
    cases: list[dict[str, Any]] = yaml.safe_load(NEWS.read_text(encoding="utf-8"))["cases"]
    return cases


@pytest.mark.parametrize("case", _news_cases(), ids=lambda c: c["text"][:50])
def test_news_sentence(tagger: TemporalTagger, case: dict[str, Any]) -> None:
    reference = dt.date.fromisoformat(str(_load(NEWS)["reference"]))
    times = tagger.tag(case["text"], reference)
    if case.get("none"):
        assert times == [], [(t.text, t.value) for t in times]
        return
    expected = case["expect"]
    assert len(times) == len(expected), [(t.text, t.value) for t in times]
    for t, e in zip(times, expected, strict=True):
        assert t.type.value == e["type"]
        assert t.value == e["value"] or t.value in e.get("accept", [])
        if "mod" in e:
            assert t.mod == e["mod"] or t.mod in e.get("accept_mod", [])


def test_news_sentences_present() -> None:
    if not NEWS.exists():
        pytest.skip(f"{NEWS} is not available")
    assert len(_news_cases()) == 19


def test_seed_article_times(tagger: TemporalTagger) -> None:
    probe = _load(SEED)
    text = (ROOT / probe["file"]).read_text(encoding="utf-8")
    times = tagger.tag(text, dt.date.fromisoformat(str(probe["reference"])))
    for expect in probe["expect_times"]:
        where = text.index(expect["context"]) + expect["context"].index(expect["text"]) if "context" in expect else text.index(expect["text"])
        match = [t for t in times if t.start == where and t.text == expect["text"]]
        assert match, f"{expect['text']!r} not tagged at {where}"
        (t,) = match
        assert (t.type.value, t.value) == (expect["type"], expect["value"])
        if "mod" in expect:
            assert t.mod == expect["mod"]
