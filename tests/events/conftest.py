"""Fixtures for the event tests: the trained pipeline (once per session), a blank one, the extractor."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from timeline.events import EventExtractor


@pytest.fixture(scope="session")
def events_nlp() -> Language:
    """The trained pipeline as the product loads it (with its sentence rules: a blank line ends a sentence)."""
    from timeline.nlp import load_pipeline

    loaded = load_pipeline(None)
    if loaded.degraded:  # pragma: no cover - the default install has a trained pipeline
        pytest.skip("no trained English spaCy pipeline installed")
    return loaded.nlp


@pytest.fixture(scope="session")
def events_nlp_blank() -> Language:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank


@pytest.fixture(scope="session")
def event_extractor() -> EventExtractor:
    return EventExtractor()
