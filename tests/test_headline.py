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
