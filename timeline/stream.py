"""A timeline that is not held whole: its times, events and entries spilled to temporary files.

``Extractor.build_stream`` hands each chunk's results to a :class:`Spill` as they are produced:
times, events and timeline entries go to three files of compact JSON lines (exactly each item's
``model_dump_json()``), and only what the sorted ``timeline[]`` needs stays in memory: one 64-bit
sort key per entry and one file offset per item (8 bytes each). :meth:`Spill.finish` sorts the
keys and returns a :class:`StreamedTimeline`, which reads the items back one at a time, in order
(``times()``, ``events()``, ``entries()`` sorted as ``Timeline.timeline``), so that a renderer can
write a document of any length with bounded memory. ``to_timeline()`` gives the whole ``Timeline``
(identical to ``Extractor.build``) when it is small enough to hold.

The files live in a private temporary folder, removed by ``close()`` (or leaving a ``with`` block).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from array import array
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from .errors import OutputError
from .models import (
    SCHEMA_VERSION,
    DocumentInfo,
    Event,
    PipelineInfo,
    TimeExpression,
    Timeline,
    TimelineEntry,
)

if TYPE_CHECKING:
    from .ordering import KeyedEntry, SortKey

# A sort key of ``ordering.sort_key`` -- (undated, sort_date, place, order) -- packed in 64 bits,
# most significant first, so that integer order is tuple order.
_ORDER_BITS = 34
_PLACE_BITS = 7  # ordering.PLACES places within a day
_DATE_BITS = 22  # date.max.toordinal() = 3,652,059 < 2**22
_ORDER_MASK = (1 << _ORDER_BITS) - 1


def pack_key(key: SortKey) -> int:
    """``ordering.sort_key``'s key as one unsigned 64-bit integer with the same order."""
    undated, day, place, order = key
    if not (0 <= order <= _ORDER_MASK and 0 <= place < (1 << _PLACE_BITS)):
        raise ValueError(f"sort key out of range: {key}")
    packed = undated
    packed = (packed << _DATE_BITS) | day.toordinal()
    packed = (packed << _PLACE_BITS) | place
    return (packed << _ORDER_BITS) | order


