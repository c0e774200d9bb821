"""Table-driven extractor tests: fixtures/sentences.yaml, factuality.yaml and descriptions.yaml (trained pipeline), degraded.yaml (blank)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.language import Language

from timeline.events import EventExtractor
from timeline.models import Event

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_fixture(name: str) -> Any:
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))


SENTENCES = load_fixture("sentences.yaml")
DEGRADED = load_fixture("degraded.yaml")
FACTUALITY = load_fixture("factuality.yaml")
DESCRIPTIONS = load_fixture("descriptions.yaml")


def _params(table: dict[str, Any], key: str) -> list[Any]:
    return [pytest.param(case, id=case["id"]) for case in table[key]]


def _regions(case: dict[str, Any]) -> list[tuple[int, int]] | None:
    regions = case.get("regions")
    return None if regions is None else [(int(s), int(e)) for s, e in regions]


def check_expected(events: list[Event], expected: dict[str, Any]) -> None:
    found = [e for e in events if e.text == expected["text"]]
    assert found, f"no event {expected['text']!r} in {[e.text for e in events]}"
    event = found[0]
    facts = expected.get("factuality")
    if facts is not None:
        allowed = facts if isinstance(facts, list) else [facts]
        assert event.factuality.value in allowed, f"{event.text}: {event.factuality} ({event.rule})"
    for field, attr in (("class", "event_class"), ("tense", "tense"), ("aspect", "aspect"),
                        ("polarity", "polarity"), ("modality", "modality")):
        if field in expected:
            assert str(getattr(event, attr)) == expected[field], f"{event.text}: {field} {getattr(event, attr)!r} ({event.rule})"
    for words in expected.get("description_contains", []):
        assert words in event.description, f"{event.text}: description {event.description!r} lacks {words!r}"
    for words in expected.get("description_lacks", []):
        assert words not in event.description, f"{event.text}: description {event.description!r} has {words!r}"


def check_well_formed(text: str, events: list[Event]) -> None:
    for k, event in enumerate(events, start=1):
        assert event.id == f"e{k}"
        assert text[event.start : event.end] == event.text
        assert event.sentence_start <= event.start < event.end <= event.sentence_end
        assert event.pos in ("VERB", "NOUN", "ADJ", "OTHER")
        assert event.rule and event.description
    assert [e.start for e in events] == sorted(e.start for e in events)


@pytest.mark.model
@pytest.mark.parametrize(
    "case", _params(SENTENCES, "cases") + _params(FACTUALITY, "cases") + _params(DESCRIPTIONS, "cases")
)
def test_sentence(case: dict[str, Any], events_nlp: Language, event_extractor: EventExtractor) -> None:
    events = event_extractor.extract(events_nlp(case["text"]), regions=_regions(case))
    check_well_formed(case["text"], events)
    for expected in case["expect"]:
        check_expected(events, expected)
    texts = {e.text for e in events}
    for word in case.get("absent", []):
        assert word not in texts


@pytest.mark.model
@pytest.mark.parametrize(
    "case", _params(SENTENCES, "negatives"))
def test_negative(case: dict[str, Any], events_nlp: Language, event_extractor: EventExtractor) -> None:
    events = event_extractor.extract(events_nlp(case["text"]), regions=_regions(case))
    assert [e.text for e in events if e.text not in case.get("only", [])] == []
    check_well_formed(case["text"], events)


@pytest.mark.parametrize("case", _params(DEGRADED, "cases"))
def test_degraded(case: dict[str, Any], events_nlp_blank: Language, event_extractor: EventExtractor) -> None:
    events = event_extractor.extract(events_nlp_blank(case["text"]), regions=_regions(case))
    check_well_formed(case["text"], events)
    assert all("degraded" in e.rule for e in events)
    for expected in case["expect"]:
        check_expected(events, expected)


@pytest.mark.parametrize("case", _params(DEGRADED, "negatives"))
def test_degraded_negative(case: dict[str, Any], events_nlp_blank: Language, event_extractor: EventExtractor) -> None:
    assert event_extractor.extract(events_nlp_blank(case["text"]), regions=_regions(case)) == []


@pytest.mark.model
def test_headings_are_dropped_in_every_chunk_of_a_long_document(extractor) -> None:  # type: ignore[no-untyped-def]
    """A long document is parsed in chunks cut at paragraph breaks; a heading that opens or closes a chunk is a
    heading as in one Doc (it is no headline there)."""
    from timeline.api import CHUNK_CHARS

    para = ("The two nations are set to expand their cooperation in research, and officials met in Tokyo to review "
            "progress on several joint projects that were launched last year with strong support from industry.")
    parts: list[str] = []
    while sum(len(p) + 2 for p in parts) < 3 * CHUNK_CHARS:
        parts += [para, "Strengthening Bilateral High-Tech Ties"]
    text = "Former mayor pleads not guilty in bribery case\n\n" + "\n\n".join(parts) + "\n\nThe end came quickly.\n"
    tl = extractor.build(text, pub_date="2024-03-20")
    assert not [e for e in tl.events if e.text == "Strengthening"]
    assert [e for e in tl.events if e.text == "pleads"], "the headline keeps its event"
