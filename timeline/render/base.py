"""The renderer protocol shared by every output format."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, Union

from rich.console import RenderableType

from ..models import Timeline

if TYPE_CHECKING:
    from ..stream import StreamedTimeline

#: what a renderer hands back: text to write as is, or a rich renderable (the terminal table)
Chunk = Union[str, RenderableType]


@dataclass(frozen=True)
class RenderOptions:
    """What the caller knows before the first document: how many there will be and what to show."""

    many: bool = False  # several documents go to one output
    show_all: bool = False  # table/markdown: every event, not only the timeline-worthy ones
    title: str | None = None  # html/timelinejs: a title for the whole output


class Renderer(Protocol):
    """One output format. ``begin`` once, ``add`` per document (in input order), ``end`` once.

    A format whose ``streams`` is true (json, jsonl, csv, markdown, table) also takes a
    :class:`~timeline.stream.StreamedTimeline` (a build spilled to files): ``add`` then returns an iterator
    that reads and renders it piece by piece, the same text as for the in-memory Timeline (the table alone
    differs past ``table.TABLE_MAX_ROWS`` rows: several tables instead of one)."""

    #: whether ``add`` takes a StreamedTimeline
    streams: bool

    def begin(self) -> list[Chunk]: ...

    def add(self, timeline: Timeline | StreamedTimeline) -> Iterable[Chunk]: ...

    def end(self) -> list[Chunk]: ...


#: lines (csv rows, markdown table lines) joined into one piece at a time for a streamed timeline
BLOCK_LINES = 2000


def pieces_or_whole(timeline: Timeline | StreamedTimeline, pieces: Iterator[str]) -> Iterable[Chunk]:
    """What ``add`` returns: a StreamedTimeline's ``pieces`` as they are read and rendered, an in-memory
    Timeline's joined into one chunk (none when they are empty)."""
    if not isinstance(timeline, Timeline):
        return pieces
    whole = "".join(pieces)
    return [whole] if whole else []


class StreamRenderer:
    """A format whose documents are independent: ``add`` renders each at once."""

    streams = False

    def __init__(self, options: RenderOptions) -> None:
        self.options = options

    def begin(self) -> list[Chunk]:
        return []

    def add(self, timeline: Timeline) -> list[Chunk]:
        raise NotImplementedError

    def end(self) -> list[Chunk]:
        return []


class CollectRenderer:
    """A format that needs every document before it can write (one page, one JSON document)."""

    streams = False

    def __init__(self, options: RenderOptions) -> None:
        self.options = options
        self.timelines: list[Timeline] = []

    def begin(self) -> list[Chunk]:
        return []

    def add(self, timeline: Timeline) -> list[Chunk]:
        self.timelines.append(timeline)
        return []

    def end(self) -> list[Chunk]:
        return [self.finish(self.timelines)]

    def finish(self, timelines: list[Timeline]) -> str:
        raise NotImplementedError
