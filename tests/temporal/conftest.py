"""Fixtures for the temporal tagger tests: one tagger per session."""

from __future__ import annotations

import pytest

from tests.temporal.corpus import shared_tagger
from timeline.temporal import TemporalTagger


@pytest.fixture(scope="session")
def tagger() -> TemporalTagger:
    return shared_tagger()