class _Lines:
    """One spill file: items appended as JSON lines, each line's offset kept for reading it back."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.offsets = array("Q")
        try:
            self._handle: IO[bytes] | None = open(path, "wb")  # noqa: SIM115 - closed by close()
        except OSError as exc:
            raise _spill_error(path, exc) from exc
        self._pos = 0

    def append(self, line: bytes) -> None:
        handle = self._handle
        if handle is None:
            raise OutputError(f"{self.path}: spill file already closed")
        self.offsets.append(self._pos)
        try:
            handle.write(line)
            handle.write(b"\n")
        except OSError as exc:
            raise _spill_error(self.path, exc) from exc
        self._pos += len(line) + 1

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            try:
                handle.close()
            except OSError as exc:
                raise _spill_error(self.path, exc) from exc

    def __len__(self) -> int:
        return len(self.offsets)


def _spill_error(path: str, exc: OSError) -> OutputError:
    return OutputError(f"cannot write the spill file {path}: {exc.strerror or exc}")


class Spill:
    """Receives a build's results chunk by chunk (``Extractor.build_stream``) and writes them to temporary files."""

    def __init__(self, folder: str | None = None) -> None:
        try:
            self.folder = tempfile.mkdtemp(prefix="timeline-spill-", dir=folder)
        except OSError as exc:
            raise OutputError(f"cannot create a temporary folder: {exc.strerror or exc}") from exc
        self._times = _Lines(os.path.join(self.folder, "times.jsonl"))
        self._events = _Lines(os.path.join(self.folder, "events.jsonl"))
        self._entries = _Lines(os.path.join(self.folder, "entries.jsonl"))
        self._keys = array("Q")
        self._selected = 0

    def add_times(self, times: list[TimeExpression]) -> None:
        for t in times:
            self._times.append(t.model_dump_json().encode("utf-8"))

    def add_events(self, events: list[Event], entries: list[KeyedEntry]) -> None:
        for ev in events:
            self._events.append(ev.model_dump_json().encode("utf-8"))
        for key, entry in entries:
            self._keys.append(pack_key(key))
            self._entries.append(entry.model_dump_json().encode("utf-8"))
            self._selected += entry.selected

    def finish(self, *, text: str, document: DocumentInfo, pipeline: PipelineInfo,
               warnings: list[str]) -> StreamedTimeline:
        """Close the files and sort the entries: the result, ready to be read."""
        import numpy as np

        for lines in (self._times, self._events, self._entries):
            lines.close()
        order = array("Q", (np.sort(np.frombuffer(self._keys, dtype=np.uint64)) & np.uint64(_ORDER_MASK)).tobytes())
        self._keys = array("Q")
        return StreamedTimeline(
            folder=self.folder, text=text, document=document, pipeline=pipeline, warnings=warnings,
            times=self._times, events=self._events, entries=self._entries, order=order, selected=self._selected,
        )

    def discard(self) -> None:
        """Remove the files of a build that failed (errors closing them are of no use any more)."""
        for lines in (self._times, self._events, self._entries):
            with contextlib.suppress(OutputError):
                lines.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class StreamedTimeline:
    """The result of ``Extractor.build_stream``: the header in memory, the items read back from the spill files.

    The same content as ``Timeline`` (``to_timeline()`` builds it): ``document``, ``pipeline``, ``text``
    and ``warnings`` are attributes; ``times()``, ``events()`` and ``entries()`` iterate over the items
    in the order of ``Timeline.times``, ``.events`` and ``.timeline``.
    """

    schema_version: str = SCHEMA_VERSION

    def __init__(self, *, folder: str, text: str, document: DocumentInfo, pipeline: PipelineInfo,
                 warnings: list[str], times: _Lines, events: _Lines, entries: _Lines, order: array[int],
                 selected: int) -> None:
        self.folder = folder
        self.text = text
        self.document = document
        self.pipeline = pipeline
        self.warnings = warnings
        self._times = times  # the closed spill files, their lines' offsets
        self._events = events
        self._entries = entries
        self._order = order  # entry numbers (document order) in timeline order
        self.selected_count = selected
        self._handles: dict[str, IO[bytes]] = {}

    # -- sizes ----------------------------------------------------------------------------
    @property
    def time_count(self) -> int:
        return len(self._times)

    @property
    def event_count(self) -> int:
        return len(self._events)

    @property
    def entry_count(self) -> int:
        return len(self._order)

    # -- items in order ----------------------------------------------------------------------
    def time_lines(self) -> Iterator[bytes]:
        """Each time as compact JSON (``model_dump_json()``), in document order."""
        yield from self._sequential(self._times.path)

    def event_lines(self) -> Iterator[bytes]:
        yield from self._sequential(self._events.path)

    def entry_lines(self) -> Iterator[bytes]:
        """Each timeline entry as compact JSON, in timeline (sorted) order."""
        handle = self._handle(self._entries.path)
        offsets = self._entries.offsets
        for n in self._order:
            handle.seek(offsets[n])
            yield handle.readline().rstrip(b"\n")

    def times(self) -> Iterator[TimeExpression]:
        for line in self.time_lines():
            yield TimeExpression.model_validate_json(line)

    def events(self) -> Iterator[Event]:
        for line in self.event_lines():
            yield Event.model_validate_json(line)

    def entries(self) -> Iterator[TimelineEntry]:
        for line in self.entry_lines():
            yield TimelineEntry.model_validate_json(line)

    # -- lookups -----------------------------------------------------------------------------
    def event(self, event_id: str) -> Event:
        """The event ``e<n>`` (read from the spill file)."""
        return Event.model_validate_json(self._line(self._events, event_id))

    def time(self, time_id: str) -> TimeExpression:
        return TimeExpression.model_validate_json(self._line(self._times, time_id))

    def to_timeline(self) -> Timeline:
        """The whole Timeline in memory (what ``Extractor.build`` returns)."""
        return Timeline(schema_version=self.schema_version, document=self.document, pipeline=self.pipeline,
                        text=self.text, times=list(self.times()), events=list(self.events()),
                        timeline=list(self.entries()), warnings=list(self.warnings))

    # -- lifetime ----------------------------------------------------------------------------
    def close(self) -> None:
        """Remove the spill files (the object cannot be read after)."""
        for handle in self._handles.values():
            handle.close()
        self._handles.clear()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> StreamedTimeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- files -------------------------------------------------------------------------------
    def _handle(self, path: str) -> IO[bytes]:
        handle = self._handles.get(path)
        if handle is None:
            handle = self._handles[path] = open(path, "rb")  # noqa: SIM115 - closed by close()
        return handle

    def _line(self, lines: _Lines, item_id: str) -> bytes:
        n = int(item_id[1:]) - 1
        if not 0 <= n < len(lines):
            raise KeyError(item_id)
        handle = self._handle(lines.path)
        handle.seek(lines.offsets[n])
        return handle.readline().rstrip(b"\n")

    @staticmethod
    def _sequential(path: str) -> Iterator[bytes]:
        with open(path, "rb", buffering=1 << 20) as handle:
            for line in handle:
                yield line.rstrip(b"\n")
