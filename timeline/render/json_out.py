"""json (one object, or an array of objects for several documents) and jsonl (one document a line).

A :class:`~timeline.stream.StreamedTimeline` is written piece by piece (header, ``text`` in slices, then
each time, event and entry read back from its spill files), byte for byte what ``Timeline.to_json`` gives
for the same document, without ever holding the document or its export whole.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator

import pydantic_core

from ..models import TimeExpression, Timeline
from ..stream import StreamedTimeline
from .base import Chunk, RenderOptions, StreamRenderer

#: characters of ``text`` escaped and written at a time, and the size of the pieces handed to the sink
TEXT_SLICE = 1 << 20
_PIECE = 1 << 20


class JsonRenderer(StreamRenderer):
    """``Timeline.model_dump_json``: the object for one document, a JSON array for several."""

    streams = True

    def __init__(self, options: RenderOptions) -> None:
        super().__init__(options)
        self._count = 0

    def begin(self) -> list[Chunk]:
        return ["[\n"] if self.options.many else []

    def add(self, timeline: Timeline | StreamedTimeline) -> Iterable[Chunk]:  # type: ignore[override]
        sep = ""
        if self.options.many:
            sep = ",\n" if self._count else ""
            self._count += 1
        if isinstance(timeline, StreamedTimeline):
            return _prefixed(sep, stream_json(timeline, indent=2), "" if self.options.many else "\n")
        body = timeline.to_json(indent=2)
        if not self.options.many:
            return [body + "\n"]
        return [sep + body]

    def end(self) -> list[Chunk]:
        return ["\n]\n"] if self.options.many else []


class JsonlRenderer(StreamRenderer):
    """One compact JSON document a line, written as each document finishes."""

    streams = True

    def add(self, timeline: Timeline | StreamedTimeline) -> Iterable[Chunk]:  # type: ignore[override]
        if isinstance(timeline, StreamedTimeline):
            return _prefixed("", stream_json(timeline, indent=None), "\n")
        return [timeline.to_json(indent=None) + "\n"]


def stream_json(tl: StreamedTimeline, *, indent: int | None) -> Iterator[str]:
    """The JSON export of a streamed timeline in pieces: the same text as ``tl.to_timeline().to_json(indent=indent)``.

    Only ``indent`` 2 (json) and None (jsonl) are supported. The header and the empty lists come from a
    skeleton Timeline serialised by pydantic; each item is re-serialised from its spilled compact JSON.
    """
    if indent not in (2, None):
        raise ValueError("indent must be 2 or None")
    skeleton = Timeline(schema_version=tl.schema_version, document=tl.document, pipeline=tl.pipeline, text="",
                        times=[], events=[], timeline=[], warnings=tl.warnings).to_json(indent=indent)
    colon = ": " if indent else ":"
    text_mark = f'"text"{colon}""'
    marks = [f'"{name}"{colon}[]' for name in ("times", "events", "timeline")]
    head, rest = _split(skeleton, text_mark)
    out = _Pieces()
    yield from out.add(head + f'"text"{colon}"')
    text = tl.text
    for start in range(0, len(text), TEXT_SLICE):
        yield from out.add(pydantic_core.to_json(text[start:start + TEXT_SLICE])[1:-1].decode("utf-8"))
    yield from out.add('"')
    for mark, lines in zip(marks, (tl.time_lines(), tl.event_lines(), tl.entry_lines()), strict=True):
        before, rest = _split(rest, mark)
        yield from out.add(before)
        if indent:
            items = (pydantic_core.to_json(pydantic_core.from_json(line), indent=indent).decode("utf-8")
                     for line in lines)
        else:
            items = (line.decode("utf-8") for line in lines)
        for piece in _json_list(mark, items, indent):
            yield from out.add(piece)
    yield from out.add(rest)
    yield from out.flush()


def stream_times_json(pub_date: dt.date | None, times: Iterable[TimeExpression], *,
                      pub_date_source: str | None = None) -> Iterator[str]:
    """``timeline tag --format json`` written time by time: the same text as ``json.dumps`` gives (indent 2,
    ``ensure_ascii=False``) for ``{"pub_date": ..., "pub_date_source": ..., "times": [each time's
    model_dump(mode="json")]}`` (``pub_date_source`` only when given)."""
    head_fields: dict[str, object] = {"pub_date": pub_date.isoformat() if pub_date else None}
    if pub_date_source is not None:
        head_fields["pub_date_source"] = pub_date_source
    skeleton = json.dumps({**head_fields, "times": []}, indent=2, ensure_ascii=False)
    mark = '"times": []'
    head, rest = _split(skeleton, mark)
    yield head
    yield from _json_list(mark, (json.dumps(t.model_dump(mode="json"), indent=2, ensure_ascii=False) for t in times),
                          2)
    yield rest + "\n"


def _json_list(mark: str, items: Iterable[str], indent: int | None) -> Iterator[str]:
    """A list member of a top-level JSON object, written item by item: ``mark`` is the member with the list
    empty ('"times": []'), each of ``items`` one item's JSON serialised with ``indent`` (2 or None). The same
    text as serialising the whole object with that indent gives for the member."""
    yield mark[:-1]
    first = True
    for item in items:
        if indent:
            yield ("\n" if first else ",\n") + "    " + item.replace("\n", "\n    ")
        else:
            yield ("" if first else ",") + item
        first = False
    yield "]" if first or not indent else "\n  ]"


def _split(text: str, mark: str) -> tuple[str, str]:
    at = text.index(mark)
    return text[:at], text[at + len(mark):]


class _Pieces:
    """Small strings gathered into pieces of about ``_PIECE`` characters (fewer writes)."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._size = 0

    def add(self, part: str) -> Iterator[str]:
        self._parts.append(part)
        self._size += len(part)
        if self._size >= _PIECE:
            yield from self.flush()

    def flush(self) -> Iterator[str]:
        if self._parts:
            yield "".join(self._parts)
            self._parts = []
            self._size = 0


def _prefixed(before: str, pieces: Iterator[str], after: str) -> Iterator[str]:
    if before:
        yield before
    yield from pieces
    if after:
        yield after
