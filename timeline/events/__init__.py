"""Stage 2: event triggers from a spaCy Doc.

``EventExtractor().extract(doc, regions=None) -> list[Event]``.
"""

from __future__ import annotations

from timeline.events.extractor import EventExtractor

__all__ = ["EventExtractor"]
