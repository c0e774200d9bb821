"""Shared fixtures: pinned paths, the pipeline loaded once per session."""

from __future__ import annotations

import pytest

from tests.paths import HAS_MODEL, SEED


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    """The default pipeline (trained English spaCy pipeline). Tests using it carry the `model` marker."""
    if not HAS_MODEL:
        pytest.skip("no trained English spaCy pipeline installed")
    from timeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def blank_extractor():  # type: ignore[no-untyped-def]
    from timeline import Extractor

    return Extractor("blank")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
