"""The seed article end to end, as ../shared/probes/seed-article.yaml states it."""

from __future__ import annotations

import pytest
import yaml

from timeline.models import AnchorKind, Timeline
from tests.paths import FIXTURES, shared_path

SEED_EVENTS = yaml.safe_load((FIXTURES / "seed_events.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def probe() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(shared_path("probes", "seed-article.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_timeline(extractor, seed_text: str, probe: dict) -> Timeline:  # type: ignore[no-untyped-def,type-arg]
    return extractor.build(seed_text, pub_date=probe["reference"])


def _event_at(tl: Timeline, trigger: str, context: str):  # type: ignore[no-untyped-def]
    at = tl.text.index(context) + context.index(trigger)
    matches = [e for e in tl.events if e.start <= at < e.end]
    assert matches, f"no event on {trigger!r} in {context!r}; events: {[e.text for e in tl.events]}"
    return matches[0]


@pytest.mark.model
def test_seed_times(seed_timeline: Timeline, probe: dict) -> None:  # type: ignore[type-arg]
    for want in probe["expect_times"]:
        context = want.get("context", want["text"])
        at = seed_timeline.text.index(context) + context.index(want["text"])
        found = [t for t in seed_timeline.times if t.start == at and t.text == want["text"]]
        assert found, f"{want['text']!r} not tagged; times: {[(t.text, t.value) for t in seed_timeline.times]}"
        t = found[0]
        assert (t.type.value, t.value) == (want["type"], want["value"])
        assert t.mod == want.get("mod")


@pytest.mark.model
@pytest.mark.parametrize("case", SEED_EVENTS, ids=lambda c: c["trigger"])
def test_seed_events_anchored(seed_timeline: Timeline, probe: dict, case: dict) -> None:  # type: ignore[type-arg]
    expected = {e["about"]: e for e in probe["expect_events"]}[case["about"]]
    ev = _event_at(seed_timeline, case["trigger"], case["context"])
    entry = next(x for x in seed_timeline.timeline if x.event_id == ev.id)
    assert entry.anchor == AnchorKind.TIME, f"{ev.text} anchored by {entry.rule} to {entry.anchor}"
    assert entry.value == expected["time"]
    assert entry.selected, "an event anchored to an explicit date is shown in the table"
    assert ev.factuality.value in case["factuality"]


@pytest.mark.model
def test_seed_order(seed_timeline: Timeline) -> None:
    """Dated entries come in date order and the three probe events are all on the default timeline."""
    dated = [x for x in seed_timeline.timeline if x.sort_date is not None]
    assert [x.sort_date for x in dated] == sorted(x.sort_date for x in dated)  # type: ignore[type-var]
    shown = [x for x in seed_timeline.timeline if x.selected and x.anchor == AnchorKind.TIME]
    assert {x.value for x in shown} >= {"2024-04", "2024-04-10"}


@pytest.mark.model
def test_seed_boilerplate_yields_no_events(seed_timeline: Timeline) -> None:
    text = seed_timeline.text
    tail = text.index("Amazon and Google Launch")
    photo = text.index("Photo: Microsoft Bing")
    assert not [e for e in seed_timeline.events if e.start >= tail], "the trailing headline list produced events"
    assert not [e for e in seed_timeline.events if photo <= e.start < photo + len("Photo: Microsoft Bing")]
    assert not [t for t in seed_timeline.times if t.start >= tail]


@pytest.mark.model
def test_seed_offsets_round_trip(seed_timeline: Timeline) -> None:
    for item in [*seed_timeline.times, *seed_timeline.events]:
        assert seed_timeline.text[item.start : item.end] == item.text
    for ev in seed_timeline.events:
        assert 0 <= ev.sentence_start <= ev.start < ev.end <= ev.sentence_end <= len(seed_timeline.text)


@pytest.mark.model
def test_seed_json_validates_against_schema(seed_timeline: Timeline) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = Timeline.model_json_schema(mode="serialization")
    data = seed_timeline.model_dump(mode="json")
    jsonschema.validate(data, schema)
    assert Timeline.model_validate(data) == seed_timeline
    assert data["events"] and "class" in data["events"][0]


@pytest.mark.model
def test_seed_without_publication_date_keeps_its_dated_events(extractor, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    """With no date to resolve against, the events tied to the article's own times still make the default
    table, their times as far as the text gives them ("April 10", no year), and the caption says why."""
    from rich.console import Console

    from timeline.render.table import timeline_table

    tl = extractor.build(seed_text, pub_date=None)
    shown = {x.display for x in tl.timeline if x.selected and x.anchor == AnchorKind.TIME}
    assert {"April 10 (no year)", "April or later (no year)", '"next month" (unresolved)'} <= shown
    console = Console(width=140, record=True)
    console.print(timeline_table(tl))
    out = console.export_text()
    assert "Kishida's official visit" in out and "April 10 (no year)" in out
    assert "no publication date" in out
