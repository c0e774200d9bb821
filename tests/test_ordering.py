from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from timeline.linking import Link
from timeline.models import AnchorKind, Event, Interval, Relation, TimeExpression
from timeline.ordering import display_value, make_entries
from tests.paths import FIXTURES

DATA = yaml.safe_load((FIXTURES / "ordering.yaml").read_text(encoding="utf-8"))
PUB = dt.date.fromisoformat(DATA["pub_date"])


def _build(case: dict[str, Any]) -> tuple[list[Event], list[Link], dict[str, TimeExpression]]:
    events, links, times = [], [], {}
    for n, spec in enumerate(case["events"]):
        events.append(Event(id=spec["id"], start=n * 10, end=n * 10 + 4, text="word", lemma="word", pos="VERB",
                            description="something happens", sentence_start=n * 10, sentence_end=n * 10 + 9,
                            factuality=spec.get("factuality", "happened"), event_class="OCCURRENCE", tense="PAST", rule="test"))
        relation = Relation(spec.get("relation", "on"))
        if spec["anchor"] == "time":
            tid = f"t{n}"
            start, end = spec.get("at", (n * 10 + 5, n * 10 + 9))
            times[tid] = TimeExpression(
                id=tid, start=start, end=end, text=spec.get("text", "date"), type=spec.get("type", "DATE"),
                offset=spec.get("offset"), anchor=spec.get("time_anchor"),
                value=spec["value"], mod=spec.get("mod"), granularity=spec.get("granularity"),
                resolved=spec.get("resolved", True), range_end=spec.get("range_end"),
                leads_to=Interval(first=dt.date.fromisoformat(spec["leads_first"]),
                                  last=dt.date.fromisoformat(spec["leads_last"])) if "leads_first" in spec else None,
                interval=Interval(first=dt.date.fromisoformat(spec["first"]), last=dt.date.fromisoformat(spec["last"]))
                if "first" in spec else None,
                rule="test")
            links.append(Link(spec["id"], tid, AnchorKind.TIME, relation, spec.get("evidence", "on date"),
                              spec.get("rule", "syntax:governs")))
        else:
            links.append(Link(spec["id"], None, AnchorKind(spec["anchor"]), relation, None, "test"))
    return events, links, times


@pytest.mark.parametrize("case", DATA["cases"], ids=lambda c: c["name"])
def test_order_and_display(case: dict[str, Any]) -> None:
    events, links, times = _build(case)
    pub = None if "pub_date" in case or any(e["anchor"] == "none" for e in case["events"]) else PUB
    entries = make_entries(events, links, times, pub, lead_end=0)
    assert [e.event_id for e in entries] == case["order"]
    shown = {e.event_id: e.display for e in entries}
    for eid, text in case["display"].items():
        assert shown[eid] == text
    intervals = {e.event_id: e.interval for e in entries}
    for eid, (first, last) in case.get("interval", {}).items():
        assert intervals[eid] == Interval(first=dt.date.fromisoformat(first), last=dt.date.fromisoformat(last))
    selected = {e.event_id: e.selected for e in entries}
    for eid, expected in case.get("selected", {}).items():
        assert selected[eid] is expected, eid


@pytest.mark.parametrize(
    ("value", "mod", "shown"),
    [("2024-04", "ON_OR_AFTER", "2024-04 or later"), ("2024-04-10", "ON_OR_BEFORE", "2024-04-10 or earlier"),
     ("2024-04", "START", "early 2024-04"), ("2024", "END", "late 2024"), ("2024-Q2", None, "2024-Q2"),
     ("2024", "APPROX", "about 2024"), ("2024-09-20TEV", None, "2024-09-20 evening"),
     ("2024-W43-WE", None, "weekend of 2024-10-26"), ("2024-W37", None, "week of 2024-09-09"),
     ("2025-SP", None, "spring 2025"), ("199", None, "1990s"), ("18", None, "19th century"), ("18", "MID", "mid 19th century"),
     ("20", None, "21st century"), ("10", None, "11th century"), ("11", None, "12th century"), ("21", None, "22nd century"),
     ("2", None, "2000-2999"), ("PRESENT_REF", None, "now"),
     ("PAST_REF", None, "the past"), ("FUTURE_REF", "APPROX", "about the future"),
     ("2024-09-13T24:00", None, "2024-09-13T24:00"), ("2024-W54", None, "2024-W54")],
)
def test_display_value(value: str, mod: str | None, shown: str) -> None:
    assert display_value(value, mod) == shown


