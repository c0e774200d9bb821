"""json (one object, or an array of objects for several documents) and jsonl (one document a line)."""

from __future__ import annotations

from ..models import Timeline
from .base import Chunk, RenderOptions, StreamRenderer


class JsonRenderer(StreamRenderer):
    """``Timeline.model_dump_json``: the object for one document, a JSON array for several."""

    def __init__(self, options: RenderOptions) -> None:
        super().__init__(options)
        self._count = 0

    def begin(self) -> list[Chunk]:
        return ["[\n"] if self.options.many else []

    def add(self, timeline: Timeline) -> list[Chunk]:
        body = timeline.to_json(indent=2)
        if not self.options.many:
            return [body + "\n"]
        sep = ",\n" if self._count else ""
        self._count += 1
        return [sep + body]

    def end(self) -> list[Chunk]:
        return ["\n]\n"] if self.options.many else []


class JsonlRenderer(StreamRenderer):
    """One compact JSON document a line, written as each document finishes."""

    def add(self, timeline: Timeline) -> list[Chunk]:
        return [timeline.to_json(indent=None) + "\n"]
