"""Stage 5: renderers. Each format turns Timelines into text (the table, a rich renderable).

Every format follows one small protocol (:class:`Renderer`): ``begin()`` once, ``add(timeline)``
for each document as it finishes, ``end()`` once. Streaming formats (json, jsonl, csv, markdown,
table, timeml) return their text from ``add`` so it can be written at once; collecting formats
(timelinejs, html) return it from ``end``. Those whose ``streams`` is true also take a
:class:`~timeline.stream.StreamedTimeline` and render it piece by piece.
"""

from __future__ import annotations

from .base import Chunk, Renderer, RenderOptions
from .registry import FORMATS, FILE_SUFFIX, make_renderer, render

__all__ = ["FILE_SUFFIX", "FORMATS", "Chunk", "RenderOptions", "Renderer", "make_renderer", "render"]