@pytest.mark.parametrize(
    ("value", "freq", "text", "shown"),
    [("XXXX-WXX-1", None, "every Monday", "every Monday"), ("P2Y", None, "every two years", "every 2 years"),
     ("P1Y", "2X", "twice a year", "twice a year"), ("P1W", "3X", "three times a week", "3 times a week"),
     ("P1D", None, "daily", "every day"), ("XXXX-XX-XXTEV", None, "every evening", "every evening"),
     ("XXXX-SU", None, "each summer", '"each summer"'), ("PT1H", "2X", "twice an hour", "twice an hour"),
     ("XXXX-WXX-2", None, "every other Tuesday", '"every other Tuesday"')],
)
def test_display_set(value: str, freq: str | None, text: str, shown: str) -> None:
    from timeline.ordering import display_set

    t = TimeExpression(id="t1", start=0, end=len(text), text=text, type="SET", value=value, freq=freq, rule="test")
    assert display_set(t) == shown


@pytest.mark.parametrize("case", DATA["lead"], ids=lambda c: c["name"])
def test_lead_event(case: dict[str, Any]) -> None:
    events, links = [], []
    for n, (text, cls, modality) in enumerate(case["events"]):
        events.append(Event(id=f"e{n}", start=n * 10, end=n * 10 + len(text), text=text, lemma=text, pos="VERB",
                            description=text, sentence_start=0, sentence_end=100, factuality="planned",
                            event_class=cls, tense="PRESENT", modality=modality, rule="test"))
        links.append(Link(f"e{n}", None, AnchorKind.PUB_DATE, Relation.AFTER, None, "test"))
    entries = make_entries(events, links, {}, PUB, lead_end=100)
    chosen = [e.text for e in events if any(x.event_id == e.id and x.selected for x in entries)]
    assert chosen == ([case["expect"]] if case["expect"] else [])


@pytest.mark.parametrize("case", DATA["selection"], ids=lambda c: c["rule"])
def test_selection_by_link_rule(case: dict[str, Any]) -> None:
    spec = {"id": "e1", "anchor": "time", "value": "2024-04-10", "first": "2024-04-10", "last": "2024-04-10",
            "granularity": "day"}
    events, links, times = _build({"events": [spec]})
    links = [Link(link.event_id, link.time_id, link.anchor, link.relation, link.evidence, case["rule"]) for link in links]
    (entry,) = make_entries(events, links, times, PUB, lead_end=100 if case.get("lead") else 0)
    assert entry.selected is case["selected"]


def test_lead_skips_a_long_headline() -> None:
    """The lead is the first line that holds a sentence: a headline of more than 60 characters has no sentence end."""
    from timeline.api import _lead

    text = ("Thousands flee as Canyon Fire jumps highway, forcing new evacuations\n\n"
            "Officials ordered more than 12,000 residents to leave their homes late Tuesday, officials said.\n")
    start, end = _lead(text, [(0, len(text))])
    assert text[start:end].startswith("Officials ordered") and text[end] == "\n"
    stocks = ("U.S. Stocks Slide as Investors Weigh Fed Outlook and Trade Tensions Ahead of Jobs Data\n\n"
              "Wall Street fell sharply on Tuesday as investors weighed the outlook for rates, traders said.\n")
    start, _ = _lead(stocks, [(0, len(stocks))])
    assert stocks[start:].startswith("Wall Street")  # the stop of "U.S." is no sentence end


@pytest.mark.parametrize(("past_date", "shown"), [(False, "within two weeks (by 2024-04-02)"), (True, "within two weeks")])
def test_within_counts_from_publication_only_without_a_past_date(past_date: bool, shown: str) -> None:
    """ "will publish the rules within two weeks" is by a date counted from publication; "In March 2019, the company
    promised to publish the rules within two weeks" counts from March 2019, so no date is shown."""
    spec = {"id": "e1", "anchor": "time", "type": "DURATION", "value": "P2W", "text": "two weeks",
            "evidence": "within two weeks", "relation": "during", "factuality": "planned"}
    events, links, times = _build({"events": [spec]})
    if past_date:
        times["t9"] = TimeExpression(id="t9", start=1, end=4, text="March 2019", type="DATE", value="2019-03",
                                     granularity="month", resolved=True, rule="test",
                                     interval=Interval(first=dt.date(2019, 3, 1), last=dt.date(2019, 3, 31)))
    (entry,) = make_entries(events, links, times, PUB, lead_end=0)
    assert entry.display == shown
