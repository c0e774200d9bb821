"""Temporal tagging: find TIMEX3 expressions in plain text and normalize them (pure Python, no spaCy)."""

from __future__ import annotations

from timeline.temporal.engine import TemporalTagger

__all__ = ["TemporalTagger"]
