"""A headline's event dated by the body's first mention of it: fixtures/headlines.yaml (trained pipeline)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.paths import FIXTURES

CASES = yaml.safe_load((FIXTURES / "headlines.yaml").read_text(encoding="utf-8"))


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_headline_takes_the_body_date(extractor: Any, case: dict[str, Any]) -> None:
    tl = extractor.build(case["text"], pub_date=case["pub_date"])
    headline_end = case["text"].index("\n")
    (ev,) = [e for e in tl.events if e.text == case["trigger"] and e.start < headline_end]
    entry = next(x for x in tl.timeline if x.event_id == ev.id)
    want = case["expect"]
    if "anchor" in want:
        assert entry.anchor.value == want["anchor"], (entry.rule, entry.value)
        return
    assert (entry.value, entry.rule) == (want["value"], want["rule"])
    assert ev.factuality.value == want["factuality"]
    assert not entry.selected, "the body's mention is the one the default table shows"


@pytest.mark.model
@pytest.mark.parametrize(("gap", "dated"), [(2_000, True), (6_000, False)])
def test_headline_reach_does_not_depend_on_chunks(extractor: Any, monkeypatch: pytest.MonkeyPatch, gap: int,
                                                  dated: bool) -> None:
    """The body mention is looked for up to ``HEADLINE_REACH`` characters past the lead, whether the text is parsed
    in one chunk or in many (the chunks wait for that much of the body)."""
    import timeline.api

    filler = "The council met again and the members talked about roads and parks at length.\n\n"
    text = ("Mayor Smith quits\n\nThe city faces a budget gap, aides to the council say.\n\n"
            + filler * (gap // len(filler)) + "Smith quit on Tuesday after a stormy meeting.\n\n" + filler * 90)
    results = []
    for size in (timeline.api.CHUNK_CHARS, 1_000):
        monkeypatch.setattr(timeline.api, "CHUNK_CHARS", size)
        tl = extractor.build(text, pub_date="2024-03-14")
        (ev,) = [e for e in tl.events if e.text == "quits"]
        entry = next(x for x in tl.timeline if x.event_id == ev.id)
        results.append((entry.rule, entry.value))
    assert results[0] == results[1]
    assert (results[0] == ("narrative:headline", "2024-03-12")) is dated, results
