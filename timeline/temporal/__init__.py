"""Temporal tagging: find TIMEX3 expressions in plain text and normalize them (pure Python, no spaCy)."""

from __future__ import annotations

from timeline.temporal.engine import TAG_CHARS, TemporalTagger, paragraph_cuts

__all__ = ["TAG_CHARS", "TemporalTagger", "paragraph_cuts"]
